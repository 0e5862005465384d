import { describe, expect, it } from 'vitest';
import { characterCount, excludedSummary, formatDuration, funnel, progressPercent, relativeTime } from './format';

describe('progressPercent', () => {
  it('counts sent, delivered, read and failed, not queued', () => {
    expect(progressPercent({ total: 10, counts: { queued: 5, sent: 2, delivered: 1, read: 1, failed: 1 } })).toBe(50);
  });
  it('shows 0 for an empty campaign and never 100 before all are handled', () => {
    expect(progressPercent({ total: 0, counts: {} })).toBe(0);
    expect(progressPercent({ total: 1000, counts: { sent: 999, queued: 1 } })).toBe(99);
  });
});

describe('excludedSummary', () => {
  it('lists reasons with their counts and skips zeros', () => {
    expect(excludedSummary({ 'opted out': 3, 'duplicate number': 1, 'no number': 0 })).toBe(
      '3 opted out, 1 duplicate number',
    );
    expect(excludedSummary({})).toBe('');
  });
});

describe('formatDuration', () => {
  it('uses the two largest units', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(5 * 60_000)).toBe('5 min');
    expect(formatDuration(125 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(3 * 3600_000)).toBe('3 h');
    expect(formatDuration(26 * 3600_000)).toBe('1 d 2 h');
  });
});

describe('relativeTime', () => {
  it('says in/ago and null when unknown', () => {
    expect(relativeTime(null, 0)).toBeNull();
    expect(relativeTime(1_000 + 10 * 60_000, 1_000)).toBe('in 10 min');
    expect(relativeTime(0, 2 * 3600_000)).toBe('2 h ago');
    expect(relativeTime(5_000, 0)).toBe('now');
  });
});

describe('funnel', () => {
  it('counts cumulatively: every read message was delivered, every delivered one sent', () => {
    expect(funnel({ queued: 2, sending: 1, sent: 0, delivered: 3, read: 15, failed: 1, cancelled: 0 })).toEqual({
      waiting: 3,
      sent: 18,
      delivered: 18,
      read: 15,
      failed: 1,
      cancelled: 0,
    });
    expect(funnel({})).toEqual({ waiting: 0, sent: 0, delivered: 0, read: 0, failed: 0, cancelled: 0 });
  });
});

describe('characterCount', () => {
  it('shows from 80% of the limit, and says when it is over', () => {
    expect(characterCount(3276, 4096)).toBeNull();
    expect(characterCount(3277, 4096)).toEqual({ text: '3277 / 4096', over: false });
    expect(characterCount(4097, 4096)).toEqual({ text: '4097 / 4096', over: true });
  });
});
