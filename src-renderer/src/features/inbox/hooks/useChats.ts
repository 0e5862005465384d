import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Chat } from '../../../../../src-shared/inbox';
import { useMinute } from '../../../lib/useMinute';
import { useBotList } from '../../bots/hooks/useBots';
import { useBotsStore } from '../../bots/store';
import { inboxActions } from '../actions';
import { ALL_BOTS, type BotChoice } from '../bot-choice';
import { unreadTotal, type ChatView } from '../normalize';
import { useInboxStore, type ListMeta } from '../store';

const NO_IDS: number[] = [];

/**
 * A chat list (a bot's, or "All bots") for one view. Read when first shown, when the view changes
 * and again after a reconnect cleared it; live events keep it in order meanwhile.
 */
export const useChatList = (list: BotChoice, view: ChatView): { ids: number[]; meta: ListMeta | undefined } => {
  const { ids, meta } = useInboxStore(
    useShallow((s) => ({ ids: s.chatIdsByBot[list] ?? NO_IDS, meta: s.lists[list] })),
  );
  const { archived, query, filter = 'all' } = view;
  const current =
    meta !== undefined && meta.archived === archived && meta.query === query && (meta.filter ?? 'all') === filter;
  useEffect(() => {
    if (!current) void inboxActions.loadChats(list, { archived, query, filter });
  }, [list, current, archived, query, filter]);
  return current ? { ids, meta } : { ids: NO_IDS, meta: undefined };
};

/** Each row selects its own chat, so one chat's change re-renders one row. */
export const useChat = (chatId: number | null): Chat | undefined =>
  useInboxStore((s) => (chatId === null ? undefined : s.chatsById[chatId]));

/** A chat's bot as its row names it with "All bots": its name and its place in the bot list (for its colour). */
export const useBotLabel = (botId: string): { name: string | undefined; index: number } =>
  useBotsStore(useShallow((s) => ({ name: s.byId[botId]?.name, index: Math.max(0, s.ids.indexOf(botId)) })));

/** The sidebar badge: unread messages in every bot's chats the app has read (first pages and live). */
export const useTotalUnread = (): number => {
  const now = useMinute();
  return useInboxStore((s) => unreadTotal(Object.values(s.chatsById), now));
};

/**
 * Whose chats are shown: the bot last chosen while it exists, or "All bots" (`ALL_BOTS`) while
 * there is any bot, else the first bot. Null while there is no bot.
 */
export const useInboxBot = (): { botId: BotChoice | null; botIds: string[]; ready: boolean } => {
  const bots = useBotList();
  const chosen = useInboxStore((s) => s.botId);
  const first = bots.ids[0] ?? null;
  const valid = chosen !== null && (chosen === ALL_BOTS ? first !== null : bots.ids.includes(chosen));
  return { botId: valid ? chosen : first, botIds: bots.ids, ready: bots.status === 'ready' };
};
