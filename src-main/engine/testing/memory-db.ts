import Database from 'better-sqlite3';
import { migrate } from '../db/migrate';

/** A database in memory built by the real migrations, with the given bots (Demo, stopped). */
export const memoryDbWithBots = (...botIds: string[]): Database.Database => {
  const sqlite = new Database(':memory:');
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite);
  const insert = sqlite.prepare(
    "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES (?, 'Bot', 'demo', 'stopped', 0, 0, 0)",
  );
  for (const id of botIds) insert.run(id);
  return sqlite;
};
