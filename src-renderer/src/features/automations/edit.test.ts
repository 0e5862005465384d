import { describe, expect, it } from 'vitest';
import type { AutoReplyRule, BusinessHours } from '../../../../src-shared/automations';
import { ContractError } from '../../../../src-shared/contract';
import {
  clampInt,
  clearChanged,
  editorErrors,
  unkeptPromise,
  crossesMidnight,
  daysSummary,
  hoursSummary,
  orderRules,
  prefixProblem,
  sampleReply,
  splitWords,
  toE164,
  toggleDay,
} from './edit';

const refusal = (fields: Record<string, string>, message = Object.values(fields).join(' ')) =>
  new ContractError('invalid_input', message, fields);

describe('placing the engine’s refusals', () => {
  it('puts a sentence about the edited rule under its field, without its path', () => {
    const problem = 'That pattern is not a valid regular expression: the group is not closed.';
    expect(editorErrors(refusal({ 'rules.2.pattern': problem }), 'rules.2', ['pattern'])).toEqual({
      fields: { pattern: problem },
      general: null,
    });
  });

  it('reads the engine’s path whether or not it names the call’s patch', () => {
    expect(editorErrors(refusal({ 'patch.rules.0.reply': 'Write the reply.' }), 'rules.0', ['reply'])).toEqual({
      fields: { reply: 'Write the reply.' },
      general: null,
    });
    expect(
      editorErrors(refusal({ 'patch.optOut.words.2': 'An opt-out word cannot be empty.' }), '', ['optOut.words']),
    ).toEqual({ fields: { 'optOut.words.2': 'An opt-out word cannot be empty.' }, general: null });
  });

  it('keeps sentences about other items, fields the form lacks, and plain messages for the form as a whole', () => {
    expect(editorErrors(refusal({ 'rules.5.reply': 'Write the reply.' }), 'rules.2', ['reply'])).toEqual({
      fields: {},
      general: 'Auto-reply 6: Write the reply.',
    });
    expect(editorErrors(refusal({ 'hours.enabled': 'Enabled must be yes or no.' }), '', ['hours.start'])).toEqual({
      fields: {},
      general: 'Enabled must be yes or no.',
    });
    expect(editorErrors(new ContractError('not_found', 'Choose a bot.'), 'rules.0', [])).toEqual({
      fields: {},
      general: 'Choose a bot.',
    });
    expect(editorErrors(new Error('The connection dropped.'), 'rules.0', [])).toEqual({
      fields: {},
      general: 'The connection dropped.',
    });
  });

  it('forgets the sentence about a settings value once it changes, and keeps the others', () => {
    const errors = {
      fields: {
        'hours.start': 'Use a 24-hour time like 09:00.',
        'hours.end': 'Use a 24-hour time like 09:00.',
        'optOut.words.1': 'An opt-out word cannot be empty.',
        timeZone: 'Pick a time zone from the list, like Europe/London.',
      },
      general: null,
    };
    const before = { hours: { start: '9', end: '1' }, words: 'stop, ,', timeZone: 'Mars' };
    const hours = clearChanged(errors, before, { ...before, hours: { start: '09:00', end: '1' } });
    expect(Object.keys(hours.fields)).toEqual(['hours.end', 'optOut.words.1', 'timeZone']);
    const words = clearChanged(hours, before, { ...before, words: 'stop' }, { words: 'optOut.words' });
    expect(Object.keys(words.fields)).toEqual(['hours.end', 'timeZone']);
    expect(clearChanged(words, before, before)).toBe(words);
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
    words: [],
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

describe('the promise in an opt-out confirmation', () => {
  const confirmation = 'You will not receive messages from us any more. Reply START to receive them again.';

  it('is kept when the word it names opts back in', () => {
    expect(unkeptPromise(confirmation, ['start', 'unstop'])).toBeNull();
    expect(unkeptPromise('Send *Alta* to come back.', ['álta'])).toBeNull();
    expect(unkeptPromise('You are unsubscribed.', [])).toBeNull();
  });

  it('names the word when the bot would not answer it', () => {
    expect(unkeptPromise(confirmation, ['unstop'])).toBe('START');
    expect(unkeptPromise('Reply “JOIN” to receive them again.', ['start'])).toBe('JOIN');
  });
});
