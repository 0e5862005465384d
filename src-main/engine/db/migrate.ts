import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import journal from './migrations/meta/_journal.json';

/**
 * drizzle-kit's committed migrations, bundled into the build as text so the packaged app and the
 * headless host need no migrations folder on disk. Vite replaces the glob at build time; under
 * plain Node (tsx: benchmarks, tools) `import.meta.glob` does not exist and the files are read
 * from beside this module instead.
 */
const loadSqlFiles = (): Record<string, string> => {
  try {
    return import.meta.glob<string>('./migrations/*.sql', { query: '?raw', import: 'default', eager: true });
  } catch {
    return Object.fromEntries(
      journal.entries.map((entry) => [
        `./migrations/${entry.tag}.sql`,
        readFileSync(new URL(`./migrations/${entry.tag}.sql`, import.meta.url), 'utf8'),
      ]),
    );
  }
};
const sqlFiles = loadSqlFiles();

export type Migration = { tag: string; statements: string[] };

export const bundledMigrations = (): Migration[] =>
  journal.entries.map((entry) => {
    const text = sqlFiles[`./migrations/${entry.tag}.sql`];
    if (text === undefined) throw new Error(`Migration ${entry.tag} is in the journal but not bundled.`);
    return {
      tag: entry.tag,
      statements: text
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    };
  });

/**
 * Applies every migration not yet applied, each in its own transaction, in journal order. A
 * failing migration rolls back whole and the error names it; earlier ones stay applied.
 */
export const migrate = (sqlite: Database.Database, migrations = bundledMigrations()): string[] => {
  sqlite.exec(
    'CREATE TABLE IF NOT EXISTS __wren_migrations (tag TEXT PRIMARY KEY NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(
    sqlite
      .prepare('SELECT tag FROM __wren_migrations')
      .all()
      .map((row) => (row as { tag: string }).tag),
  );
  const record = sqlite.prepare('INSERT INTO __wren_migrations (tag, applied_at) VALUES (?, ?)');
  const ran: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.tag)) continue;
    const apply = sqlite.transaction(() => {
      for (const statement of migration.statements) sqlite.exec(statement);
      record.run(migration.tag, Date.now());
    });
    try {
      apply();
    } catch (error) {
      throw new Error(`Database migration ${migration.tag} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    ran.push(migration.tag);
  }
  return ran;
};
