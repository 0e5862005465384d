import { describe, expect, it } from 'vitest';
import { mayBacktrack, RegexGuard } from './regex-guard';

describe('the regex guard', () => {
  it('sends only patterns that can backtrack badly to the watchdog', () => {
    for (const safe of ['order\\s*#?\\d{4}', '^(hi|hello)\\b', 'price[s]?', '(ab)+c', '[(a+)+]x']) {
      expect([safe, mayBacktrack(safe)]).toEqual([safe, false]);
    }
    for (const risky of ['^(a+)+$', '(a|ab)*c', '((x*)y)+', '(\\w+\\s?)*$', '(a)\\1']) {
      expect([risky, mayBacktrack(risky)]).toEqual([risky, true]);
    }
  });

  it('matches safe and guarded patterns alike, and switches off the one that stalls', () => {
    const paused: number[] = [];
    const guard = new RegexGuard(['order\\s*#?\\d{4}', '^(a+)+$', '(hi|hello)+ there'], 50, (i) => paused.push(i));
    expect(guard.matches('order #1234')).toEqual([true, false, false]);
    expect(guard.matches('hello there')).toEqual([false, false, true]);
    expect(guard.matches(`${'a'.repeat(40)}!`)).toEqual([false, false, false]);
    expect(paused).toEqual([1]);
    expect(guard.matches('aaa')).toEqual([false, false, false]);
  });
});
