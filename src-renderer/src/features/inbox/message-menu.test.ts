import { describe, expect, it } from 'vitest';
import { DELETE_FOR_EVERYONE_MS } from '../../../../src-shared/inbox';
import { canDeleteForEveryone, canForward, copyText, originLabel } from './message-menu';
import { useInboxStore } from './store';
import { makeMessage } from './test-data';

describe('a bubble’s origin label', () => {
  it('names the bot’s stage, the campaign, Wren or the phone, and nothing for old rows', () => {
    expect(originLabel({ by: 'bot', detail: 'auto-reply' })).toEqual({
      short: 'Bot',
      title: 'Sent by the bot — auto-reply',
    });
    expect(originLabel({ by: 'bot', detail: 'flow' })?.title).toBe('Sent by the bot — menu');
    expect(originLabel({ by: 'campaign', detail: 'Spring sale' })?.title).toBe('Campaign: Spring sale');
    expect(originLabel({ by: 'campaign', detail: null })?.title).toBe('Sent by a campaign');
    expect(originLabel({ by: 'person', detail: null })?.title).toBe('Sent from Wren');
    expect(originLabel({ by: 'phone', detail: null })?.title).toBe('Sent from the phone');
    expect(originLabel(null)).toBeNull();
  });
});

describe('the message menu’s choices', () => {
  const now = 10 * DELETE_FOR_EVERYONE_MS;
  it('offers delete for everyone on the bot’s sent messages within the limit, and others’ only as group admin', () => {
    const mine = makeMessage({ fromMe: true, status: 'read', ts: now - 1000 });
    expect(canDeleteForEveryone(mine, now, false)).toBe(true);
    expect(canDeleteForEveryone({ ...mine, ts: now - DELETE_FOR_EVERYONE_MS - 1 }, now, false)).toBe(false);
    expect(canDeleteForEveryone({ ...mine, status: 'pending' }, now, false)).toBe(false);
    expect(canDeleteForEveryone({ ...mine, deletedAt: now }, now, false)).toBe(false);
    const theirs = makeMessage({ ts: now - 1000 });
    expect(canDeleteForEveryone(theirs, now, false)).toBe(false);
    expect(canDeleteForEveryone(theirs, now, true)).toBe(true);
  });

  it('forwards and copies what has text or a file, never a deleted message', () => {
    expect(canForward(makeMessage({ text: 'hi' }))).toBe(true);
    expect(canForward(makeMessage({ kind: 'system', text: 'Ana joined' }))).toBe(false);
    expect(canForward(makeMessage({ deletedAt: 1 }))).toBe(false);
    expect(copyText(makeMessage({ text: 'hello' }))).toBe('hello');
    expect(copyText(makeMessage({ text: null, kind: 'image' }))).toBeNull();
  });
});

describe('a message deleted for me', () => {
  it('leaves its thread and the reply that was about to quote it', () => {
    const store = () => useInboxStore.getState();
    store().reset();
    const seq = store().beginThread(1, null);
    const items = [3, 2, 1].map((id) => makeMessage({ id, waId: `W${id}`, ts: id * 1000 }));
    store().applyLatest(1, seq, { items, nextBefore: null });
    store().setReplyTo(1, 2);
    store().removeMessage(1, 2);
    expect(store().idsByChat[1]).toEqual([1, 3]);
    expect(store().messagesById[2]).toBeUndefined();
    expect(store().replyTo[1]).toBeUndefined();
  });
});
