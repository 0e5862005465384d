import type Database from 'better-sqlite3';
import type { Logger } from '../log/logger';

/**
 * Group commit for live WhatsApp traffic. Each incoming message used to cost five or so commits
 * (the message and its search row, the log line, the reply in the outbox, its status), and every
 * commit writes whole pages to the WAL: at 1,000 messages a second that, and the checkpoints
 * copying it back, was most of the engine's time. Now the first live event opens one transaction
 * and everything written in the next `windowMs` joins it.
 *
 * Each logical change still runs in its own `sqlite.transaction()`, which inside the batch is a
 * savepoint: a change that fails rolls back alone, and the batch never keeps half of one.
 *
 * The price is durability of the last few milliseconds if the process is killed: what WhatsApp
 * delivered in that window may be missing after a restart. Nothing is ever sent twice for it
 * (outgoing ids are fixed before sending). Where that price is not acceptable, the writer calls
 * `flush()`: a call from the UI before it answers, Signal keys before they are used, a campaign's
 * claim before its message leaves.
 */
export type WriteBatch = {
  /** Opens a batch unless one is open; it commits within the window. Needs no `this`. */
  join: () => void;
  /** Commits the open batch now. Safe to call at any time. Needs no `this`. */
  flush: () => void;
  /** Whether a batch is open: what is written now commits with it. Needs no `this`. */
  isOpen: () => boolean;
  /**
   * Runs `work` inside every batch just before it commits (the inbox indexes the batch's messages
   * for search there, in one statement). A failure is logged and the batch commits without it.
   */
  beforeCommit: (work: () => void) => void;
};

export const createWriteBatch = (sqlite: Database.Database, logger: Logger, windowMs = 20): WriteBatch => {
  let open = false;
  let timer: NodeJS.Timeout | null = null;
  const lastWork: Array<() => void> = [];

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!open) return;
    open = false;
    // SQLite may have rolled the whole batch back itself (disk full, I/O error): nothing to commit.
    if (!sqlite.inTransaction) return;
    for (const work of lastWork) {
      try {
        work();
      } catch (error) {
        logger.error({ err: error }, 'db: work before committing a batch failed; the batch commits without it');
      }
    }
    try {
      sqlite.exec('COMMIT');
    } catch (error) {
      logger.error({ err: error }, 'db: committing a batch of live changes failed; they are lost');
      try {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      } catch (rollback) {
        logger.error({ err: rollback }, 'db: rolling back a failed batch failed too');
      }
    }
  };

  return {
    join() {
      // Someone else's transaction is running synchronously right now: let it be.
      if (open || sqlite.inTransaction) return;
      try {
        sqlite.exec('BEGIN IMMEDIATE');
      } catch (error) {
        // Busy or broken: the changes commit one by one, as they did before batches.
        logger.warn({ err: error }, 'db: could not open a batch of live changes');
        return;
      }
      open = true;
      // Real time, not the engine's clock: the window is about the disk, and a fake clock that
      // stands still in a test must not keep a batch open.
      timer = setTimeout(flush, windowMs);
    },
    flush,
    isOpen: () => open,
    beforeCommit: (work) => void lastWork.push(work),
  };
};
