const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Waits until `until` (a performance.now() time): asleep in Atomics.wait, then a spin over the last
 * 0.2 ms, since a sleeping thread wakes up to a few tenths of a millisecond late. Blocks the event
 * loop, as the benches mean it to: only what is due runs between two waits.
 */
export const waitUntil = (until: number): void => {
  const ahead = until - performance.now();
  if (ahead > 0.3) Atomics.wait(sleepCell, 0, 0, ahead - 0.2);
  while (performance.now() < until) {
    /* spin */
  }
};
