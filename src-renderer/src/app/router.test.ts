import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from './router';

describe('router', () => {
  it('reads sections and bot ids from the hash', () => {
    expect(parseHash('')).toEqual({ section: 'bots', botId: null });
    expect(parseHash('#/chats')).toEqual({ section: 'chats', botId: null });
    expect(parseHash('#/bots/a%2Fb')).toEqual({ section: 'bots', botId: 'a/b' });
    expect(parseHash('#/nowhere/x')).toEqual({ section: 'bots', botId: null });
    expect(parseHash('#token=abc')).toEqual({ section: 'bots', botId: null });
  });

  it('writes them back', () => {
    expect(hrefFor({ section: 'bots', botId: 'a/b' })).toBe('#/bots/a%2Fb');
    expect(hrefFor({ section: 'settings' })).toBe('#/settings');
  });
});
