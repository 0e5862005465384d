import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A headless host of the built app on a free port with its own data dir, as a user would run it. */
export type RunningHost = { url: string; origin: string; token: string; dataDir: string; stop(): Promise<void> };

export const startHost = async (
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<RunningHost> => {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'wren-e2e-'));
  const token = randomBytes(18).toString('base64url');
  const child: ChildProcess = spawn(
    process.execPath,
    // WREN_E2E_OUT lets a second build (electron-vite build --outDir …) be tested beside out/.
    [`${process.env.WREN_E2E_OUT ?? 'out'}/main/host.js`, '--data-dir', dataDir, '--port', '0', '--no-demo-activity'],
    {
      env: { ...process.env, WREN_TOKEN: token, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Host did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Host exited with ${code}:\n${output}`));
    });
  });
  // A host that dies mid-test shows up as "Reconnecting to Wren…" in the page: say why, here.
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping)
      console.error(`The host exited on its own (${code ?? signal}). Its output:\n${output.slice(-8_000)}`);
  });
  const origin = new URL(url).origin;
  return {
    url,
    origin,
    token,
    dataDir,
    async stop() {
      stopping = true;
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
