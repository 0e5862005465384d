/**
 * `npm run bench`: every benchmark, each printing ratios to a baseline measured in the same run.
 * Each judged figure prints one PASS or MISS line (verdict.ts); they are listed again at the end,
 * and the run exits 1 if a bench failed or a figure missed.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { isVerdictLine } from './verdict';

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
  ['bench/machine-size.bench.ts'],
];
/** `npm run bench -- inbox pipeline` runs only the benches whose file names contain a word given. */
const only = process.argv.slice(2);

const runOne = (file: string, args: string[]) =>
  new Promise<{ status: number | null; verdicts: string[] }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    const verdicts: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      console.log(line);
      if (isVerdictLine(line)) verdicts.push(line);
    });
    child.on('close', (status) => resolve({ status, verdicts }));
  });

const main = async () => {
  const summary: string[] = [];
  let failed = false;
  for (const [file = '', ...args] of benches) {
    if (only.length > 0 && !only.some((word) => file.includes(word))) continue;
    console.log(`\n=== ${file}`);
    const { status, verdicts } = await runOne(file, args);
    if (status !== 0) failed = true;
    summary.push(`--- ${file}${status === 0 ? '' : ` (exit ${status})`}`, ...verdicts);
  }
  console.log('\n=== every judged figure');
  for (const line of summary) console.log(line);
  process.exit(failed ? 1 : 0);
};

void main();
