import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Chat } from '../../../../../src-shared/inbox';
import { useMinute } from '../../../lib/useMinute';
import { useBotList } from '../../bots/hooks/useBots';
import { inboxActions } from '../actions';
import { unreadTotal, type ChatView } from '../normalize';
import { useInboxStore, type ListMeta } from '../store';

const NO_IDS: number[] = [];

/**
 * A bot's chat list for one view. Read when first shown, when the view changes and again after a
 * reconnect cleared it; live events keep it in order meanwhile.
 */
export const useChatList = (botId: string, view: ChatView): { ids: number[]; meta: ListMeta | undefined } => {
  const { ids, meta } = useInboxStore(
    useShallow((s) => ({ ids: s.chatIdsByBot[botId] ?? NO_IDS, meta: s.lists[botId] })),
  );
  const current = meta !== undefined && meta.archived === view.archived && meta.query === view.query;
  const { archived, query } = view;
  useEffect(() => {
    if (!current) void inboxActions.loadChats(botId, { archived, query });
  }, [botId, current, archived, query]);
  return current ? { ids, meta } : { ids: NO_IDS, meta: undefined };
};

/** Each row selects its own chat, so one chat's change re-renders one row. */
export const useChat = (chatId: number | null): Chat | undefined =>
  useInboxStore((s) => (chatId === null ? undefined : s.chatsById[chatId]));

/** The sidebar badge: unread messages in every bot's chats the app has read (first pages and live). */
export const useTotalUnread = (): number => {
  const now = useMinute();
  return useInboxStore((s) => unreadTotal(Object.values(s.chatsById), now));
};

/** The bot whose chats are shown: the one last chosen while it exists, else the first. */
export const useInboxBot = (): { botId: string | null; botIds: string[]; ready: boolean } => {
  const bots = useBotList();
  const chosen = useInboxStore((s) => s.botId);
  const botId = chosen !== null && bots.ids.includes(chosen) ? chosen : (bots.ids[0] ?? null);
  return { botId, botIds: bots.ids, ready: bots.status === 'ready' };
};
