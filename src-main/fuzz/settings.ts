/**
 * How much the fuzz tests try: a fixed, seeded amount inside `npm test` (so CI's share stays
 * bounded and a failure replays exactly), and as much as asked for under `npm run fuzz`
 * (WREN_FUZZ_RUNS scales every suite; WREN_FUZZ_SEED replays one run).
 */
export const FUZZ_SEED = Number(process.env.WREN_FUZZ_SEED ?? 20_261_202);

/** Runs for one property: `base` in CI, times WREN_FUZZ_SCALE under `npm run fuzz`. */
export const fuzzRuns = (base: number): number =>
  Math.max(1, Math.round(base * Number(process.env.WREN_FUZZ_SCALE ?? 1)));

/** fast-check's parameters for every property: seeded, replayable, and quiet unless it fails. */
export const fuzzParams = (base: number) => ({ seed: FUZZ_SEED, numRuns: fuzzRuns(base), endOnFailure: true });

/** What a fuzz suite tried, printed for `npm run fuzz`'s summary (scripts/fuzz.mjs reads these lines). */
export const report = (suite: string, figures: { inputs: number; failures: number; worstMs: number }): void => {
  console.log(
    `FUZZ ${suite}: ${figures.inputs} inputs, ${figures.failures} crashes/hangs/wrong answers, worst ${figures.worstMs.toFixed(1)} ms (seed ${FUZZ_SEED})`,
  );
};
