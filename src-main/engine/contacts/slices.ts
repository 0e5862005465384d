import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';

/**
 * How long one piece of an import may hold the event loop. Bot replies, UI calls and receipts
 * wait at most this long behind an import; 8 ms keeps the loop's p99 delay well under 50 ms while
 * the per-slice overhead (a yield, a commit) stays a small share of the work.
 */
export const SLICE_MS = 8;

export const yieldToLoop = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** When a slice that starts now must end. */
export const sliceDeadline = (budgetMs = SLICE_MS): number => performance.now() + budgetMs;

export const pastDeadline = (deadline: number): boolean => performance.now() >= deadline;

/**
 * Runs `step` until it returns false, yielding to the event loop once a slice's time is used up.
 * Slices are bounded by time, not by count: a row costs 5 µs to parse and 100 µs to check, and
 * a fixed count that suits one is far too long (or too short) for the other.
 */
export const runSliced = async (step: () => boolean, onResume?: () => void): Promise<void> => {
  for (;;) {
    const deadline = sliceDeadline();
    let more = step();
    while (more && !pastDeadline(deadline)) more = step();
    if (!more) return;
    await yieldToLoop();
    onResume?.();
  }
};

/**
 * Tells whether anything else wrote to the database while an import was yielding: SQLite counts
 * every row this connection changed (`total_changes()`), and the engine has only this connection.
 * While nothing else wrote, what the import read about a contact is still true, and the import
 * need not read it again.
 */
export const watchOtherWrites = (sqlite: Database.Database) => {
  const count = sqlite.prepare<[], { n: number }>('SELECT total_changes() AS n');
  const now = () => count.get()?.n ?? -1;
  let seen = now();
  let quiet = true;
  return {
    /** After a yield: did anyone write since `mine()` or the start? */
    resumed: () => {
      if (now() !== seen) quiet = false;
    },
    /** After the import's own writes: they do not count as someone else's. */
    mine: () => {
      seen = now();
    },
    get quiet() {
      return quiet;
    },
  };
};

export type WriteWatch = ReturnType<typeof watchOtherWrites>;
