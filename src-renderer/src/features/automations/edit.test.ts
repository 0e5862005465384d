import { describe, expect, it } from 'vitest';
import type { AutoReplyRule, BusinessHours } from '../../../../src-shared/automations';
import {
  clampInt,
  crossesMidnight,
  daysSummary,
  hoursSummary,
  orderRules,
  placeErrors,
  prefixProblem,
  sampleReply,
  splitWords,
  toE164,
  toggleDay,
} from './edit';

describe('placing the engine’s refusals', () => {
  it('puts an issue about the edited rule under its field', () => {
    const message = 'rules.2.pattern: That pattern is not a valid regular expression: /a(/iu: Unterminated group';
    expect(placeErrors(message, 'rules.2')).toEqual({
      fields: { pattern: 'That pattern is not a valid regular expression: /a(/iu: Unterminated group' },
      other: null,
    });
  });

  it('reads the engine’s path whether or not it names the call’s patch', () => {
    expect(placeErrors('patch.rules.0.reply: Write the reply.', 'rules.0')).toEqual({
      fields: { reply: 'Write the reply.' },
      other: null,
    });
    expect(placeErrors('patch.prefixes: Keep at least one prefix.', '')).toEqual({
      fields: { prefixes: 'Keep at least one prefix.' },
      other: null,
    });
  });

  it('keeps issues about other items, and messages without a path, for the form as a whole', () => {
    expect(placeErrors('rules.5.reply: Write the reply.', 'rules.2')).toEqual({
      fields: {},
      other: 'Auto-reply 6: Write the reply.',
    });
    expect(placeErrors('Choose a bot.', 'rules.0')).toEqual({ fields: {}, other: 'Choose a bot.' });
  });

  it('splits several issues, and reads top-level settings by their first key', () => {
    const message = 'hours.start: Use a 24-hour time like 09:00.; owners.1: Write owner numbers like +447911123456.';
    expect(placeErrors(message, '')).toEqual({
      fields: { hours: 'Use a 24-hour time like 09:00.', owners: 'Write owner numbers like +447911123456.' },
      other: null,
    });
  });
});

describe('reading lists people type', () => {
  it('accepts symbol prefixes only, once each', () => {
    expect(prefixProblem('#', ['.', '!'])).toBeNull();
    expect(prefixProblem('!', ['.', '!'])).toMatch(/already/);
    expect(prefixProblem('a', [])).toMatch(/not a letter/);
    expect(prefixProblem('....', [])).toMatch(/at most 3/);
    expect(prefixProblem(' ', [])).toMatch(/Type a symbol/);
  });

  it('writes numbers with a country code as E.164', () => {
    expect(toE164('+44 7911 123456')).toBe('+447911123456');
    expect(toE164('0044 7911 123456')).toBe('+447911123456');
    expect(toE164('07911 123456')).toBeNull();
    expect(toE164('hello')).toBeNull();
  });

  it('splits comma-separated words, trimmed and lower case, without repeats', () => {
    expect(splitWords('menu, Hi ,, hello, MENU')).toEqual(['menu', 'hi', 'hello']);
  });

  it('toggles weekdays and keeps them in order', () => {
    expect(toggleDay([1, 5], 3)).toEqual([1, 3, 5]);
    expect(toggleDay([1, 3, 5], 3)).toEqual([1, 5]);
  });

  it('clamps numbers to the engine’s limits', () => {
    expect(clampInt('12', 1, 10, 5)).toBe(10);
    expect(clampInt('', 1, 10, 5)).toBe(5);
    expect(clampInt('-3', 0, 10, 5)).toBe(0);
    expect(clampInt('2.6', 0, 10, 5)).toBe(3);
  });
});

describe('business hours in words', () => {
  const hours: BusinessHours = {
    enabled: true,
    days: [1, 2, 3, 4, 5],
    start: '09:00',
    end: '18:00',
    awayReply: 'Closed',
    awayCooldownMinutes: 60,
  };

  it('reads runs of days as ranges', () => {
    expect(daysSummary([1, 2, 3, 4, 5])).toBe('Mon–Fri');
    expect(daysSummary([0, 1, 3, 4, 5, 6])).toBe('Sun, Mon, Wed–Sat');
    expect(daysSummary([0, 1, 2, 3, 4, 5, 6])).toBe('Every day');
  });

  it('says when the hours run past midnight', () => {
    expect(hoursSummary(hours)).toBe('Open Mon–Fri, 09:00–18:00.');
    expect(crossesMidnight({ start: '22:00', end: '06:00' })).toBe(true);
    expect(hoursSummary({ ...hours, start: '22:00', end: '06:00' })).toBe('Open Mon–Fri, 22:00–06:00 (next day).');
    expect(hoursSummary({ ...hours, enabled: false })).toMatch(/off/);
  });
});

describe('rules and replies', () => {
  const rule = (id: string, priority: number): AutoReplyRule => ({
    id,
    name: id,
    match: 'contains',
    pattern: id,
    reply: 'r',
    scope: 'private',
    priority,
    cooldownMinutes: 0,
    hours: 'always',
    enabled: true,
  });

  it('orders rules by priority, ties in list order', () => {
    expect(orderRules([rule('a', 0), rule('b', 5), rule('c', 0), rule('d', 5)]).map((r) => r.id)).toEqual([
      'b',
      'd',
      'a',
      'c',
    ]);
  });

  it('fills a reply’s variables with sample values', () => {
    expect(sampleReply('Hi {{name}}, you said {{args}}{{missing|!}}')).toBe('Hi Ana, you said large!');
  });
});
