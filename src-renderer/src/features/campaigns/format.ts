import type { Campaign, RecipientStatus } from '../../../../src-shared/campaigns';

/** Statuses that count as "done with" for the progress bar: the message left or never will. */
const PROGRESSED: readonly RecipientStatus[] = ['sent', 'delivered', 'read', 'failed'];

/** Share of recipients handled, 0–100, rounded down so 100 only shows when all are handled. */
export function progressPercent(c: {
  total: Campaign['total'];
  counts: Partial<Record<RecipientStatus, number>>;
}): number {
  if (c.total <= 0) return 0;
  const done = PROGRESSED.reduce((sum, s) => sum + (c.counts[s] ?? 0), 0);
  return Math.min(100, Math.floor((done * 100) / c.total));
}

/** "3 opted out, 1 duplicate number" — empty when nobody was left out. */
export function excludedSummary(excluded: Record<string, number>): string {
  return Object.entries(excluded)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
}

/** A span of time in the largest two units a person would say: "2 h 5 min", "45 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** "in 2 h 5 min" / "5 min ago" relative to now; null when unknown. */
export function relativeTime(at: number | null, now: number): string | null {
  if (at === null) return null;
  const diff = at - now;
  if (Math.abs(diff) < 30_000) return 'now';
  return diff > 0 ? `in ${formatDuration(diff)}` : `${formatDuration(-diff)} ago`;
}

/**
 * The funnel a person expects: a read message was also delivered, and a delivered one sent. The
 * engine counts each recipient once, by the furthest it got ("read" only), so the sums go here.
 */
export function funnel(counts: Partial<Record<RecipientStatus, number>>) {
  const n = (s: RecipientStatus) => counts[s] ?? 0;
  return {
    waiting: n('queued') + n('sending'),
    sent: n('sent') + n('delivered') + n('read'),
    delivered: n('delivered') + n('read'),
    read: n('read'),
    failed: n('failed'),
    cancelled: n('cancelled'),
  };
}

/** "3300 / 4096" once a text passes 80% of its limit (null before), and whether it is over. */
export function characterCount(length: number, max: number): { text: string; over: boolean } | null {
  if (length < max * 0.8) return null;
  return { text: `${length} / ${max}`, over: length > max };
}
