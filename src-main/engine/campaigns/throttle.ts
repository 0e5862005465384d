import type { Throttle } from '../../../src-shared/campaigns';

/** The gap before the next message: uniform between the shortest and longest delay, times the slowdown. */
export const delayMs = (throttle: Throttle, slowdown: number, random: () => number): number => {
  const seconds = throttle.delayMinSeconds + random() * (throttle.delayMaxSeconds - throttle.delayMinSeconds);
  return Math.round(seconds * 1000 * slowdown);
};

/** After `pauseEvery` messages, a long pause on top of the delay. */
export const pauseMs = (throttle: Throttle, sincePause: number): number =>
  sincePause >= throttle.pauseEvery ? throttle.pauseMinutes * 60_000 : 0;

/**
 * Today's cap: a number in warm-up sends less. `dayIndex` is 0 on the day the number was added
 * (see rules.ts); each warm-up step holds for its days, then the daily cap applies.
 */
export const capFor = (throttle: Throttle, dayIndex: number): { cap: number; stage: string | null } => {
  let first = 0;
  const total = throttle.warmup.reduce((n, s) => n + s.days, 0);
  for (const step of throttle.warmup) {
    if (dayIndex < first + step.days) {
      return {
        cap: Math.min(step.cap, throttle.dailyCap),
        stage: `Warm-up day ${dayIndex + 1} of ${total}: ${Math.min(step.cap, throttle.dailyCap)} a day`,
      };
    }
    first += step.days;
  }
  return { cap: throttle.dailyCap, stage: null };
};

/** A number younger than this is still new: without a warm-up set, the health strip says so. */
const NEW_NUMBER_DAYS = 7;

const ago = (days: number) => (days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`);

/**
 * The warm-up in a sentence, for the health strip: where the number is in it, or why none is
 * needed. `throttle` is the latest campaign's (null before the first); `dayIndex` as for capFor.
 */
export const warmupSentence = (throttle: Throttle | null, dayIndex: number): string => {
  const added = `the number was added ${ago(dayIndex)}`;
  if (throttle && throttle.warmup.length > 0) {
    const { cap, stage } = capFor(throttle, dayIndex);
    if (stage) {
      const total = throttle.warmup.reduce((n, s) => n + s.days, 0);
      return `Day ${dayIndex + 1} of ${total}: up to ${cap} a day, then ${throttle.dailyCap} a day.`;
    }
    return `Done: ${added}.`;
  }
  if (dayIndex >= NEW_NUMBER_DAYS) return `Not needed: ${added}.`;
  return throttle
    ? `None set, and ${added}. New numbers are blocked more easily: set a warm-up under Safety.`
    : `Not started: ${added}. Start its first campaign with a warm-up (under Safety).`;
};

/** Whole days from one YYYY-MM-DD to another. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Backoff before the next attempt of a message that failed for a passing reason. */
export const RETRY_BACKOFF_MS = [60_000, 5 * 60_000] as const;
export const MAX_ATTEMPTS = 3;
