import { create } from 'zustand';
import type { Chat, ChatKey, Message } from '../../../../src-shared/inbox';
import { appendIds, mergeMessage, placeChat, type ChatView } from './normalize';
import { ALL_BOTS, rememberBot, rememberedBot, type BotChoice } from './bot-choice';
import { chatChangedSince, forgetTouches, nextSeq, touchChat } from './seq';
import { searchReducers, type SearchActions, type SearchState } from './search-state';
import { insertLive, threadReducers, type ThreadActions, type ThreadMeta } from './thread-state';

export type { SearchState } from './search-state';
export type { ThreadMeta } from './thread-state';

type LoadStatus = 'loading' | 'ready' | 'error';

/** One chat list (a bot's, or "All bots") as far as it has been read, for one view (archived or not, a name filter). */
export type ListMeta = ChatView & {
  status: LoadStatus;
  nextBefore: ChatKey | null;
  loadingMore: boolean;
  error: string | null;
  seq: number;
};

export type ChatPage = { items: Chat[]; nextBefore: ChatKey | null };

export type InboxState = {
  /** The bot whose chats are shown, or ALL_BOTS, as last chosen (remembered across reloads). */
  botId: BotChoice | null;
  chatsById: Record<number, Chat>;
  /** The order of each list as shown (the view in `lists`), keyed by bot id or ALL_BOTS. */
  chatIdsByBot: Record<BotChoice, number[]>;
  lists: Record<BotChoice, ListMeta>;
  messagesById: Record<number, Message>;
  /** Each loaded thread's ids, oldest first. */
  idsByChat: Record<number, number[]>;
  threads: Record<number, ThreadMeta>;
  search: SearchState | null;
  openChatId: number | null;
  /** A search hit jumped to: marked for a moment so the eye finds it. */
  highlightId: number | null;
  /** Per chat, the message the next reply quotes. */
  replyTo: Record<number, number>;
  /** Names people go by, learnt from their messages (bare JID → name), for quotes. */
  senderNames: Record<string, string>;
  /** What is typed in each chat's composer and not sent yet. */
  drafts: Record<number, string>;

  chooseBot: (choice: BotChoice) => void;
  setDraft: (chatId: number, text: string) => void;
  beginList: (list: BotChoice, view: ChatView) => number;
  applyListPage: (list: BotChoice, seq: number, page: ChatPage, more: boolean) => void;
  patchList: (list: BotChoice, seq: number, patch: Partial<ListMeta>) => void;
  /** Chats read outside a list (the first pages behind the sidebar badge). */
  receiveChats: (chats: Chat[], since: number) => void;
  receiveChat: (chat: Chat) => void;
  removeBot: (botId: string) => void;
  receiveMessage: (message: Message) => void;
  /** A message deleted for me: it leaves its thread (and any reply waiting to quote it). */
  removeMessage: (chatId: number, messageId: number) => void;
  openChat: (chatId: number | null) => void;
  setHighlight: (messageId: number | null) => void;
  setReplyTo: (chatId: number, messageId: number | null) => void;
  /** After a reconnect events may have been missed: everything is read again. */
  reset: () => void;
} & ThreadActions &
  SearchActions;

const EMPTY = {
  chatsById: {},
  chatIdsByBot: {},
  lists: {},
  messagesById: {},
  idsByChat: {},
  threads: {},
  search: null,
  openChatId: null,
  highlightId: null,
  replyTo: {},
  senderNames: {},
};

export const useInboxStore = create<InboxState>()((set) => {
  const keepFresh = (current: Record<number, Chat>, chats: Chat[], seq: number): Record<number, Chat> => {
    const next = { ...current };
    for (const chat of chats) if (!chatChangedSince(chat.id, seq) || !next[chat.id]) next[chat.id] = chat;
    return next;
  };

  return {
    ...EMPTY,
    ...threadReducers(set),
    ...searchReducers(set),
    botId: rememberedBot(),
    drafts: {},

    chooseBot(choice) {
      rememberBot(choice);
      set((s) => (s.botId === choice ? s : { botId: choice, openChatId: null, search: null }));
    },

    setDraft: (chatId, text) => set((s) => ({ drafts: { ...s.drafts, [chatId]: text } })),

    beginList(list, view) {
      const seq = nextSeq();
      set((s) => {
        const current = s.lists[list];
        // A reload of the same view keeps the rows on screen until the new page replaces them.
        const same =
          current &&
          current.archived === view.archived &&
          current.query === view.query &&
          (current.filter ?? 'all') === (view.filter ?? 'all');
        const base = { ...view, nextBefore: null, loadingMore: false, error: null, seq };
        return {
          lists: { ...s.lists, [list]: { ...base, status: same ? current.status : 'loading' } },
          chatIdsByBot: same ? s.chatIdsByBot : { ...s.chatIdsByBot, [list]: [] },
        };
      });
      return seq;
    },

    applyListPage(list, seq, page, more) {
      set((s) => {
        const meta = s.lists[list];
        if (!meta || meta.seq !== seq) return s;
        const chatsById = keepFresh(s.chatsById, page.items, seq);
        const pageIds = page.items.map((c) => c.id);
        const ids = more ? appendIds(s.chatIdsByBot[list] ?? [], pageIds) : pageIds;
        return {
          chatsById,
          chatIdsByBot: { ...s.chatIdsByBot, [list]: ids },
          lists: {
            ...s.lists,
            [list]: { ...meta, status: 'ready', nextBefore: page.nextBefore, loadingMore: false, error: null },
          },
        };
      });
    },

    patchList(list, seq, patch) {
      set((s) => {
        const meta = s.lists[list];
        return meta && meta.seq === seq ? { lists: { ...s.lists, [list]: { ...meta, ...patch } } } : s;
      });
    },

    receiveChats(chats, since) {
      set((s) => ({ chatsById: keepFresh(s.chatsById, chats, since) }));
    },

    receiveChat(chat) {
      touchChat(chat.id);
      set((s) => {
        const wasPinned = s.chatsById[chat.id]?.pinned ?? false;
        const chatsById = { ...s.chatsById, [chat.id]: chat };
        let chatIdsByBot = s.chatIdsByBot;
        // The chat's own bot's list and the list of all bots, each where it is loaded.
        for (const list of [chat.botId, ALL_BOTS]) {
          const meta = s.lists[list];
          const ids = chatIdsByBot[list];
          if (!meta || !ids || meta.status === 'error') continue;
          const placed = placeChat(ids, chat, wasPinned, chatsById, meta, meta.nextBefore);
          if (placed !== ids) chatIdsByBot = { ...chatIdsByBot, [list]: placed };
        }
        return chatIdsByBot === s.chatIdsByBot ? { chatsById } : { chatsById, chatIdsByBot };
      });
    },

    removeBot(botId) {
      set((s) => {
        const chatsById = Object.fromEntries(Object.entries(s.chatsById).filter(([, c]) => c.botId !== botId));
        const chatIdsByBot = { ...s.chatIdsByBot };
        const lists = { ...s.lists };
        delete chatIdsByBot[botId];
        delete lists[botId];
        const all = chatIdsByBot[ALL_BOTS];
        if (all) chatIdsByBot[ALL_BOTS] = all.filter((id) => id in chatsById);
        const openGone = s.openChatId !== null && !(s.openChatId in chatsById);
        return {
          chatsById,
          chatIdsByBot,
          lists,
          openChatId: openGone ? null : s.openChatId,
          search: s.search?.botId === botId ? null : s.search,
        };
      });
    },

    receiveMessage(message) {
      set((s) => {
        const known = s.messagesById[message.id];
        if (known) return { messagesById: { ...s.messagesById, [message.id]: mergeMessage(known, message) } };
        // Only a thread that shows its newest end takes new messages; after a jump back, the
        // newer pages bring them in order.
        const thread = s.threads[message.chatId];
        if (!thread?.live) return s;
        return insertLive(s, message);
      });
    },

    removeMessage(chatId, messageId) {
      set((s) => {
        if (!(messageId in s.messagesById)) return s;
        const messagesById = { ...s.messagesById };
        delete messagesById[messageId];
        const ids = s.idsByChat[chatId];
        const replyTo = { ...s.replyTo };
        if (replyTo[chatId] === messageId) delete replyTo[chatId];
        return {
          messagesById,
          idsByChat: ids ? { ...s.idsByChat, [chatId]: ids.filter((id) => id !== messageId) } : s.idsByChat,
          replyTo,
        };
      });
    },

    openChat: (openChatId) => set({ openChatId }),
    setHighlight: (highlightId) => set({ highlightId }),
    setReplyTo(chatId, messageId) {
      set((s) => {
        const replyTo = { ...s.replyTo };
        if (messageId === null) delete replyTo[chatId];
        else replyTo[chatId] = messageId;
        return { replyTo };
      });
    },

    reset() {
      forgetTouches();
      set((s) => ({ ...EMPTY, openChatId: s.openChatId, replyTo: s.replyTo, search: s.search }));
    },
  };
});
