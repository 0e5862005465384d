const pad = (n: number) => String(n).padStart(2, '0');

const sameDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** "14:03:22" today; "3 Nov 14:03:22" (or with the year when not this year) otherwise. */
export const formatLogTime = (ts: number, now = new Date()): string => {
  const d = new Date(ts);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  if (sameDay(d, now)) return time;
  const date = d.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    ...(d.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
  return `${date} ${time}`;
};

/** "Today at 14:03", "3 Nov 2025 at 09:12": for dates people read rather than scan. */
export const formatDateTime = (ts: number, now = new Date()): string => {
  const d = new Date(ts);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (sameDay(d, now)) return `Today at ${time}`;
  const date = d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
  return `${date} at ${time}`;
};

/** "in 4 s", "in 2 min", "now": a countdown to a retry. */
export const formatCountdown = (at: number, now: number): string => {
  const seconds = Math.ceil((at - now) / 1000);
  if (seconds <= 0) return 'now';
  if (seconds < 60) return `in ${seconds} s`;
  return `in ${Math.ceil(seconds / 60)} min`;
};

export { formatPhone } from './phone-format';

/** WhatsApp's 8-character pairing codes read best as two groups of four: "ABCD-EFGH". */
export const formatPairingCode = (code: string): string => {
  const plain = code.replace(/[^0-9a-z]/gi, '').toUpperCase();
  return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : code;
};
