/** `npm run bench`: every benchmark, each printing ratios to a baseline measured in the same run. */
import { spawnSync } from 'node:child_process';

const benches = [
  ['bench/auth-state.bench.ts', process.env.WREN_BENCH_MESSAGES ?? '4000'],
  ['bench/startup.bench.ts'],
  ['bench/wa-sessions.bench.ts'],
  ['bench/inbox.bench.ts'],
  ['bench/pipeline.bench.ts'],
  ['bench/regex.bench.ts'],
  ['bench/campaign-plan.bench.ts'],
  ['bench/contacts-import.bench.ts'],
  ['bench/campaign-tick.bench.ts'],
];
let failed = false;
for (const [file, ...args] of benches) {
  console.log(`\n=== ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file ?? '', ...args], { stdio: 'inherit' });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
