import { spawn } from 'node:child_process';

/** What a child said (stdout and stderr), how it exited, and whether our SIGKILL landed. */
export type ChildOutcome = { said: string; code: number | null; killed: boolean };

/**
 * Runs a TypeScript child (a crash test's engine) and SIGKILLs it `killAfterMs` after it prints
 * `marker` (the moment its risky work begins), unless it has exited by then; null never kills.
 */
export const runKillableChild = (options: {
  script: string;
  args: string[];
  marker: string;
  killAfterMs: number | null;
  env?: NodeJS.ProcessEnv;
}): Promise<ChildOutcome> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', options.script, ...options.args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    let said = '';
    let killed = false;
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (options.killAfterMs !== null && timer === null && said.includes(options.marker)) {
        timer = setTimeout(() => {
          killed = child.kill('SIGKILL');
        }, options.killAfterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      said += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ said, code, killed });
    });
  });
