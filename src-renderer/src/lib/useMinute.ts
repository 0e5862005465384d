import { useSyncExternalStore } from 'react';

/**
 * The current time to the minute, shared: every chat row reads it for "muted until" and
 * "Yesterday" without each keeping its own timer.
 */
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 60_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
};

export const useMinute = (): number => useSyncExternalStore(subscribe, () => now);
