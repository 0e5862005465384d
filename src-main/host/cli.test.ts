import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MAX_FRAME_BYTES } from '../../src-shared/frames';
import { acquireDataLock, LOCK_FILE } from '../data-lock';
import { DB_FILE } from '../engine';

/** The host CLI as a user runs it, from source through tsx, each on a fresh data folder. */

const TOKEN = 'cli-test-token-0123456789abcdef';
const dirs: string[] = [];
const children: ChildProcess[] = [];

const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wren-cli-'));
  dirs.push(dir);
  return dir;
};

type Run = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

const run = (dataDir: string, env: Record<string, string> = {}): Run => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src-main/host/cli.ts', '--data-dir', dataDir, '--port', '0', '--no-demo-activity'],
    { env: { ...process.env, WREN_TOKEN: TOKEN, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
};

const started = async (host: Run): Promise<string> => {
  for (let waited = 0; waited < 45_000; waited += 100) {
    const match = /Open (http:\/\/\S+)/.exec(host.output());
    if (match?.[1]) return new URL(match[1]).origin;
    if (host.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The host did not start:\n${host.output()}`);
};

/** How a start that should be refused ended: its exit code, or 'started' if it did start. */
const refusal = (host: Run): Promise<number | null | 'started'> => {
  const start = started(host).then(
    () => 'started' as const,
    () => new Promise<never>(() => {}),
  );
  return Promise.race([host.exited, start]);
};

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('host CLI', () => {
  it('a second host on the same data folder exits 1 naming the first, which keeps running', async () => {
    const dataDir = freshDir();
    const first = run(dataDir);
    const origin = await started(first);

    const second = run(dataDir);
    expect(await refusal(second)).toBe(1);
    expect(second.output()).toContain(`Another Wren (headless, pid ${first.child.pid}, started `);
    expect(second.output()).toContain(`is using ${dataDir}. Close it first, or start this one with --data-dir=`);
    expect(second.output()).not.toContain('Wren is running');

    const session = await fetch(`${origin}/api/session`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(session.status).toBe(200);
    expect(first.child.exitCode).toBeNull();

    // Stopped, the first leaves the folder free again.
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  }, 90_000);

  it('hostile frames and addresses cost the sender its socket, never the host process', async () => {
    const dataDir = freshDir();
    const host = run(dataDir);
    const origin = await started(host);
    const wsUrl = `${origin.replace('http', 'ws')}/ws?token=${TOKEN}`;
    const sendAndWaitClose = (data: string | Buffer, binary = false) =>
      new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(wsUrl);
        ws.on('error', () => {});
        ws.once('open', () => {
          ws.send(data, { binary });
          // A frame the host answers leaves the socket open: close it from here.
          setTimeout(() => ws.close(), 200);
        });
        ws.once('close', () => resolve());
        ws.once('unexpected-response', () => reject(new Error('refused')));
      });
    await sendAndWaitClose('null');
    await sendAndWaitClose('{"type":"call","id":1e309,"name":"bots:list","input":{}}');
    await sendAndWaitClose(Buffer.from([0x7b, 0xff, 0x7d]));
    await sendAndWaitClose('x'.repeat(MAX_FRAME_BYTES + 1));
    for (const path of ['/%', '//']) await fetch(`${origin}${path}`);

    const session = await fetch(`${origin}/api/session`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(session.status).toBe(200);
    expect(host.child.exitCode).toBeNull();
    // pino writes on its own schedule: wait for the refusal to reach the log file.
    const readLogs = () =>
      readdirSync(join(dataDir, 'logs'))
        .map((name) => readFileSync(join(dataDir, 'logs', name), 'utf8'))
        .join('');
    let logs = readLogs();
    for (let waited = 0; !logs.includes('over 2 MiB') && waited < 5_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      logs = readLogs();
    }
    expect(logs).toContain('Closed a WebSocket client because it sent a frame over 2 MiB');
    expect(logs).not.toContain(TOKEN);
  }, 60_000);

  it('a host refused by the lock never creates the database', async () => {
    const dataDir = freshDir();
    // This test process holds the folder, as a desktop app would.
    const held = acquireDataLock(dataDir, 'desktop');
    if (!held.ok) throw new Error(held.error.message);
    try {
      const host = run(dataDir);
      expect(await refusal(host)).toBe(1);
      expect(host.output()).toContain(`Another Wren (desktop, pid ${process.pid}, started `);
      expect(existsSync(join(dataDir, DB_FILE))).toBe(false);
    } finally {
      held.lock.release();
    }
  }, 60_000);

  it('refuses a WREN_TOKEN shorter than 24 characters before touching the data folder', async () => {
    const dataDir = join(freshDir(), 'Wren');
    const host = run(dataDir, { WREN_TOKEN: 'too-short' });
    expect(await refusal(host)).toBe(1);
    expect(host.output()).toContain('WREN_TOKEN is 9 characters long; set it to at least 24 random characters');
    expect(existsSync(dataDir)).toBe(false);
  }, 60_000);
});
