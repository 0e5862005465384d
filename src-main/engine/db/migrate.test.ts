import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { bundledMigrations, migrate } from './migrate';

const tables = (sqlite: Database.Database) =>
  sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => (r as { name: string }).name);

describe('migrations', () => {
  it('build every table from an empty file and record what ran', () => {
    const sqlite = new Database(':memory:');
    const ran = migrate(sqlite);
    expect(ran).toEqual(bundledMigrations().map((m) => m.tag));
    expect(tables(sqlite)).toEqual(
      expect.arrayContaining(['bots', 'bot_features', 'bot_events', 'wa_auth', '__wren_migrations']),
    );
  });

  it('run nothing the second time', () => {
    const sqlite = new Database(':memory:');
    migrate(sqlite);
    expect(migrate(sqlite)).toEqual([]);
  });

  it('roll back a failing migration whole and name it', () => {
    const sqlite = new Database(':memory:');
    migrate(sqlite);
    const broken = [{ tag: '9999_broken', statements: ['CREATE TABLE half (id INTEGER)', 'NOT SQL AT ALL'] }];
    expect(() => migrate(sqlite, broken)).toThrow(/9999_broken/);
    expect(tables(sqlite)).not.toContain('half');
  });
});
