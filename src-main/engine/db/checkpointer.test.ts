import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { silentLogger } from '../log/logger';
import { startCheckpointer } from './checkpointer';

let dir: string;
let file: string;
let db: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wren-ckpt-'));
  file = join(dir, 'c.db');
  db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Only the worker checkpoints here: whatever leaves the WAL, it moved.
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (v TEXT NOT NULL)');
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const write = (n: number) => {
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  for (let i = 0; i < n; i++) insert.run('x'.repeat(500)); // one commit each, as live traffic was
};
const walFrames = () => (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]?.log ?? -1;

it('copies the WAL into the database from its own thread, so the next write starts the WAL again', async () => {
  write(2_000); // before the worker starts: a pass in the middle would not be the one awaited
  const grown = statSync(`${file}-wal`).size;
  let caughtUp: () => void = () => {};
  const done = new Promise<void>((resolve) => (caughtUp = resolve));
  const checkpointer = startCheckpointer(file, silentLogger(), {
    everyMs: 5,
    onPass: (pass) => {
      if (pass.log > 0 && pass.checkpointed === pass.log) caughtUp();
    },
  });
  await done;
  write(1);
  // Restarted from the top: one commit's frames, not 2,000 commits' worth after them.
  expect(walFrames()).toBeLessThan(10);
  expect(statSync(`${file}-wal`).size).toBe(grown); // reused in place, never grown
  expect((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(2_001);
  await checkpointer.close();
});

it('cuts a WAL left large by a burst back to nothing once writing has stopped', async () => {
  write(2_000);
  expect(statSync(`${file}-wal`).size).toBeGreaterThan(1024 * 1024);
  let emptied: () => void = () => {};
  const done = new Promise<void>((resolve) => (emptied = resolve));
  const checkpointer = startCheckpointer(file, silentLogger(), {
    everyMs: 5,
    truncateOverBytes: 1024 * 1024,
    onPass: (pass) => {
      if (pass.log === 0) emptied();
    },
  });
  await done;
  expect(statSync(`${file}-wal`).size).toBe(0);
  expect((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(2_000);
  await checkpointer.close();
});

it('passes again within milliseconds while a WAL near the backstop grows, and goes back to its pace once writing stops', async () => {
  write(100);
  // Under live traffic the WAL never starts over between two commits; here a reader's open
  // snapshot keeps it from doing so after each caught-up pass.
  const reader = new Database(file);
  reader.exec('BEGIN');
  reader.prepare('SELECT count(*) FROM t').get();
  const passes: number[] = [];
  const checkpointer = startCheckpointer(file, silentLogger(), {
    everyMs: 1_000,
    nearBackstopFrames: 50,
    onPass: (pass) => passes.push(pass.log),
  });
  // Live traffic: a commit every 40 ms, for 20 commits (under a second: the normal pace would
  // pass at most once meanwhile). Each pass near the backstop copies what came in since the last,
  // so the engine's own checkpoint at the backstop finds little to copy and sync.
  for (let i = 0; i < 20; i++) {
    write(1);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  expect(passes.length).toBeGreaterThanOrEqual(20);
  // Writing stopped: a second after the last write the worker is back at its full second.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const stoppedAt = passes.length;
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(passes.length - stoppedAt).toBeLessThanOrEqual(1);
  reader.exec('COMMIT');
  reader.close();
  await checkpointer.close();
});

it('closes its connection when asked, so the database is the engine’s alone again', async () => {
  const checkpointer = startCheckpointer(file, silentLogger(), { everyMs: 5 });
  write(10);
  await checkpointer.close();
  // Leaving WAL mode needs every other connection gone.
  expect(db.pragma('journal_mode = DELETE', { simple: true })).toBe('delete');
});

/** A thread's nice value: field 19 of its /proc stat file. */
const niceOf = (statFile: string): number => {
  const stat = readFileSync(statFile, 'utf8');
  // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
};
/** The nice value of each of this process's threads. */
const threadNices = (): number[] => readdirSync('/proc/self/task').map((tid) => niceOf(`/proc/self/task/${tid}/stat`));

it.runIf(process.platform === 'linux')(
  'runs at the lowest priority, so its copying never takes the core the engine’s thread needs',
  async () => {
    const before = threadNices().filter((nice) => nice === 19).length;
    let passed: () => void = () => undefined;
    const firstPass = new Promise<void>((resolve) => (passed = resolve));
    const checkpointer = startCheckpointer(file, silentLogger(), { everyMs: 10, onPass: () => passed() });
    await firstPass;
    const nices = threadNices();
    await checkpointer.close();
    expect(nices.filter((nice) => nice === 19).length).toBe(before + 1);
    // The engine's own thread keeps its priority.
    expect(niceOf('/proc/thread-self/stat')).toBe(0);
  },
);
