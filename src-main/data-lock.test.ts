import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataLock, LOCK_FILE, processAlive, type DataLock, type LockOwner } from './data-lock';

let dir: string;
const locks: DataLock[] = [];
const take = (...args: Parameters<typeof acquireDataLock>) => {
  const result = acquireDataLock(...args);
  if (result.ok) locks.push(result.lock);
  return result;
};
const lockPath = () => join(dir, LOCK_FILE);
const writeOwner = (owner: LockOwner) => writeFileSync(lockPath(), JSON.stringify(owner));
const readOwner = () => JSON.parse(readFileSync(lockPath(), 'utf8')) as LockOwner;

// 09:12 local time on a fixed day, so the sentence can be checked exactly.
const at0912 = new Date(2025, 2, 4, 9, 12).getTime();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wren-lock-'));
});
afterEach(() => {
  for (const lock of locks.splice(0)) lock.release();
  rmSync(dir, { recursive: true, force: true });
});

describe('acquireDataLock', () => {
  it('takes a free folder (creating it) and writes who holds it', () => {
    const folder = join(dir, 'fresh', 'Wren');
    const result = take(folder, 'headless', { now: () => at0912 });
    expect(result.ok).toBe(true);
    const owner = JSON.parse(readFileSync(join(folder, LOCK_FILE), 'utf8')) as LockOwner;
    expect(owner).toMatchObject({ pid: process.pid, mode: 'headless', startedAt: at0912 });
    expect(typeof owner.hostname).toBe('string');
  });

  it('refuses a second take with a sentence naming the holder and what to do', () => {
    expect(take(dir, 'headless', { pid: 1234, now: () => at0912 }).ok).toBe(true);
    const second = take(dir, 'desktop', { pid: 5678, now: () => at0912 + 60_000, isAlive: () => true });
    expect(second).toEqual({
      ok: false,
      error: {
        code: 'data_dir_in_use',
        message: `Another Wren (headless, pid 1234, started 09:12) is using ${dir}. Close it first, or start this one with --data-dir=ANOTHER_FOLDER.`,
      },
    });
    // The holder's lock is untouched.
    expect(readOwner().pid).toBe(1234);
  });

  it('refuses a second take from the same process too', () => {
    expect(take(dir, 'desktop').ok).toBe(true);
    const again = take(dir, 'desktop');
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toContain(`desktop, pid ${process.pid}`);
  });

  it('names the day when the holder started on another day', () => {
    writeOwner({ pid: 1234, mode: 'desktop', startedAt: at0912, hostname: 'box' });
    const result = take(dir, 'headless', { hostname: 'box', now: () => at0912 + 86_400_000, isAlive: () => true });
    expect(!result.ok && result.error.message).toContain('(desktop, pid 1234, started 2025-03-04 09:12)');
  });

  it('takes over a stale lock whose process is gone', () => {
    writeOwner({ pid: 999_999, mode: 'headless', startedAt: at0912, hostname: 'box' });
    const result = take(dir, 'desktop', { pid: 42, hostname: 'box', isAlive: (pid) => pid !== 999_999 });
    expect(result.ok).toBe(true);
    expect(readOwner()).toMatchObject({ pid: 42, mode: 'desktop' });
  });

  it('takes over a lock of a real dead process, as process.kill(pid, 0) sees it', () => {
    // A pid above Linux's pid_max (4194304) never exists.
    expect(processAlive(2 ** 30)).toBe(false);
    expect(processAlive(process.pid)).toBe(true);
    writeOwner({ pid: 2 ** 30, mode: 'headless', startedAt: at0912, hostname: 'box' });
    expect(take(dir, 'headless', { hostname: 'box' }).ok).toBe(true);
  });

  it('takes over a lock left by an earlier life of its own pid (pid 1 in a container)', () => {
    writeOwner({ pid: 1, mode: 'headless', startedAt: at0912, hostname: 'box' });
    expect(take(dir, 'headless', { pid: 1, hostname: 'box', isAlive: () => true }).ok).toBe(true);
  });

  it('never takes over a lock held on another computer: it cannot see that pid', () => {
    writeOwner({ pid: 1234, mode: 'desktop', startedAt: at0912, hostname: 'office-pc' });
    const result = take(dir, 'headless', { hostname: 'laptop', now: () => at0912, isAlive: () => false });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('pid 1234 on the computer "office-pc"');
      expect(result.error.message).toContain(`delete ${lockPath()}`);
    }
  });

  it('waits out a lock file that is being written, and takes over one left half-written', () => {
    writeFileSync(lockPath(), '');
    const starting = take(dir, 'headless');
    expect(!starting.ok && starting.error.message).toContain('Another Wren is starting');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPath(), old, old);
    expect(take(dir, 'headless').ok).toBe(true);
  });

  it('says plainly when the folder cannot be used at all', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const result = take(join(file, 'Wren'), 'headless');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('data_dir_unusable');
      expect(result.error.message).toContain('Wren cannot use');
    }
  });
});

describe('release', () => {
  it('removes our lock, so the folder can be taken again', () => {
    const first = take(dir, 'headless');
    if (!first.ok) throw new Error(first.error.message);
    first.lock.release();
    expect(existsSync(lockPath())).toBe(false);
    expect(take(dir, 'desktop').ok).toBe(true);
  });

  it('leaves a lock that is no longer ours (taken over while we looked dead)', () => {
    const first = take(dir, 'headless', { pid: 4321 });
    if (!first.ok) throw new Error(first.error.message);
    writeOwner({ pid: 8765, mode: 'desktop', startedAt: at0912, hostname: 'box' });
    first.lock.release();
    expect(readOwner().pid).toBe(8765);
  });

  it('is registered for process exit, and releasing twice is harmless', () => {
    const before = process.listenerCount('exit');
    const first = take(dir, 'headless');
    if (!first.ok) throw new Error(first.error.message);
    expect(process.listenerCount('exit')).toBe(before + 1);
    first.lock.release();
    first.lock.release();
    expect(process.listenerCount('exit')).toBe(before);
  });
});
