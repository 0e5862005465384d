import { describe, expect, it } from 'vitest';
import { matchesFilter, placeChat } from './normalize';
import { makeChat } from './test-data';

describe('the chat list filters', () => {
  const person = makeChat({ id: 1, unread: 2 });
  const group = makeChat({ id: 2, kind: 'group', jid: '1203@g.us', phone: null, unread: 0 });

  it('keep unread chats or groups, as the engine lists them', () => {
    expect(matchesFilter(person, 'unread')).toBe(true);
    expect(matchesFilter(group, 'unread')).toBe(false);
    expect(matchesFilter(group, 'groups')).toBe(true);
    expect(matchesFilter(person, 'groups')).toBe(false);
    expect(matchesFilter(person, 'all')).toBe(true);
    expect(matchesFilter(person)).toBe(true);
  });

  it('place live chats only in the lists that show them', () => {
    const byId = { 1: person, 2: group };
    const unread = { archived: false, query: '', filter: 'unread' as const };
    expect(placeChat([], person, false, byId, unread, null)).toEqual([1]);
    expect(placeChat([], group, false, byId, unread, null)).toEqual([]);
    expect(placeChat([], person, false, byId, { ...unread, filter: 'groups' }, null)).toEqual([]);
  });

  it('keep a chat read while "Unread" is shown in the list, until it is read again', () => {
    const read = { ...person, unread: 0 };
    const unread = { archived: false, query: '', filter: 'unread' as const };
    expect(placeChat([1], read, false, { 1: read }, unread, null)).toEqual([1]);
    expect(placeChat([], read, false, { 1: read }, unread, null)).toEqual([]);
  });
});
