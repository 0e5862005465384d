import type { BusinessHours } from '../../../../src-shared/automations';

const minutesOf = (hhmm: string): number => {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Weekday and minute of the day at `now` in a time zone (formatters are cached: they are slow to make). */
export const localTime = (now: number, timeZone: string): { day: number; minute: number } => {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { day, minute: Number(get('hour')) * 60 + Number(get('minute')) };
};

/**
 * Whether the business is open at `now`. Hours that end before they start run past midnight: with
 * Friday 22:00–02:00, Saturday 01:00 is still Friday's shift, so it counts as open.
 */
export const isOpen = (hours: BusinessHours, timeZone: string, now: number): boolean => {
  if (!hours.enabled) return true;
  const { day, minute } = localTime(now, timeZone);
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  const days = new Set(hours.days);
  if (start === end) return days.has(day); // all day
  if (start < end) return days.has(day) && minute >= start && minute < end;
  const yesterday = (day + 6) % 7;
  return (days.has(day) && minute >= start) || (days.has(yesterday) && minute < end);
};
