/**
 * This machine's floor for "on time", for the pipeline bench (issue 14): a Node process doing
 * nothing but the pipeline driver's own loop with no engine in it. One tick is due every 1/rate
 * seconds; it waits for each the way the driver waits for each message (waitUntil: asleep in
 * Atomics.wait, then a spin over the last 0.2 ms), records how late it woke, and yields once to
 * the event loop, as the driver does after handing a message over. It runs beside the measured
 * process, so it sees the same machine: the same other processes, the same scheduler.
 *
 * It sleeps between ticks. An earlier version went round the event loop with setImmediate until a
 * tick was due (setTimeout counts whole milliseconds): at 1,000 a second that spun one of the
 * machine's two cores flat out, and the pipeline's checkpoint worker and GC threads fought it for
 * the other.
 *
 * Started with fork(): argv[2] is the rate (ticks a second). Send it 'stop' and it answers with
 * its lateness percentiles in ms, then exits.
 */
import { waitUntil } from './wait-until';

const rate = Number(process.argv[2] ?? 1_000);
const interval = 1_000 / rate;
/** About 20 minutes of ticks at 1,000 a second; the ring wraps around if it runs longer. */
const lateness = new Float64Array(1_200_000);
let count = 0;
let stopped = false;
const t0 = performance.now();

let i = 1;
/** Handles every tick due by now (late ones count their lateness, as a backlog would), then waits. */
const loop = () => {
  if (stopped) return;
  const due = t0 + i * interval;
  waitUntil(due);
  lateness[count++ % lateness.length] = performance.now() - due;
  i++;
  setImmediate(loop);
};
setImmediate(loop);

process.on('message', (message) => {
  if (message !== 'stop') return;
  stopped = true;
  const sorted = lateness.slice(0, Math.min(count, lateness.length)).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  process.send?.({ ticks: count, median: at(0.5), p99: at(0.99), p999: at(0.999), max: sorted.at(-1) ?? Number.NaN });
  process.disconnect?.();
});
