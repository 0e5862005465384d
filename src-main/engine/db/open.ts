import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from './migrate';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** WAL frames at which the engine's own connection checkpoints: the backstop (see openDb). */
export const BACKSTOP_FRAMES = 50_000;

export type OpenedDb = { db: Db; sqlite: Database.Database; close(): void };

/**
 * Opens (or creates) Wren's one SQLite file and brings it to the current schema. WAL lets the UI
 * read while the engine writes; synchronous=NORMAL in WAL mode still keeps every committed
 * transaction across a killed process (only a power cut can lose the last ones).
 */
export const openDb = (file: string): OpenedDb => {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 32 MB of page cache (SQLite's default is 2 MB). In a store of a million messages a chat's
  // latest 50 sit on 50 different pages; with 2 MB a search between two openings of a chat pushed
  // them out, and opening it took 2.5× what it takes at 10,000 messages (the inbox bench). It is
  // only used as the file grows.
  sqlite.pragma('cache_size = -32768');
  // A worker thread does the checkpoints (db/checkpointer.ts). This is the backstop if it cannot:
  // a checkpoint on the engine's thread once the WAL holds 50,000 pages (200 MB). Under a steady
  // stream of commits the worker never finds the moment to let the WAL start over, so the
  // backstop is also what restarts it then: rarely, and with little left to copy (the worker
  // passes often as the WAL nears it).
  // No size limit here: cutting a 200 MB WAL back inside a commit took 60 ms; the worker cuts it
  // back instead, once writing has stopped after a burst.
  sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_FRAMES}`);
  sqlite.pragma('journal_size_limit = -1');
  migrate(sqlite);
  const db: Db = drizzle({ client: sqlite, schema });
  return { db, sqlite, close: () => sqlite.close() };
};
