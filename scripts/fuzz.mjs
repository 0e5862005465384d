// `npm run fuzz`: the fuzz suites (src-main/fuzz) with many more generated inputs than `npm test`
// tries, then one summary of what was tried and what broke. WREN_FUZZ_SCALE (default 10) scales
// every suite; WREN_FUZZ_SEED replays one run.
import { spawn } from 'node:child_process';

const scale = process.env.WREN_FUZZ_SCALE ?? '10';
// Each suite tries `scale` times the inputs it tries in npm test, so it gets `scale` times the time
// (a timed-out property keeps running behind the next test and muddles its result).
const testTimeout = String(20_000 * Math.max(1, Number(scale) || 1));
const child = spawn(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', 'src-main/fuzz', '--testTimeout', testTimeout],
  {
    env: { ...process.env, WREN_FUZZ_SCALE: scale },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
child.on('exit', (code) => {
  const lines = [
    ...output.matchAll(/FUZZ ([\w-]+): (\d+) inputs, (\d+) crashes\/hangs\/wrong answers, worst ([\d.]+) ms/g),
  ];
  const inputs = lines.reduce((n, m) => n + Number(m[2]), 0);
  const failures = lines.reduce((n, m) => n + Number(m[3]), 0);
  console.log('\nFuzz summary (scale %s):', scale);
  for (const m of lines)
    console.log(`  ${m[1].padEnd(10)} ${m[2].padStart(7)} inputs  ${m[3]} failures  worst ${m[4]} ms`);
  const pass = code === 0 && failures === 0 && inputs >= 10_000;
  console.log(
    `  ${pass ? 'PASS' : 'MISS'}: ${inputs.toLocaleString('en')} inputs, ${failures} crashes/hangs/wrong answers (target: 0 over ≥ 10,000)`,
  );
  process.exit(pass ? 0 : 1);
});
