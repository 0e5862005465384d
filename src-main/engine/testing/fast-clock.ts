import type { Clock, TimerId } from '../clock';

/**
 * Real time run faster: `speed` seconds of engine time pass in each real second. The crash test
 * runs a real engine in a child process with it, so a 1,000-recipient campaign with the real
 * throttle finishes in seconds while timers, receipts and typing keep their order.
 */
export const fastClock = (speed: number, start = Date.now()): Clock => {
  const realStart = Date.now();
  return {
    now: () => start + Math.floor((Date.now() - realStart) * speed),
    setTimeout: (fn, ms) => {
      const handle = setTimeout(fn, Math.max(0, ms / speed));
      handle.unref();
      return handle as unknown as TimerId;
    },
    clearTimeout: (id) => {
      if (id) clearTimeout(id as unknown as NodeJS.Timeout);
    },
  };
};
