import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * Every bench at a tiny size, as a script the way `npm run bench` runs it: a bench that no longer
 * builds, throws, or stops halfway fails CI instead of the next full run. Figures at these sizes
 * mean nothing and are not checked; the full sizes stay in `npm run bench`. (The regex and
 * campaign-tick benches run in-process from their own tests. machine-size and wa-sessions start
 * their own protocol server.)
 */
const TINY: Array<[file: string, env: Record<string, string>, finalLine: RegExp]> = [
  [
    'bench/auth-state.bench.ts',
    { WREN_BENCH_AUTH_MESSAGES: '200', WREN_BENCH_AUTH_RUNS: '1' },
    /auth-state messages\/s/,
  ],
  // 1 and 2 sessions of each kind, 2 texts each, then 2 forced reconnects.
  [
    'bench/wa-sessions.bench.ts',
    { WREN_BENCH_WA_COUNTS: '1,2', WREN_BENCH_WA_MESSAGES: '2', WREN_BENCH_WA_RECONNECTS: '2' },
    /Total /,
  ],
  ['bench/contacts-import.bench.ts', { WREN_BENCH_IMPORT_ROWS: '2000' }, /longest time the loop was held/],
  ['bench/campaign-plan.bench.ts', { WREN_BENCH_CAMPAIGN_CONTACTS: '2000' }, /longest single block/],
  ['bench/pipeline.bench.ts', { WREN_BENCH_PIPELINE_MESSAGES: '2000' }, /SQLite: .* messages/],
  [
    'bench/inbox.bench.ts',
    { WREN_BENCH_INBOX_SIZE: '20000', WREN_BENCH_INBOX_HISTORY: '5000', WREN_BENCH_INBOX_TRIALS: '2' },
    /event-loop delay while storing 5,000 history messages/,
  ],
  // Startup needs a built app, and `npm test` runs vitest before `npm run build`: the bench builds
  // its own (a few seconds), so neither a fresh clone's missing out/ nor a stale one matters. The
  // copy goes under node_modules/.cache, which git, ESLint and Prettier all leave alone.
  [
    'bench/startup.bench.ts',
    {
      WREN_BENCH_STARTUP_BUILD: 'node_modules/.cache/wren-bench-startup',
      WREN_BENCH_STARTUP_BOTS: '2',
      WREN_BENCH_STARTUP_MESSAGES: '2000',
      WREN_BENCH_STARTUP_RUNS: '1',
    },
    /first screen's JavaScript/,
  ],
  // Both phases: 2 and 3 Demo bots, then 1 and 2 Baileys sessions linked to the protocol server
  // the bench starts itself, pinged by 2 customers (linking one takes well under a second).
  [
    'bench/machine-size.bench.ts',
    {
      WREN_BENCH_MACHINE_STEPS: '2,3',
      WREN_BENCH_MACHINE_SECONDS: '3',
      WREN_BENCH_MACHINE_SESSIONS: '1,2',
      WREN_BENCH_MACHINE_CUSTOMERS: '2',
    },
    /machine-size bench: done/,
  ],
];

describe('every bench runs to its last line at a tiny size', () => {
  for (const [file, env, finalLine] of TINY) {
    it(
      file,
      () => {
        const run = spawnSync(process.execPath, ['--import', 'tsx', file], {
          env: { ...process.env, WREN_BENCH_SMOKE: '1', ...env },
          encoding: 'utf8',
          timeout: 120_000,
        });
        expect(run.status, `${run.stdout}\n${run.stderr}`.slice(-2_000)).toBe(0);
        expect(run.stdout).toMatch(finalLine);
      },
      150_000,
    );
  }
});
