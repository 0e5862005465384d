/**
 * This machine's floor for "on time", for the pipeline bench (issue 14): a Node process doing
 * nothing but a timer loop, one tick due every 1/rate seconds, each set with setTimeout for its
 * due time, records how late each tick fires. It runs beside the measured process, so it sees the
 * same machine: the same other processes, the same scheduler, the same timer resolution.
 *
 * Started with fork(): argv[2] is the rate (ticks a second). Send it 'stop' and it answers with
 * its lateness percentiles in ms, then exits.
 */
const rate = Number(process.argv[2] ?? 1_000);
const interval = 1_000 / rate;
/** About 20 minutes of ticks at 1,000 a second; the loop wraps around if it runs longer. */
const lateness = new Float64Array(1_200_000);
let count = 0;
let stopped = false;
const t0 = performance.now();

let i = 1;
/** Handles every tick due by now (late ones count their lateness, as a backlog would), then waits. */
const loop = () => {
  if (stopped) return;
  const now = performance.now();
  for (; t0 + i * interval <= now; i++) lateness[count++ % lateness.length] = now - (t0 + i * interval);
  const wait = t0 + i * interval - performance.now();
  // setTimeout counts whole milliseconds: under one, the loop goes round the event loop instead.
  if (wait >= 1) setTimeout(loop, Math.floor(wait));
  else setImmediate(loop);
};
setTimeout(loop, interval);

process.on('message', (message) => {
  if (message !== 'stop') return;
  stopped = true;
  const sorted = lateness.slice(0, Math.min(count, lateness.length)).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  process.send?.({ ticks: count, median: at(0.5), p99: at(0.99), p999: at(0.999), max: sorted.at(-1) ?? Number.NaN });
  process.disconnect?.();
});
