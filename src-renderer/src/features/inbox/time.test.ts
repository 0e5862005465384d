import { describe, expect, it } from 'vitest';
import { formatClock, formatDayLabel, formatListTime, sameDay } from './time';

describe('inbox times', () => {
  const now = new Date(2025, 10, 12, 15, 30); // a Wednesday afternoon

  it('shows a chat row time like WhatsApp: time today, Yesterday, the weekday, then the date', () => {
    expect(formatListTime(new Date(2025, 10, 12, 9, 5).getTime(), now)).toBe('09:05');
    expect(formatListTime(new Date(2025, 10, 11, 23, 59).getTime(), now)).toBe('Yesterday');
    expect(formatListTime(new Date(2025, 10, 8, 12, 0).getTime(), now)).toBe(
      new Date(2025, 10, 8).toLocaleDateString(undefined, { weekday: 'long' }),
    );
    expect(formatListTime(new Date(2025, 9, 1, 12, 0).getTime(), now)).toMatch(/2025/);
  });

  it('labels thread days and tells calendar days apart', () => {
    expect(formatDayLabel(new Date(2025, 10, 12, 0, 1).getTime(), now)).toBe('Today');
    expect(formatDayLabel(new Date(2025, 10, 11, 8, 0).getTime(), now)).toBe('Yesterday');
    expect(formatDayLabel(new Date(2024, 0, 3).getTime(), now)).toMatch(/2024/);
    expect(sameDay(new Date(2025, 10, 12, 0, 0).getTime(), new Date(2025, 10, 12, 23, 59).getTime())).toBe(true);
    expect(sameDay(new Date(2025, 10, 11, 23, 59).getTime(), new Date(2025, 10, 12, 0, 0).getTime())).toBe(false);
    expect(formatClock(new Date(2025, 10, 12, 7, 4).getTime())).toBe('07:04');
  });
});
