import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * One Wren process owns a data folder at a time: two would run the same bots on one WhatsApp
 * number and write one database. The owner holds `wren.lock` for its life; a second process reads
 * who holds it and stops before it opens anything else. Electron's single-instance lock cannot do
 * this: it does not see the headless host, which shares the desktop app's default folder.
 *
 * The file is created with O_EXCL (`wx`), which every platform and local file system makes atomic.
 * A lock whose process is gone (a crash, a kill -9, a power cut) is stale and taken over.
 */

export const LOCK_FILE = 'wren.lock';

export type LockMode = 'desktop' | 'headless';

const ownerSchema = z.object({
  pid: z.number().int().positive(),
  mode: z.enum(['desktop', 'headless']),
  startedAt: z.number(),
  hostname: z.string(),
});
export type LockOwner = z.infer<typeof ownerSchema>;

export type DataLock = {
  readonly path: string;
  /** Removes the lock file if it is still ours. Runs by itself when the process exits. */
  release(): void;
};

export type LockResult =
  | { ok: true; lock: DataLock }
  | { ok: false; error: { code: 'data_dir_in_use' | 'data_dir_unusable'; message: string } };

export type LockOptions = {
  pid?: number;
  hostname?: string;
  now?: () => number;
  /** Whether a process with this pid exists on this computer. */
  isAlive?: (pid: number) => boolean;
};

/** A lock file that is there but unreadable this long is a crashed start, not a start under way. */
const HALF_WRITTEN_GRACE_MS = 10_000;

/** Locks held by this process, so a pid reused after a restart (pid 1 in a container) is not "us". */
const held = new Set<string>();

export const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user; only ESRCH says it is gone.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
};

const two = (n: number) => String(n).padStart(2, '0');

/** "09:12" today, "2025-03-04 09:12" on another day: enough to recognise the other window. */
const when = (at: number, now: number): string => {
  const date = new Date(at);
  const time = `${two(date.getHours())}:${two(date.getMinutes())}`;
  if (date.toDateString() === new Date(now).toDateString()) return time;
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${time}`;
};

const OTHER_FOLDER = 'start this one with --data-dir=ANOTHER_FOLDER';

const inUse = (message: string): LockResult => ({ ok: false, error: { code: 'data_dir_in_use', message } });

const describeOwner = (owner: LockOwner, here: string, now: number): string =>
  owner.hostname === here
    ? `${owner.mode}, pid ${owner.pid}, started ${when(owner.startedAt, now)}`
    : `${owner.mode}, pid ${owner.pid} on the computer "${owner.hostname}", started ${when(owner.startedAt, now)}`;

const parseOwner = (raw: string): LockOwner | null => {
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

const createExclusive = (path: string, content: string): boolean => {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
};

const readRaw = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/**
 * Removes a stale lock, but only if it still reads as the one judged stale: another process may
 * have taken it over in between (the window left is the microseconds between read and unlink).
 */
const removeStale = (path: string, seen: string) => {
  if (readRaw(path) !== seen) return;
  try {
    unlinkSync(path);
  } catch {
    // Removed by the other process taking it over; the next try sees its lock.
  }
};

const hold = (path: string, content: string): DataLock => {
  held.add(path);
  const release = () => {
    process.off('exit', release);
    if (!held.delete(path)) return;
    // Only our own lock: if it was taken over (we looked dead) it belongs to someone else now.
    if (readRaw(path) !== content) return;
    try {
      unlinkSync(path);
    } catch {
      // Gone already; nothing to release.
    }
  };
  process.on('exit', release);
  return { path, release };
};

export const acquireDataLock = (dataDir: string, mode: LockMode, options: LockOptions = {}): LockResult => {
  const pid = options.pid ?? process.pid;
  const here = options.hostname ?? osHostname();
  const now = options.now ?? Date.now;
  const isAlive = options.isAlive ?? processAlive;
  const path = join(dataDir, LOCK_FILE);
  const content = JSON.stringify({ pid, mode, startedAt: now(), hostname: here } satisfies LockOwner);

  try {
    mkdirSync(dataDir, { recursive: true });
    // Three tries: a stale lock taken over can lose a race to a third process starting at once.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (createExclusive(path, content)) return { ok: true, lock: hold(path, content) };
      const raw = readRaw(path);
      if (raw === null) continue; // released between our two looks
      const owner = parseOwner(raw);
      if (!owner) {
        // Another process is between creating the file and writing it, or crashed right there.
        const age = now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0);
        if (age < HALF_WRITTEN_GRACE_MS)
          return inUse(`Another Wren is starting with ${dataDir}. Close it first, or ${OTHER_FOLDER}.`);
        removeStale(path, raw);
        continue;
      }
      const who = describeOwner(owner, here, now());
      if (owner.hostname !== here) {
        // A folder on a shared drive: we cannot see that computer's processes, so never guess.
        return inUse(
          `Another Wren (${who}) is using ${dataDir}. Close it there first, or ${OTHER_FOLDER}. If no Wren runs there any more, delete ${path}.`,
        );
      }
      const ours = owner.pid === pid && held.has(path);
      const stale = owner.pid === pid ? !ours : !isAlive(owner.pid);
      if (!stale) return inUse(`Another Wren (${who}) is using ${dataDir}. Close it first, or ${OTHER_FOLDER}.`);
      removeStale(path, raw);
    }
    return inUse(`Another Wren is starting with ${dataDir}. Close it first, or ${OTHER_FOLDER}.`);
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'data_dir_unusable',
        message: `Wren cannot use ${dataDir}: ${(error as Error).message}. Check that the folder exists and that you may write to it, or ${OTHER_FOLDER}.`,
      },
    };
  }
};
