/**
 * One line per judged figure, the same shape in every bench, so `npm run bench` can list them all
 * at the end and fail when one misses:
 *
 *   PASS  open chat p95, 1,000,000 ÷ 10,000: 1.42× (target ≤ 2×)
 *
 * (FLOOR in place of PASS: missed, but at a floor measured in the same run; see `Floor`.)
 *
 * A bench calls `judge` for each figure it has a target for; figures without a target are printed
 * as plain lines. On exit the bench fails (exit code 1) if any figure missed, unless
 * WREN_BENCH_SMOKE is set: the tiny runs inside `npm test` check that a bench still runs to its
 * end, and their figures mean nothing.
 */
const LINE = /^(PASS|MISS|FLOOR) {1,2}/;
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
 * Where a figure is bounded by something Wren does not control, the bench measures that bound in
 * the same run (the same work done by the plainest code, say) and passes it here: a miss that
 * reaches 95% of the floor prints FLOOR with the floor's figure, and does not fail the run.
 */
export type Floor = { value: number; what: string };

/**
 * Prints `PASS|MISS|FLOOR  label: value (target …)[ — detail]` and remembers a miss.
 * `unit` follows the number: '×' for ratios, ' ms' for times.
 */
export const judge = (
  label: string,
  value: number,
  target: Target,
  unit = '×',
  detail = '',
  floor?: Floor,
): boolean => {
  const ok = Number.isFinite(value) && meets(value, target);
  const shown = (x: number) => (unit === '×' ? x.toFixed(2) : x.toFixed(1));
  const atFloor =
    !ok &&
    floor !== undefined &&
    Number.isFinite(value) &&
    ('atLeast' in target ? value >= floor.value * 0.95 : value <= floor.value / 0.95);
  const word = ok ? 'PASS' : atFloor ? 'FLOOR' : 'MISS';
  const notes = [detail, floor ? `${floor.what}: ${shown(floor.value)}${unit}` : ''].filter(Boolean).join('; ');
  const line = `${word.padEnd(5)} ${label}: ${shown(value)}${unit} (target ${describe(target, unit)})${notes ? ` — ${notes}` : ''}`;
  console.log(line);
  judged++;
  if (!ok && !atFloor) missed.push(line);
  return ok;
};

/** True for a line `judge` printed (run.ts collects them from each bench's output). */
export const isVerdictLine = (line: string): boolean => LINE.test(line);

export const smoke = (): boolean => process.env.WREN_BENCH_SMOKE === '1';

process.on('exit', (code) => {
  if (judged === 0) return;
  console.log(`${judged - missed.length} of ${judged} figures met their target or this machine's floor`);
  if (code === 0 && missed.length > 0 && !smoke()) process.exitCode = 1;
});
