import type { BusinessHours } from '../../../../src-shared/automations';
import { localTime } from '../../local-time';

const minutesOf = (hhmm: string): number => {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

/**
 * Whether the business is open at `now`. Hours that end before they start run past midnight: with
 * Friday 22:00–02:00, Saturday 01:00 is still Friday's shift, so it counts as open.
 */
export const isOpen = (hours: BusinessHours, timeZone: string, now: number): boolean => {
  if (!hours.enabled) return true;
  const { weekday: day, minute } = localTime(now, timeZone);
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  const days = new Set(hours.days);
  if (start === end) return days.has(day); // all day
  if (start < end) return days.has(day) && minute >= start && minute < end;
  const yesterday = (day + 6) % 7;
  return (days.has(day) && minute >= start) || (days.has(yesterday) && minute < end);
};
