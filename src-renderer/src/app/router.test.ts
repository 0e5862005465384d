import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from './router';

const route = (section: string, extra: object = {}) => ({
  section,
  botId: null,
  chatId: null,
  filter: 'all',
  ...extra,
});

describe('router', () => {
  it('reads sections and bot ids from the hash', () => {
    expect(parseHash('')).toEqual(route('bots'));
    expect(parseHash('#/chats')).toEqual(route('chats'));
    expect(parseHash('#/bots/a%2Fb')).toEqual(route('bots', { botId: 'a/b' }));
    expect(parseHash('#/nowhere/x')).toEqual(route('bots'));
    expect(parseHash('#token=abc')).toEqual(route('bots'));
  });

  it('reads the open chat and the chat list filter', () => {
    expect(parseHash('#/chats/42')).toEqual(route('chats', { chatId: 42 }));
    expect(parseHash('#/chats/42?filter=unread')).toEqual(route('chats', { chatId: 42, filter: 'unread' }));
    expect(parseHash('#/chats?filter=groups')).toEqual(route('chats', { filter: 'groups' }));
    // Anything else is ignored rather than trusted.
    expect(parseHash('#/chats/abc?filter=nope')).toEqual(route('chats'));
    expect(parseHash('#/chats/0')).toEqual(route('chats'));
    expect(parseHash('#/chats/99999999999999999999')).toEqual(route('chats'));
    expect(parseHash('#/bots/7?filter=unread')).toEqual(route('bots', { botId: '7' }));
  });

  it('writes them back', () => {
    expect(hrefFor({ section: 'bots', botId: 'a/b' })).toBe('#/bots/a%2Fb');
    expect(hrefFor({ section: 'settings' })).toBe('#/settings');
    expect(hrefFor({ section: 'chats', chatId: 42, filter: 'unread' })).toBe('#/chats/42?filter=unread');
    expect(hrefFor({ section: 'chats', chatId: null, filter: 'groups' })).toBe('#/chats?filter=groups');
    expect(hrefFor({ section: 'chats', chatId: 7, filter: 'all' })).toBe('#/chats/7');
    for (const href of ['#/chats/42?filter=unread', '#/chats?filter=groups', '#/chats/7', '#/bots/x']) {
      expect(hrefFor(parseHash(href))).toBe(href);
    }
  });
});
