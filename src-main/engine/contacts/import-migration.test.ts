import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { bundledMigrations, migrate } from '../db/migrate';

describe('migration 0009_contact_imports', () => {
  it('adds the import journal to a file made by 0008 without touching its contacts', () => {
    const sqlite = new Database(':memory:');
    sqlite.pragma('foreign_keys = ON');
    const all = bundledMigrations();
    const at = all.findIndex((m) => m.tag === '0009_contact_imports');
    expect(at).toBeGreaterThan(0);
    migrate(sqlite, all.slice(0, at));
    sqlite.exec(`INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at)
      VALUES ('b', 'Shop', 'demo', 'stopped', 0, 1, 1);
      INSERT INTO contacts (bot_id, phone_jid, name, fields, source, updated_at)
      VALUES ('b', '447700900001@s.whatsapp.net', 'Ana', '{"city":"Leeds"}', 'import', 1);
      INSERT INTO contact_tags (contact_id, tag) VALUES (1, 'vip');`);
    expect(migrate(sqlite, all.slice(at))).toContain('0009_contact_imports');
    expect(sqlite.prepare('SELECT name, fields, sort_name FROM contacts').all()).toEqual([
      { name: 'Ana', fields: '{"city":"Leeds"}', sort_name: 'ana' },
    ]);
    // An import's journal goes with its bot.
    sqlite.exec(`INSERT INTO contact_imports (id, bot_id, started_at) VALUES ('i', 'b', 1);
      INSERT INTO contact_import_undo (import_id, slice, undo) VALUES ('i', 0, '{"added":[],"changed":[]}');`);
    sqlite.exec("DELETE FROM bots WHERE id = 'b'");
    expect(sqlite.prepare('SELECT count(*) AS n FROM contact_import_undo').get()).toEqual({ n: 0 });
    expect(sqlite.prepare('SELECT count(*) AS n FROM contact_imports').get()).toEqual({ n: 0 });
  });
});
