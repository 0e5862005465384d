/** A moment as a business's clock shows it: the local date, weekday (0 Sunday) and minute of the day. */
export type LocalTime = { date: string; weekday: number; minute: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Local time at `ms` in an IANA time zone (formatters are cached: they are slow to make). */
export const localTime = (ms: number, timeZone: string): LocalTime => {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(ms)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
};
