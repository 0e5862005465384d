import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from './migrate';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

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
  // Fewer, larger checkpoints: the auth-state write pattern (one small transaction per message)
  // spends ~40 % of its time in checkpoints at the default of 1,000 pages. The size limit keeps
  // the WAL file from staying large after a burst.
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma('journal_size_limit = 67108864');
  migrate(sqlite);
  const db: Db = drizzle({ client: sqlite, schema });
  return { db, sqlite, close: () => sqlite.close() };
};
