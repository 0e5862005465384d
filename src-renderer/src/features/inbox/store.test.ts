import { beforeEach, describe, expect, it } from 'vitest';
import type { Chat, Message } from '../../../../src-shared/inbox';
import { useInboxStore } from './store';
import { makeChat, makeMessage } from './test-data';
import { FIRST_INDEX } from './thread-state';

const chat = (id: number, patch: Partial<Chat> = {}): Chat =>
  makeChat({
    id,
    jid: `4479111234${String(id).padStart(2, '0')}@s.whatsapp.net`,
    title: `Customer ${id}`,
    phone: `+4479111234${String(id).padStart(2, '0')}`,
    lastTs: id * 1_000,
    ...patch,
  });

const message = (id: number, patch: Partial<Message> = {}): Message =>
  makeMessage({ id, waId: `W${id}`, senderName: 'Ana', ts: id * 1_000, text: `message ${id}`, ...patch });

const store = () => useInboxStore.getState();
const order = () => store().chatIdsByBot['bot-1'];
const thread = () => store().idsByChat[1];
const ALL = { archived: false, query: '' };

/** A loaded list: the engine's first page, pinned first then newest first. */
const loadList = (items: Chat[], nextBefore: { ts: number; id: number } | null = null) => {
  const seq = store().beginList('bot-1', ALL);
  store().applyListPage('bot-1', seq, { items, nextBefore }, false);
};

beforeEach(() => {
  useInboxStore.setState(useInboxStore.getInitialState(), true);
});

describe('inbox store: chats', () => {
  it('keeps pinned chats first and the rest newest first as events move them', () => {
    loadList([chat(5, { pinned: true }), chat(3), chat(2), chat(1)]);
    expect(order()).toEqual([5, 3, 2, 1]);

    store().receiveChat(chat(1, { lastTs: 10_000, unread: 1 }));
    expect(order()).toEqual([5, 1, 3, 2]);

    // A newly pinned chat goes to the very top (the engine orders pins newest first).
    store().receiveChat(chat(2, { pinned: true }));
    expect(order()).toEqual([2, 5, 1, 3]);
    // A pinned chat's new message does not reorder the pins.
    store().receiveChat(chat(5, { pinned: true, lastTs: 50_000 }));
    expect(order()).toEqual([2, 5, 1, 3]);

    store().receiveChat(chat(2, { pinned: false }));
    expect(order()).toEqual([5, 1, 3, 2]);

    // Archived leaves the list; a brand-new chat comes in at its place.
    store().receiveChat(chat(3, { archived: true }));
    store().receiveChat(chat(9, { lastTs: 20_000 }));
    expect(order()).toEqual([5, 9, 1, 2]);
    expect(store().chatsById[3]?.archived).toBe(true);
  });

  it('leaves a chat below the last loaded page for the next page to bring', () => {
    loadList([chat(9), chat(8)], { ts: 8_000, id: 8 });
    store().receiveChat(chat(4));
    expect(order()).toEqual([9, 8]);
    store().receiveChat(chat(4, { lastTs: 30_000 }));
    expect(order()).toEqual([4, 9, 8]);
  });

  it('adds live chats to a filtered list only when they match it', () => {
    const seq = store().beginList('bot-1', { archived: false, query: 'ana' });
    store().applyListPage('bot-1', seq, { items: [chat(1, { title: 'Ana Souza' })], nextBefore: null }, false);
    store().receiveChat(chat(2, { title: 'Ben Carter', lastTs: 9_000 }));
    store().receiveChat(chat(3, { title: 'Mariana', lastTs: 9_500 }));
    expect(order()).toEqual([3, 1]);
  });

  it('drops a page answered for an older request, and keeps what events said since', () => {
    const old = store().beginList('bot-1', ALL);
    const seq = store().beginList('bot-1', { archived: true, query: '' });
    store().applyListPage('bot-1', old, { items: [chat(1)], nextBefore: null }, false);
    expect(order()).toEqual([]);

    // The chat was read (an event) while the archived page was on its way: it stays read.
    store().receiveChat(chat(7, { archived: true, unread: 0 }));
    store().applyListPage('bot-1', seq, { items: [chat(7, { archived: true, unread: 4 })], nextBefore: null }, false);
    expect(order()).toEqual([7]);
    expect(store().chatsById[7]?.unread).toBe(0);
  });

  it('appends later pages without repeats', () => {
    loadList([chat(9), chat(8)], { ts: 8_000, id: 8 });
    const { seq } = store().lists['bot-1'] ?? { seq: 0 };
    store().applyListPage('bot-1', seq, { items: [chat(8), chat(7), chat(6)], nextBefore: null }, true);
    expect(order()).toEqual([9, 8, 7, 6]);
  });

  it('forgets a deleted bot’s chats and closes its open chat', () => {
    loadList([chat(1), chat(2)]);
    store().receiveChats([chat(3, { botId: 'bot-2', unread: 2 })], 0);
    store().openChat(1);
    store().removeBot('bot-1');
    expect(Object.keys(store().chatsById)).toEqual(['3']);
    expect(store().openChatId).toBeNull();
    expect(store().chatIdsByBot['bot-1']).toBeUndefined();
  });
});

describe('inbox store: threads', () => {
  it('normalizes a page oldest first and replaces a message in place when its status changes', () => {
    const seq = store().beginThread(1, null);
    store().applyLatest(1, seq, {
      items: [message(3, { fromMe: true, status: 'sent' }), message(2), message(1)],
      nextBefore: { ts: 1_000, id: 1 },
    });
    const ids = thread();
    expect(ids).toEqual([1, 2, 3]);

    store().receiveMessage(message(3, { fromMe: true, status: 'delivered' }));
    expect(thread()).toBe(ids);
    expect(store().messagesById[3]?.status).toBe('delivered');

    // The send call's own reply can arrive after the events: its older status is not applied.
    store().receiveMessage(message(3, { fromMe: true, status: 'pending', text: 'edited' }));
    expect(store().messagesById[3]).toMatchObject({ status: 'delivered', text: 'edited' });
  });

  it('puts an older page in front and moves the first index back by as many', () => {
    const seq = store().beginThread(1, null);
    store().applyLatest(1, seq, { items: [message(12), message(11)], nextBefore: { ts: 11_000, id: 11 } });
    store().patchThread(1, seq, { loadingOlder: true });
    store().applyOlder(1, seq, { items: [message(10), message(9), message(8)], nextBefore: null });
    expect(thread()).toEqual([8, 9, 10, 11, 12]);
    expect(store().threads[1]).toMatchObject({
      firstItemIndex: FIRST_INDEX - 3,
      nextBefore: null,
      loadingOlder: false,
    });
  });

  it('adds live messages in time order, also while the first page is on its way', () => {
    const seq = store().beginThread(1, null);
    store().receiveMessage(message(20));
    store().applyLatest(1, seq, { items: [message(19), message(18)], nextBefore: null });
    expect(thread()).toEqual([18, 19, 20]);
    store().receiveMessage(message(21, { ts: 18_500 }));
    expect(thread()).toEqual([18, 21, 19, 20]);
    // Messages of chats that are not open are not kept.
    store().receiveMessage(message(30, { chatId: 2 }));
    expect(store().messagesById[30]).toBeUndefined();
  });

  it('after a jump, takes newer pages at the end and live messages only once it reaches the newest', () => {
    const seq = store().beginThread(1, 50);
    store().applyAround(1, seq, {
      items: [message(52), message(51), message(50), message(49)],
      nextBefore: { ts: 49_000, id: 49 },
      nextAfter: { ts: 52_000, id: 52 },
    });
    expect(thread()).toEqual([49, 50, 51, 52]);
    store().receiveMessage(message(60));
    expect(thread()).toEqual([49, 50, 51, 52]);

    store().applyNewer(1, seq, { items: [message(60), message(54), message(53)], nextAfter: null });
    expect(thread()).toEqual([49, 50, 51, 52, 53, 54, 60]);
    expect(store().threads[1]?.live).toBe(true);
    store().receiveMessage(message(61));
    expect(thread()?.at(-1)).toBe(61);
  });

  it('learns members’ names from their messages, for quotes', () => {
    const seq = store().beginThread(1, null);
    store().applyLatest(1, seq, {
      items: [message(2, { senderJid: '447911123402:3@s.whatsapp.net', senderName: 'Tom' })],
      nextBefore: null,
    });
    expect(store().senderNames['447911123402@s.whatsapp.net']).toBe('Tom');
  });
});
