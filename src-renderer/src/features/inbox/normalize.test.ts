import { describe, expect, it } from 'vitest';
import type { Chat, Message } from '../../../../src-shared/inbox';
import { makeChat, makeMessage } from './test-data';
import { appendIds, insertMessageId, matchesQuery, mergeMessage, unreadTotal } from './normalize';

const chat = (patch: Partial<Chat>): Chat => makeChat(patch);

const message = (id: number, ts: number, patch: Partial<Message> = {}): Message =>
  makeMessage({ id, waId: `W${id}`, fromMe: true, senderJid: 'me', ts, status: 'pending', ...patch });

describe('inbox normalization', () => {
  it('totals unread across bots, leaving out archived and muted chats', () => {
    const now = 1_000_000;
    const chats = [
      chat({ id: 1, unread: 3 }),
      chat({ id: 2, botId: 'bot-2', unread: 2 }),
      chat({ id: 3, unread: 5, archived: true }),
      chat({ id: 4, unread: 7, mutedUntil: now + 1 }),
      chat({ id: 5, unread: 1, mutedUntil: now - 1 }),
    ];
    expect(unreadTotal(chats, now)).toBe(6);
    expect(unreadTotal([], now)).toBe(0);
  });

  it('filters by name or by three or more digits of the number, like the engine', () => {
    expect(matchesQuery(chat({}), 'souza')).toBe(true);
    expect(matchesQuery(chat({}), '123 401')).toBe(true);
    expect(matchesQuery(chat({}), '44')).toBe(false);
    expect(matchesQuery(chat({}), '  ')).toBe(true);
  });

  it('moves a status forward only, and lets failed replace pending', () => {
    const sent = message(1, 0, { status: 'read' });
    expect(mergeMessage(sent, message(1, 0, { status: 'delivered' })).status).toBe('read');
    expect(mergeMessage(message(1, 0), message(1, 0, { status: 'failed', error: 'x' }))).toMatchObject({
      status: 'failed',
      error: 'x',
    });
    expect(mergeMessage(undefined, message(1, 0)).status).toBe('pending');
  });

  it('places messages by time then id, and appends pages without repeats', () => {
    const byId = { 1: message(1, 10), 2: message(2, 20), 3: message(3, 30), 4: message(4, 20) };
    expect(insertMessageId([1, 3], byId[2], byId)).toEqual([1, 2, 3]);
    expect(insertMessageId([1, 2, 3], byId[4], byId)).toEqual([1, 2, 4, 3]);
    expect(insertMessageId([1, 2], byId[2], byId)).toEqual([1, 2]);
    const ids = [1, 2];
    expect(appendIds(ids, [2])).toBe(ids);
    expect(appendIds(ids, [2, 3])).toEqual([1, 2, 3]);
  });
});
