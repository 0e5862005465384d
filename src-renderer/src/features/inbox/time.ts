const pad = (n: number) => String(n).padStart(2, '0');

const startOfDay = (d: Date): number => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/** Whole days from `ts`'s day to today's: 0 today, 1 yesterday (calendar days, not 24 h spans). */
export const daysAgo = (ts: number, now = new Date()): number =>
  Math.round((startOfDay(now) - startOfDay(new Date(ts))) / 86_400_000);

/** "14:03": the time on a bubble. */
export const formatClock = (ts: number): string => {
  const d = new Date(ts);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

const weekday = (ts: number) => new Date(ts).toLocaleDateString(undefined, { weekday: 'long' });

/** A chat row's time, as WhatsApp shows it: "14:03", "Yesterday", "Monday", then the date. */
export const formatListTime = (ts: number, now = new Date()): string => {
  const days = daysAgo(ts, now);
  if (days <= 0) return formatClock(ts);
  if (days === 1) return 'Yesterday';
  if (days < 7) return weekday(ts);
  return new Date(ts).toLocaleDateString(undefined, { day: '2-digit', month: '2-digit', year: 'numeric' });
};

/** The separator between days in a thread: "Today", "Yesterday", "Monday", "3 November 2025". */
export const formatDayLabel = (ts: number, now = new Date()): string => {
  const days = daysAgo(ts, now);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (days < 7) return weekday(ts);
  return new Date(ts).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
};

export const sameDay = (a: number, b: number): boolean => startOfDay(new Date(a)) === startOfDay(new Date(b));
