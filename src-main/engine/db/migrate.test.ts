import Database from 'better-sqlite3';
import { InboxWriter } from '../inbox/writer';
import { anaWrote } from '../testing/incoming';
import { describe, expect, it } from 'vitest';
import { bundledMigrations, migrate } from './migrate';

const tables = (sqlite: Database.Database) =>
  sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => (r as { name: string }).name);

/**
 * A database in memory (foreign keys on) brought up to just before migration `tag`, holding the
 * shop's bot 'b'; `upgrade()` runs `tag` and every migration after it and returns what ran.
 */
const shopBefore = (tag: string) => {
  const sqlite = new Database(':memory:');
  sqlite.pragma('foreign_keys = ON');
  const all = bundledMigrations();
  const at = all.findIndex((m) => m.tag === tag);
  migrate(sqlite, all.slice(0, at));
  sqlite
    .prepare(
      "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES ('b', 'Shop', 'demo', 'online', 1, 1, 1)",
    )
    .run();
  return { sqlite, upgrade: () => migrate(sqlite, all.slice(at)) };
};

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

  it('add the inbox to a file made by 0000_init without touching its bots, with search kept in step', () => {
    const sqlite = new Database(':memory:');
    sqlite.pragma('foreign_keys = ON');
    const all = bundledMigrations();
    const [init, ...later] = all.slice(
      0,
      all.findIndex((m) => m.tag === '0012_fts_from_writer'),
    );
    migrate(sqlite, init ? [init] : []);
    sqlite
      .prepare(
        "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES ('b', 'Shop', 'demo', 'online', 1, 1, 1)",
      )
      .run();
    expect(migrate(sqlite, later).slice(0, 2)).toEqual(['0001_inbox', '0002_inbox_fts']);
    expect(sqlite.prepare('SELECT name FROM bots').all()).toEqual([{ name: 'Shop' }]);
    sqlite
      .prepare(
        "INSERT INTO chats (bot_id, jid, kind, last_ts, created_at) VALUES ('b', 'x@s.whatsapp.net', 'user', 1, 1)",
      )
      .run();
    const insert = sqlite.prepare(
      "INSERT INTO messages (bot_id, chat_id, wa_id, from_me, sender_jid, ts, kind, text) VALUES ('b', 1, ?, 0, 'x', 1, 'text', ?)",
    );
    insert.run('m1', 'opening hours');
    insert.run('m2', 'closing time');
    const find = (word: string) =>
      sqlite.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?').all(word).length;
    expect(find('opening')).toBe(1);
    sqlite.prepare("UPDATE messages SET text = 'moved' WHERE wa_id = 'm1'").run();
    sqlite.prepare("DELETE FROM messages WHERE wa_id = 'm2'").run();
    expect([find('opening'), find('moved'), find('closing')]).toEqual([0, 1, 0]);
  });

  it('0012 leaves new search rows to the inbox writer, and edits and deletes still keep search in step', () => {
    const sqlite = new Database(':memory:');
    sqlite.pragma('foreign_keys = ON');
    migrate(sqlite);
    sqlite
      .prepare(
        "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES ('b', 'Shop', 'demo', 'online', 1, 1, 1)",
      )
      .run();
    const writer = new InboxWriter(sqlite);
    writer.ingest(
      'b',
      [anaWrote('m1', 'opening hours'), anaWrote('m2', 'closing time'), anaWrote('m3', 'opening soon')],
      true,
      1,
    );
    // The same message again (history after live) stores nothing and indexes nothing twice.
    writer.ingest('b', [anaWrote('m1', 'opening hours'), anaWrote('m4', 'table booking')], false, 1);
    const find = (word: string) =>
      sqlite.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?').all(word).length;
    expect([find('opening'), find('closing'), find('booking')]).toEqual([2, 1, 1]);
    sqlite.prepare("UPDATE messages SET text = 'moved' WHERE wa_id = 'm1'").run();
    sqlite.prepare("DELETE FROM messages WHERE wa_id = 'm2'").run();
    expect([find('opening'), find('moved'), find('closing')]).toEqual([1, 1, 0]);
    // FTS5's own check that the index matches the messages table: it throws when they differ.
    expect(() =>
      sqlite.prepare("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')").run(),
    ).not.toThrow();
  });

  it('add media to a file with messages; a message’s file goes with it', () => {
    const { sqlite, upgrade } = shopBefore('0003_media');
    sqlite
      .prepare(
        "INSERT INTO chats (bot_id, jid, kind, last_ts, created_at) VALUES ('b', 'x@s.whatsapp.net', 'user', 1, 1)",
      )
      .run();
    sqlite
      .prepare(
        "INSERT INTO messages (bot_id, chat_id, wa_id, from_me, sender_jid, ts, kind, text) VALUES ('b', 1, 'm1', 0, 'x', 1, 'image', 'a photo')",
      )
      .run();
    expect(upgrade()[0]).toBe('0003_media');
    sqlite.prepare("INSERT INTO media (message_id, mime, state, ref) VALUES (1, 'image/jpeg', 'remote', 'r')").run();
    expect(sqlite.prepare('SELECT count(*) AS n FROM media').get()).toEqual({ n: 1 });
    sqlite.prepare('DELETE FROM messages').run();
    expect(sqlite.prepare('SELECT count(*) AS n FROM media').get()).toEqual({ n: 0 });
  });

  it('give existing contacts a sort name and a creation time, and keep the sort name in step', () => {
    const { sqlite, upgrade } = shopBefore('0007_campaigns');
    const add = sqlite.prepare("INSERT INTO contacts (bot_id, phone_jid, push_name, updated_at) VALUES ('b', ?, ?, 5)");
    add.run('447700900001@s.whatsapp.net', 'Zoe');
    add.run('447700900002@s.whatsapp.net', null);
    expect(upgrade()[0]).toBe('0007_campaigns');
    const sorted = () =>
      sqlite
        .prepare("SELECT sort_name AS s, created_at AS c FROM contacts WHERE bot_id = 'b' ORDER BY sort_name, id")
        .all();
    expect(sorted()).toEqual([
      { s: 'zoe', c: 5 },
      { s: '~447700900002@s.whatsapp.net', c: 5 },
    ]);
    // The business's own name wins over the WhatsApp name; new rows get both columns too.
    sqlite.prepare("UPDATE contacts SET name = 'Adam' WHERE push_name = 'Zoe'").run();
    add.run('447700900003@s.whatsapp.net', 'Bea');
    expect(sorted()).toEqual([
      { s: 'adam', c: 5 },
      { s: 'bea', c: 5 },
      { s: '~447700900002@s.whatsapp.net', c: 5 },
    ]);
  });

  it('give messages an origin, a star and a hidden mark (null on old rows), and link chats to contacts by number', () => {
    const { sqlite, upgrade } = shopBefore('0010_message_actions');
    const chat = sqlite.prepare(
      "INSERT INTO chats (bot_id, jid, kind, last_ts, created_at) VALUES ('b', ?, 'user', 1, 1)",
    );
    const contact = sqlite.prepare("INSERT INTO contacts (bot_id, phone_jid, name, updated_at) VALUES ('b', ?, ?, 1)");
    // A chat whose contact was deleted before the upgrade, and a contact added again since.
    chat.run('447700900001@s.whatsapp.net');
    contact.run('447700900001@s.whatsapp.net', 'Ann');
    chat.run('447700900002@s.whatsapp.net');
    sqlite
      .prepare(
        "INSERT INTO messages (bot_id, chat_id, wa_id, from_me, sender_jid, ts, kind, text, status) VALUES ('b', 1, 'm1', 1, 'me', 1, 'text', 'hi', 'sent')",
      )
      .run();
    expect(upgrade()[0]).toBe('0010_message_actions');
    expect(sqlite.prepare('SELECT origin, starred_at, hidden_at FROM messages').all()).toEqual([
      { origin: null, starred_at: null, hidden_at: null },
    ]);
    const linked = () =>
      sqlite
        .prepare('SELECT c.jid, ct.name FROM chats c LEFT JOIN contacts ct ON ct.id = c.contact_id ORDER BY c.id')
        .all();
    expect(linked()).toEqual([
      { jid: '447700900001@s.whatsapp.net', name: 'Ann' },
      { jid: '447700900002@s.whatsapp.net', name: null },
    ]);
    // Imported after the chat exists: the chat gets the contact at once.
    contact.run('447700900002@s.whatsapp.net', 'Bob');
    expect(linked()).toEqual([
      { jid: '447700900001@s.whatsapp.net', name: 'Ann' },
      { jid: '447700900002@s.whatsapp.net', name: 'Bob' },
    ]);
  });

  it('start the warm-up of numbers linked before 0011 where it started before: the bot’s creation', () => {
    const sqlite = new Database(':memory:');
    const all = bundledMigrations();
    const at = all.findIndex((m) => m.tag === '0011_bot_linked_at');
    migrate(sqlite, all.slice(0, at));
    const bot = sqlite.prepare(
      "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at, phone) VALUES (?, 'Bot', 'whatsapp', 'stopped', 0, ?, 1, ?)",
    );
    bot.run('linked', 1_000, '+447700900001');
    bot.run('never', 2_000, null);
    expect(migrate(sqlite, all.slice(at, at + 1))).toEqual(['0011_bot_linked_at']);
    expect(sqlite.prepare('SELECT id, linked_at, linked_phone FROM bots ORDER BY id').all()).toEqual([
      { id: 'linked', linked_at: 1_000, linked_phone: '+447700900001' },
      { id: 'never', linked_at: null, linked_phone: null },
    ]);
  });

  it('0014 keeps only pending messages in the outbox index, and the outbox still finds them by it', () => {
    const { sqlite, upgrade } = shopBefore('0014_outbox_pending');
    const writer = new InboxWriter(sqlite);
    const chatId = writer.chatForJid('b', '447700900001@s.whatsapp.net', null, 'Ann', 1);
    const send = (id: string) =>
      writer.insertOutgoing('b', chatId, { id, senderJid: 'me', ts: 2, text: id, quoted: null }, 'person');
    for (let i = 0; i < 30; i++) {
      send(`S${i}`);
      writer.status('b', { id: `S${i}`, chatJid: '447700900001@s.whatsapp.net', status: 'sent' });
    }
    const waiting = send('WAITING');
    /** Entries in the index's leaves: every message before 0014, so each status change moved one. */
    const entries = () =>
      (
        sqlite
          .prepare("SELECT sum(ncell) AS n FROM dbstat WHERE name = 'messages_outbox' AND pagetype = 'leaf'")
          .get() as {
          n: number;
        }
      ).n;
    expect(entries()).toBe(31);
    expect(upgrade()[0]).toBe('0014_outbox_pending');
    expect(entries()).toBe(1);
    // The outbox's own query (inbox/outbox.ts), as written: answered from the index, in order.
    const pending = "SELECT m.id FROM messages m WHERE m.bot_id = ? AND m.status = 'pending' ORDER BY m.id";
    expect(sqlite.prepare(pending).all('b')).toEqual([{ id: waiting }]);
    const plan = sqlite
      .prepare(`EXPLAIN QUERY PLAN ${pending}`)
      .all('b')
      .map((row) => (row as { detail: string }).detail)
      .join('\n');
    expect(plan).toMatch(/USING (COVERING )?INDEX messages_outbox/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});
