import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log/logger';
import { BACKSTOP_FRAMES } from './open';

/**
 * Copies the WAL back into the database file from a worker thread, on its own connection, so the
 * engine's thread never does. SQLite's automatic checkpoint runs inside whichever commit crosses
 * the threshold: under a steady stream of messages that was a 40–90 ms stall every two seconds,
 * and everything that arrived meanwhile waited behind it. A PASSIVE checkpoint takes no lock a
 * writer needs, so the engine goes on committing while the worker copies.
 *
 * The engine's connection keeps a high automatic threshold as a backstop (db/open.ts): if this
 * worker cannot start, or dies, nothing grows without bound; it is only slower.
 */
export type Checkpointer = { close(): Promise<void> };

/** A WAL file bigger than this is truncated once writing has stopped (after a burst). */
const TRUNCATE_OVER = 64 * 1024 * 1024;

/** The lowest priority: the worker uses only time the engine's thread does not want. */
const BACKGROUND_NICE = 19;

/** How often the worker checkpoints. Each pass copies only what was written since the last. */
const EVERY_MS = 250;
/** Past this share of the engine's backstop (db/open.ts), the worker passes every NEAR_EVERY_MS. */
const NEAR_BACKSTOP = 0.9;
const NEAR_EVERY_MS = 10;

// Plain CommonJS run with `eval`: no separate file to bundle, and the driver is handed over by
// path, so the worker loads the very build the engine uses (Electron's or Node's).
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// The engine's thread comes first. On a machine with two cores, a pass copying megabytes took the
// core a reply was waiting for (the engine's thread was descheduled mid-message for 10-30 ms).
// Linux schedules threads one by one and a thread's id works as a pid here; elsewhere the worker
// keeps the process's priority.
if (process.platform === 'linux' && workerData.nice) {
  try {
    const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) require('node:os').setPriority(tid, workerData.nice);
  } catch {
    // No /proc, or not allowed: the same priority as the engine, as before.
  }
}
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const walBytes = () => {
  try {
    return require('node:fs').statSync(workerData.file + '-wal').size;
  } catch {
    return 0;
  }
};
// Frames written during a pass are left for the next one, so a pass repeats while it gains: once
// it has caught up between two commits, the engine's next commit starts the WAL from the top
// again instead of growing it.
let quiet = 0;
let lastLog = -1;
const pass = () => {
  try {
    let r;
    for (let i = 0; i < 5; i++) {
      [r] = db.pragma('wal_checkpoint(PASSIVE)');
      if (!r || r.log === r.checkpointed) break;
    }
    // Cutting the file back makes the engine wait for it (60 ms for 200 MB), so only once nothing
    // has been written for four passes in a row: after a burst, never in the middle of one.
    quiet = r && r.log === r.checkpointed && r.log === lastLog ? quiet + 1 : 0;
    lastLog = r ? r.log : -1;
    if (quiet >= 4 && walBytes() > workerData.truncateOver) {
      db.pragma('wal_checkpoint(TRUNCATE)');
      quiet = 0;
    }
    if (workerData.report && r) parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
    return r ? r.log : 0;
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
    return 0;
  }
};
// Under a steady stream of commits the WAL never starts over by itself (see db/open.ts): the
// engine's own checkpoint at the backstop does it, inside a commit, copying what this worker has
// not yet copied and syncing it. Close to the backstop this worker passes every few milliseconds,
// so that commit finds a few milliseconds' frames to copy and sync instead of a quarter second's.
// Only while the WAL grows (it grew within the normal interval): an idle WAL left that long must
// not wake the worker a hundred times a second.
let timer;
let framesBefore = 0;
let grewAt = -Infinity;
const next = () => {
  const frames = pass();
  const now = performance.now();
  if (frames > framesBefore) grewAt = now;
  framesBefore = frames;
  const near = frames >= workerData.nearBackstop && now - grewAt < workerData.everyMs;
  timer = setTimeout(next, near ? workerData.nearEveryMs : workerData.everyMs);
};
// The first pass at once: what an earlier run left in the WAL is copied back while the app starts.
timer = setTimeout(next, 0);
parentPort.on('message', () => {
  clearTimeout(timer);
  pass();
  db.close();
  parentPort.close();
});
`;

export type CheckpointerOptions = {
  everyMs?: number;
  truncateOverBytes?: number;
  /** The worker thread's nice value on Linux (0: the engine's own priority). */
  nice?: number;
  /** WAL frames from which the worker passes every 10 ms while the WAL grows (tests). */
  nearBackstopFrames?: number;
  /** After each pass: WAL frames, and how many of them are in the database file (tests). */
  onPass?: (pass: { log: number; checkpointed: number }) => void;
};

export const startCheckpointer = (file: string, logger: Logger, options: CheckpointerOptions = {}): Checkpointer => {
  const everyMs = options.everyMs ?? EVERY_MS;
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  try {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const started = new Worker(SOURCE, {
      eval: true,
      workerData: {
        driver,
        file,
        everyMs,
        truncateOver: options.truncateOverBytes ?? TRUNCATE_OVER,
        report: Boolean(options.onPass),
        nice: options.nice ?? BACKGROUND_NICE,
        nearBackstop: options.nearBackstopFrames ?? Math.floor(BACKSTOP_FRAMES * NEAR_BACKSTOP),
        nearEveryMs: Math.min(everyMs, NEAR_EVERY_MS),
      },
    });
    worker = started;
    exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
    started.on('message', (message: { error?: string; log?: number; checkpointed?: number }) => {
      if (message.error) logger.warn({ error: message.error }, 'db: a background checkpoint failed');
      else if (message.log !== undefined)
        options.onPass?.({ log: message.log, checkpointed: message.checkpointed ?? 0 });
    });
    started.on('error', (error) => logger.error({ err: error }, 'db: the checkpoint worker stopped'));
    // The app may quit without closing the engine: the worker must not keep it alive.
    started.unref();
  } catch (error) {
    logger.error({ err: error }, 'db: could not start the checkpoint worker; SQLite checkpoints on its own');
  }
  return {
    async close() {
      if (!worker) return;
      worker.ref(); // or a process with nothing else to do exits before the last pass is done
      worker.postMessage('close');
      await exited;
      worker = null;
    },
  };
};
