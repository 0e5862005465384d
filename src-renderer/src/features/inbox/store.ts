import { create } from 'zustand';
import type { Chat, ChatKey, Message } from '../../../../src-shared/inbox';
import { appendIds, mergeMessage, placeChat, type ChatView } from './normalize';
import { rememberBot, rememberedBot } from './bot-choice';
import { chatChangedSince, forgetTouches, nextSeq, touchChat } from './seq';
import { searchReducers, type SearchActions, type SearchState } from './search-state';
import { insertLive, threadReducers, type ThreadActions, type ThreadMeta } from './thread-state';

export type { SearchState } from './search-state';
export type { ThreadMeta } from './thread-state';

type LoadStatus = 'loading' | 'ready' | 'error';

/** One bot's chat list as far as it has been read, for one view (archived or not, a name filter). */
export type ListMeta = ChatView & {
  status: LoadStatus;
  nextBefore: ChatKey | null;
  loadingMore: boolean;
  error: string | null;
  seq: number;
};

export type ChatPage = { items: Chat[]; nextBefore: ChatKey | null };

export type InboxState = {
  /** The bot whose chats are shown, as last chosen (remembered across reloads). */
  botId: string | null;
  chatsById: Record<number, Chat>;
  /** The order of each bot's list as shown (the view in `lists`). */
  chatIdsByBot: Record<string, number[]>;
  lists: Record<string, ListMeta>;
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

  chooseBot: (botId: string) => void;
  setDraft: (chatId: number, text: string) => void;
  beginList: (botId: string, view: ChatView) => number;
  applyListPage: (botId: string, seq: number, page: ChatPage, more: boolean) => void;
  patchList: (botId: string, seq: number, patch: Partial<ListMeta>) => void;
  /** Chats read outside a list (the first pages behind the sidebar badge). */
  receiveChats: (chats: Chat[], since: number) => void;
  receiveChat: (chat: Chat) => void;
  removeBot: (botId: string) => void;
  receiveMessage: (message: Message) => void;
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

    chooseBot(botId) {
      rememberBot(botId);
      set((s) => (s.botId === botId ? s : { botId, openChatId: null, search: null }));
    },

    setDraft: (chatId, text) => set((s) => ({ drafts: { ...s.drafts, [chatId]: text } })),

    beginList(botId, view) {
      const seq = nextSeq();
      set((s) => {
        const current = s.lists[botId];
        // A reload of the same view keeps the rows on screen until the new page replaces them.
        const same = current && current.archived === view.archived && current.query === view.query;
        const base = { ...view, nextBefore: null, loadingMore: false, error: null, seq };
        return {
          lists: { ...s.lists, [botId]: { ...base, status: same ? current.status : 'loading' } },
          chatIdsByBot: same ? s.chatIdsByBot : { ...s.chatIdsByBot, [botId]: [] },
        };
      });
      return seq;
    },

    applyListPage(botId, seq, page, more) {
      set((s) => {
        const meta = s.lists[botId];
        if (!meta || meta.seq !== seq) return s;
        const chatsById = keepFresh(s.chatsById, page.items, seq);
        const pageIds = page.items.map((c) => c.id);
        const ids = more ? appendIds(s.chatIdsByBot[botId] ?? [], pageIds) : pageIds;
        return {
          chatsById,
          chatIdsByBot: { ...s.chatIdsByBot, [botId]: ids },
          lists: {
            ...s.lists,
            [botId]: { ...meta, status: 'ready', nextBefore: page.nextBefore, loadingMore: false, error: null },
          },
        };
      });
    },

    patchList(botId, seq, patch) {
      set((s) => {
        const meta = s.lists[botId];
        return meta && meta.seq === seq ? { lists: { ...s.lists, [botId]: { ...meta, ...patch } } } : s;
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
        const meta = s.lists[chat.botId];
        const ids = s.chatIdsByBot[chat.botId];
        if (!meta || !ids || meta.status === 'error') return { chatsById };
        const placed = placeChat(ids, chat, wasPinned, chatsById, meta, meta.nextBefore);
        return placed === ids
          ? { chatsById }
          : { chatsById, chatIdsByBot: { ...s.chatIdsByBot, [chat.botId]: placed } };
      });
    },

    removeBot(botId) {
      set((s) => {
        const chatsById = Object.fromEntries(Object.entries(s.chatsById).filter(([, c]) => c.botId !== botId));
        const chatIdsByBot = { ...s.chatIdsByBot };
        const lists = { ...s.lists };
        delete chatIdsByBot[botId];
        delete lists[botId];
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
