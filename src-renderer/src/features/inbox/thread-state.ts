import type { FlatIndexLocationWithAlign } from 'react-virtuoso';
import type { StoreApi } from 'zustand';
import type { ChatKey, Message } from '../../../../src-shared/inbox';
import { insertMessageId, mergeMessage, mergeThreadIds } from './normalize';
import { nextSeq } from './seq';
import { bareJid } from './text';
import type { InboxState } from './store';

export type ThreadMeta = {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  nextBefore: ChatKey | null;
  nextAfter: ChatKey | null;
  /** The loaded window reaches the newest message, so live messages join it. */
  live: boolean;
  loadingOlder: boolean;
  loadingNewer: boolean;
  /**
   * The list index of the first loaded message. It goes down by the number of messages put in
   * front, which is how the virtual list keeps what is on screen still while older pages load.
   */
  firstItemIndex: number;
  /** The message to show first (a search hit), else the newest. */
  focusId: number | null;
  /**
   * How many messages were unread when the chat was opened (null until the chat is known), and
   * the first of them: the "3 unread messages" divider goes above it and stays until the chat is left.
   */
  unreadAtOpen: number | null;
  firstUnreadId: number | null;
  seq: number;
};

type Page = { items: Message[] };

export type ThreadActions = {
  /** Starts reading a chat's thread; other threads are let go (one is open at a time). */
  beginThread: (chatId: number, focusId: number | null) => number;
  applyLatest: (chatId: number, seq: number, page: Page & { nextBefore: ChatKey | null }) => void;
  applyAround: (
    chatId: number,
    seq: number,
    page: Page & { nextBefore: ChatKey | null; nextAfter: ChatKey | null },
  ) => void;
  applyOlder: (chatId: number, seq: number, page: Page & { nextBefore: ChatKey | null }) => void;
  applyNewer: (chatId: number, seq: number, page: Page & { nextAfter: ChatKey | null }) => void;
  patchThread: (chatId: number, seq: number, patch: Partial<ThreadMeta>) => void;
};

/** Well above any thread's length: the index must stay positive however many pages go in front. */
export const FIRST_INDEX = 10_000_000;

type Slice = Pick<InboxState, 'messagesById' | 'idsByChat' | 'threads' | 'senderNames'>;

const withMessages = (byId: Record<number, Message>, items: Message[]): Record<number, Message> => {
  const next = { ...byId };
  for (const message of items) next[message.id] = mergeMessage(next[message.id], message);
  return next;
};

/**
 * Members' names as their own messages carry them: a quote only has the sender's JID, and
 * "Maria" reads better than her number. Unchanged (same object) when nothing new was learnt.
 */
export const learnNames = (names: Record<string, string>, items: Message[]): Record<string, string> => {
  let next = names;
  for (const m of items) {
    const jid = bareJid(m.senderJid);
    if (!m.fromMe && m.senderName && next[jid] !== m.senderName) {
      if (next === names) next = { ...names };
      next[jid] = m.senderName;
    }
  }
  return next;
};

/**
 * The first of the last `unread` messages others sent (the bot's own and group notices do not
 * count, as the engine counts), among a thread's ids oldest first. When fewer are loaded than are
 * unread, the oldest loaded one: the divider then sits at the top of what is loaded.
 */
export const firstUnreadOf = (ids: number[], byId: Record<number, Message>, unread: number): number | null => {
  if (unread <= 0) return null;
  let seen = 0;
  let first: number | null = null;
  for (let i = ids.length - 1; i >= 0 && seen < unread; i--) {
    const message = byId[ids[i] ?? -1];
    if (!message || message.fromMe || message.kind === 'system') continue;
    seen += 1;
    first = message.id;
  }
  return first;
};

/**
 * A search hit opens centred; a chat with unread messages opens at the divider, as WhatsApp's
 * does; else at the newest. A chat whose every loaded message is unread opens at its first row,
 * which Virtuoso takes as no initial item: the list is shown at once, at its top, and the thread
 * holds it there (see `holdsTop`). An offset to make it a "real" initial item was tried: Virtuoso
 * then hides the list until that scroll is confirmed, which never comes for a list too short to
 * scroll, so a new customer's chat stayed blank.
 */
export const openingPosition = (focusIndex: number, unreadIndex: number): FlatIndexLocationWithAlign => {
  if (focusIndex >= 0) return { index: focusIndex, align: 'center' };
  if (unreadIndex >= 0) return { index: unreadIndex, align: 'start' };
  return { index: 'LAST', align: 'end' };
};

/** Where a loaded thread opened: at its first row (every loaded message unread), and its newest row then. */
export type Opening = { atTop: boolean; lastId: number | undefined };

export const openingOf = (ids: readonly number[], focusId: number | null, firstUnreadId: number | null): Opening => ({
  atTop: focusId === null && firstUnreadId !== null && ids[0] === firstUnreadId,
  lastId: ids[ids.length - 1],
});

/**
 * True while a thread that opened at its first row must not follow its output: Virtuoso sticks a
 * list to the bottom for 100 ms after mounting whenever rows measured taller push it off the
 * bottom, whatever the followOutput callback answers, so only followOutput={false} keeps the
 * first unread message in view on a busy PC. The hold ends with the first new message (older
 * pages put in front do not end it).
 */
export const holdsTop = (opening: Opening, ids: readonly number[]): boolean =>
  opening.atTop && ids[ids.length - 1] === opening.lastId;

/** A live message joins its thread in time order. */
export const insertLive = (s: Slice, message: Message): Partial<Slice> => {
  const messagesById = { ...s.messagesById, [message.id]: message };
  const ids = insertMessageId(s.idsByChat[message.chatId] ?? [], message, messagesById);
  return {
    messagesById,
    idsByChat: { ...s.idsByChat, [message.chatId]: ids },
    senderNames: learnNames(s.senderNames, [message]),
  };
};

/** A page's messages the thread does not hold yet, oldest first (pages come newest first). */
const notLoaded = (ids: number[], items: Message[]): Message[] => {
  const have = new Set(ids);
  return items.filter((m) => !have.has(m.id)).reverse();
};

export const threadReducers = (set: StoreApi<InboxState>['setState']): ThreadActions => {
  /** Applies a change to the thread of request `seq`, or nothing when a newer request replaced it. */
  const update = (chatId: number, seq: number, change: (s: InboxState, meta: ThreadMeta) => Partial<InboxState>) =>
    set((s) => {
      const meta = s.threads[chatId];
      return meta && meta.seq === seq ? change(s, meta) : s;
    });

  return {
    beginThread(chatId, focusId) {
      const seq = nextSeq();
      const meta: ThreadMeta = {
        status: 'loading',
        error: null,
        nextBefore: null,
        nextAfter: null,
        live: focusId === null,
        loadingOlder: false,
        loadingNewer: false,
        firstItemIndex: FIRST_INDEX,
        focusId,
        unreadAtOpen: null,
        firstUnreadId: null,
        seq,
      };
      // Read before the chat is marked read: what was unread when it opened is what the divider counts.
      set((s) => ({
        threads: { [chatId]: { ...meta, unreadAtOpen: s.chatsById[chatId]?.unread ?? null } },
        idsByChat: { [chatId]: [] },
        messagesById: {},
      }));
      return seq;
    },

    applyLatest(chatId, seq, page) {
      update(chatId, seq, (s, meta) => {
        const messagesById = withMessages(s.messagesById, page.items);
        // Messages that arrived live while the page was on its way are kept.
        const ids = mergeThreadIds(
          page.items.map((m) => m.id),
          s.idsByChat[chatId] ?? [],
          messagesById,
        );
        // After a reload the chat itself may have come only now (with its count, not yet marked read).
        const unreadAtOpen = meta.unreadAtOpen ?? s.chatsById[chatId]?.unread ?? 0;
        const firstUnreadId = firstUnreadOf(ids, messagesById, unreadAtOpen);
        return {
          messagesById,
          idsByChat: { ...s.idsByChat, [chatId]: ids },
          senderNames: learnNames(s.senderNames, page.items),
          threads: {
            ...s.threads,
            [chatId]: {
              ...meta,
              status: 'ready',
              nextBefore: page.nextBefore,
              live: true,
              unreadAtOpen,
              firstUnreadId,
            },
          },
        };
      });
    },

    applyAround(chatId, seq, page) {
      update(chatId, seq, (s, meta) => ({
        messagesById: withMessages(s.messagesById, page.items),
        idsByChat: { ...s.idsByChat, [chatId]: page.items.map((m) => m.id).reverse() },
        senderNames: learnNames(s.senderNames, page.items),
        threads: {
          ...s.threads,
          [chatId]: {
            ...meta,
            status: 'ready',
            nextBefore: page.nextBefore,
            nextAfter: page.nextAfter,
            live: page.nextAfter === null,
          },
        },
      }));
    },

    applyOlder(chatId, seq, page) {
      update(chatId, seq, (s, meta) => {
        const ids = s.idsByChat[chatId] ?? [];
        const added = notLoaded(ids, page.items);
        return {
          messagesById: withMessages(s.messagesById, added),
          idsByChat: { ...s.idsByChat, [chatId]: [...added.map((m) => m.id), ...ids] },
          senderNames: learnNames(s.senderNames, added),
          threads: {
            ...s.threads,
            [chatId]: {
              ...meta,
              nextBefore: page.nextBefore,
              loadingOlder: false,
              firstItemIndex: meta.firstItemIndex - added.length,
            },
          },
        };
      });
    },

    applyNewer(chatId, seq, page) {
      update(chatId, seq, (s, meta) => {
        const ids = s.idsByChat[chatId] ?? [];
        const added = notLoaded(ids, page.items);
        return {
          messagesById: withMessages(s.messagesById, added),
          idsByChat: { ...s.idsByChat, [chatId]: [...ids, ...added.map((m) => m.id)] },
          senderNames: learnNames(s.senderNames, added),
          threads: {
            ...s.threads,
            [chatId]: { ...meta, nextAfter: page.nextAfter, live: page.nextAfter === null, loadingNewer: false },
          },
        };
      });
    },

    patchThread(chatId, seq, patch) {
      update(chatId, seq, (s, meta) => ({ threads: { ...s.threads, [chatId]: { ...meta, ...patch } } }));
    },
  };
};
