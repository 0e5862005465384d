import { beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../../src-shared/inbox';
import { useInboxStore } from './store';
import { makeChat, makeMessage as message } from './test-data';
import { firstUnreadOf, holdsTop, openingOf, openingPosition } from './thread-state';

const byId = (items: Message[]) => Object.fromEntries(items.map((m) => [m.id, m]));

describe('firstUnreadOf', () => {
  const thread = [
    message({ id: 1, fromMe: false }),
    message({ id: 2, fromMe: true }),
    message({ id: 3, fromMe: false }),
    message({ id: 4, fromMe: false, kind: 'system' }),
    message({ id: 5, fromMe: false }),
    message({ id: 6, fromMe: false }),
  ];
  const ids = thread.map((m) => m.id);

  it('finds the first of the last N messages others sent', () => {
    expect(firstUnreadOf(ids, byId(thread), 1)).toBe(6);
    expect(firstUnreadOf(ids, byId(thread), 2)).toBe(5);
    // The bot's own message and the group notice are not counted, as the engine does not count them.
    expect(firstUnreadOf(ids, byId(thread), 3)).toBe(3);
    expect(firstUnreadOf(ids, byId(thread), 4)).toBe(1);
  });

  it('has none when nothing is unread, and stops at the oldest loaded', () => {
    expect(firstUnreadOf(ids, byId(thread), 0)).toBeNull();
    expect(firstUnreadOf(ids, byId(thread), 50)).toBe(1);
    expect(firstUnreadOf([], {}, 3)).toBeNull();
  });
});

describe('openingPosition', () => {
  it('opens at a search hit, else at the first unread message, else at the newest', () => {
    expect(openingPosition(7, 3)).toEqual({ index: 7, align: 'center' });
    expect(openingPosition(-1, 3)).toEqual({ index: 3, align: 'start' });
    expect(openingPosition(-1, -1)).toEqual({ index: 'LAST', align: 'end' });
  });

  it('opens a chat whose every loaded message is unread at its first row, held until a message arrives', () => {
    expect(openingPosition(-1, 0)).toEqual({ index: 0, align: 'start' });
    const opening = openingOf([4, 5, 6], null, 4);
    expect(holdsTop(opening, [4, 5, 6])).toBe(true);
    // Older messages put in front keep the hold; a new message ends it, and from then on the
    // thread follows the output when at the bottom.
    expect(holdsTop(opening, [1, 2, 3, 4, 5, 6])).toBe(true);
    expect(holdsTop(opening, [4, 5, 6, 7])).toBe(false);
    // Opening at the divider further down, at a search hit, or at the newest never holds.
    expect(holdsTop(openingOf([4, 5, 6], null, 5), [4, 5, 6])).toBe(false);
    expect(holdsTop(openingOf([4, 5, 6], 4, 4), [4, 5, 6])).toBe(false);
    expect(holdsTop(openingOf([4, 5, 6], null, null), [4, 5, 6])).toBe(false);
  });
});

describe('the unread divider in the store', () => {
  beforeEach(() => useInboxStore.getState().reset());

  it('counts what was unread when the chat opened, and keeps it after the chat is read', () => {
    const store = useInboxStore.getState;
    store().receiveChat(chat(7, 2));
    const seq = store().beginThread(7, null);
    // The chat is marked read meanwhile: the divider still counts the two.
    store().receiveChat(chat(7, 0));
    const items = [5, 4, 3].map((id) => message({ id, chatId: 7, fromMe: false, ts: id }));
    store().applyLatest(7, seq, { items, nextBefore: null });
    expect(store().threads[7]).toMatchObject({ unreadAtOpen: 2, firstUnreadId: 4 });
    // A message arriving while the chat is open does not move it.
    store().receiveMessage(message({ id: 6, chatId: 7, fromMe: false, ts: 6 }));
    expect(store().threads[7]).toMatchObject({ unreadAtOpen: 2, firstUnreadId: 4 });
  });

  it('after a reload, takes the count from the chat when it comes with the first page', () => {
    const store = useInboxStore.getState;
    const seq = store().beginThread(8, null);
    store().receiveChat(chat(8, 1));
    store().applyLatest(8, seq, { items: [message({ id: 9, chatId: 8, fromMe: false })], nextBefore: null });
    expect(store().threads[8]).toMatchObject({ unreadAtOpen: 1, firstUnreadId: 9 });
  });
});

const chat = (id: number, unread: number) => makeChat({ id, unread });
