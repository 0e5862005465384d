import { describe, expect, it } from 'vitest';
import { formatCountdown, formatLogTime, formatPairingCode, formatPhone } from './format';
import { loadPhoneFormat } from './phone-format';

describe('format', () => {
  it('shows pairing codes as two groups of four', () => {
    expect(formatPairingCode('abcdefgh')).toBe('ABCD-EFGH');
    expect(formatPairingCode('ABCD-EFGH')).toBe('ABCD-EFGH');
    expect(formatPairingCode('123')).toBe('123');
  });

  it('shows log times without a date today and with one otherwise', () => {
    const now = new Date(2025, 10, 3, 15, 0, 0);
    expect(formatLogTime(new Date(2025, 10, 3, 14, 3, 22).getTime(), now)).toBe('14:03:22');
    expect(formatLogTime(new Date(2025, 10, 2, 9, 5, 1).getTime(), now)).toMatch(/2.*09:05:01$/);
  });

  it('counts down to a retry', () => {
    expect(formatCountdown(10_500, 1_000)).toBe('in 10 s');
    expect(formatCountdown(1_000, 2_000)).toBe('now');
    expect(formatCountdown(200_000, 0)).toBe('in 4 min');
  });

  it('formats E.164 numbers once the library is in, and leaves odd ones alone', async () => {
    // The first screen shows numbers as sent until the library arrives (phone-format.ts).
    expect(formatPhone('+447911123456')).toBe('+447911123456');
    await loadPhoneFormat();
    expect(formatPhone('+447911123456')).toBe('+44 7911 123456');
    expect(formatPhone('12')).toBe('12');
  });
});
