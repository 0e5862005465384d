import type { SendWindow } from '../../../src-shared/campaigns';
import { localTime } from '../local-time';

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether messages may go now. A window that runs past midnight (22:00–02:00) belongs to the day
 * it starts on: Friday's window runs into Saturday morning even when Saturday is not chosen.
 */
export const isOpen = (window: SendWindow, ms: number): boolean => {
  const local = localTime(ms, window.timeZone);
  const start = toMinutes(window.start);
  const end = toMinutes(window.end);
  const today = window.days.includes(local.weekday);
  if (start < end) return today && local.minute >= start && local.minute < end;
  const yesterday = window.days.includes((local.weekday + 6) % 7);
  return (today && local.minute >= start) || (yesterday && local.minute < end);
};

const MINUTE = 60_000;

/** The first moment at or after `ms` when the window is open (within two weeks), else null. */
export const nextOpen = (window: SendWindow, ms: number): number | null => {
  if (isOpen(window, ms)) return ms;
  // Coarse steps, then back to the exact minute: windows open on whole minutes.
  const step = 10 * MINUTE;
  const base = Math.floor(ms / MINUTE) * MINUTE;
  for (let t = base + step; t <= ms + 14 * 24 * 60 * MINUTE; t += step) {
    if (!isOpen(window, t)) continue;
    let first = t;
    while (first - MINUTE > ms && isOpen(window, first - MINUTE)) first -= MINUTE;
    return first;
  }
  return null;
};

/** Minutes the window is open on a day it opens. */
export const openMinutesPerDay = (window: SendWindow): number => {
  const start = toMinutes(window.start);
  const end = toMinutes(window.end);
  return start < end ? end - start : 24 * 60 - start + end;
};

/** "Mon 09:00" in the window's time zone, for notes. */
export const describeMoment = (ms: number, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(ms)
    .replace(',', '');
