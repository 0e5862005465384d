/**
 * One line per judged figure, the same shape in every bench, so `npm run bench` can list them all
 * at the end and fail when one misses:
 *
 *   PASS  open chat p95, 1,000,000 ÷ 10,000: 1.42× (target ≤ 2×)
 *
 * A bench calls `judge` for each figure it has a target for; figures without a target are printed
 * as plain lines. On exit the bench fails (exit code 1) if any figure missed, unless
 * WREN_BENCH_SMOKE is set: the tiny runs inside `npm test` check that a bench still runs to its
 * end, and their figures mean nothing.
 */
const LINE = /^(PASS|MISS) {2}/;
const missed: string[] = [];
let judged = 0;

export type Target = { atMost: number } | { atLeast: number } | { below: number };

const meets = (value: number, target: Target): boolean =>
  'atMost' in target ? value <= target.atMost : 'atLeast' in target ? value >= target.atLeast : value < target.below;

const describe = (target: Target, unit: string): string =>
  'atMost' in target
    ? `≤ ${target.atMost}${unit}`
    : 'atLeast' in target
      ? `≥ ${target.atLeast.toFixed(2)}${unit}`
      : `< ${target.below}${unit}`;

/**
 * Prints `PASS|MISS  label: value (target …)[ — detail]` and remembers a miss.
 * `unit` follows the number: '×' for ratios, ' ms' for times.
 */
export const judge = (label: string, value: number, target: Target, unit = '×', detail = ''): boolean => {
  const ok = Number.isFinite(value) && meets(value, target);
  const shown = unit === '×' ? value.toFixed(2) : value.toFixed(1);
  const line = `${ok ? 'PASS' : 'MISS'}  ${label}: ${shown}${unit} (target ${describe(target, unit)})${detail ? ` — ${detail}` : ''}`;
  console.log(line);
  judged++;
  if (!ok) missed.push(line);
  return ok;
};

/** True for a line `judge` printed (run.ts collects them from each bench's output). */
export const isVerdictLine = (line: string): boolean => LINE.test(line);

export const smoke = (): boolean => process.env.WREN_BENCH_SMOKE === '1';

process.on('exit', (code) => {
  if (judged === 0) return;
  console.log(`${judged - missed.length} of ${judged} figures met their target`);
  if (code === 0 && missed.length > 0 && !smoke()) process.exitCode = 1;
});
