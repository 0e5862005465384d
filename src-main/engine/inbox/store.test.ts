import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import type { IncomingMessage } from '../wa/transport';
import { ftsQuery, InboxReader } from './reader';
import { InboxWriter } from './writer';

const BOT = 'bot-1';
const DANA = '447911123402@s.whatsapp.net';
const DANA_LID = '100000000000002@lid';

let sqlite: Database.Database;
let writer: InboxWriter;
let reader: InboxReader;

const msg = (over: Partial<IncomingMessage> & { id: string }): IncomingMessage => ({
  chatJid: DANA,
  senderJid: DANA,
  senderName: 'Dana',
  fromMe: false,
  ts: 1_000,
  text: `text of ${over.id}`,
  offline: false,
  ...over,
});

const count = (sql: string, ...args: unknown[]) => (sqlite.prepare(sql).get(...args) as { n: number }).n;

beforeEach(() => {
  sqlite = new Database(':memory:');
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite);
  for (const id of [BOT, 'bot-2']) {
    sqlite
      .prepare(
        "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES (?, 'B', 'demo', 'online', 0, 0, 0)",
      )
      .run(id);
  }
  writer = new InboxWriter(sqlite);
  reader = new InboxReader(sqlite);
});

describe('ingest', () => {
  it('stores a message once whether it arrives live, again from history, or replayed', () => {
    expect(writer.ingest(BOT, [msg({ id: 'A' }), msg({ id: 'B', ts: 2_000 })], true, 5)).toHaveLength(2);
    expect(writer.ingest(BOT, [msg({ id: 'A' }), msg({ id: 'C', ts: 500 })], false, 6)).toHaveLength(1);
    expect(writer.ingest(BOT, [msg({ id: 'B', ts: 2_000 })], true, 7)).toEqual([]);
    expect(count('SELECT count(*) AS n FROM messages')).toBe(3);
    const [chat] = reader.chats({ botId: BOT, archived: false, limit: 10 }).items;
    // Only new live messages count as unread; history does not; the preview is the newest.
    expect(chat).toMatchObject({ title: 'Dana', phone: '+447911123402', unread: 2, lastTs: 2_000 });
    expect(chat?.lastMessage).toMatchObject({ text: 'text of B', fromMe: false });
  });

  it('keeps a failed batch out whole', () => {
    const broken = { ...msg({ id: 'X' }), ts: null as unknown as number };
    expect(() => writer.ingest(BOT, [msg({ id: 'OK' }), broken], true, 1)).toThrow();
    expect(count('SELECT count(*) AS n FROM messages')).toBe(0);
    expect(count('SELECT count(*) AS n FROM chats')).toBe(0);
  });

  it('never moves a status backwards, and failed replaces only pending', () => {
    const chatId = writer.chatForJid(BOT, DANA, null, null, 1);
    const pending = writer.insertOutgoing(
      BOT,
      chatId,
      { id: 'OUT', senderJid: 'me@s.whatsapp.net', ts: 10, text: 'hi' },
      'person',
    );
    const status = (s: 'sent' | 'delivered' | 'read' | 'failed') =>
      writer.status(BOT, { id: 'OUT', chatJid: DANA, status: s });
    const current = () => reader.message(pending, null)?.status;
    expect(status('sent')).not.toBeNull();
    expect(status('read')).not.toBeNull();
    expect(status('delivered')).toBeNull();
    expect(current()).toBe('read');
    expect(status('failed')).toBeNull();
    expect(current()).toBe('read');
    // Addressed by the contact's LID, the status still finds the chat once the LID is known.
    writer.ingest(BOT, [msg({ id: 'IN', chatAltJid: DANA_LID })], true, 11);
    const second = writer.insertOutgoing(
      BOT,
      chatId,
      { id: 'OUT2', senderJid: 'me@s.whatsapp.net', ts: 12, text: 'x' },
      'person',
    );
    expect(writer.status(BOT, { id: 'OUT2', chatJid: DANA_LID, status: 'delivered' })).not.toBeNull();
    expect(reader.message(second, null)?.status).toBe('delivered');
  });

  it('marks a message deleted for everyone, keeping its text only with anti-delete', () => {
    writer.ingest(BOT, [msg({ id: 'K', text: 'keep this secret' }), msg({ id: 'G', text: 'gone forever' })], true, 1);
    writer.remove(BOT, { id: 'K', chatJid: DANA, fromMe: false, ts: 50 }, true);
    writer.remove(BOT, { id: 'G', chatJid: DANA, fromMe: false, ts: 51 }, false);
    const { items } = reader.messages({ chatId: 1, limit: 10, botJid: null });
    expect(items.find((m) => m.waId === 'K')).toMatchObject({ deletedAt: 50, text: 'keep this secret' });
    expect(items.find((m) => m.waId === 'G')).toMatchObject({ deletedAt: 51, text: null });
    expect(reader.searchMessages({ botId: BOT, query: 'forever', limit: 10, botJid: null }).items).toEqual([]);
  });

  it('keeps one contact and one chat for a person seen by LID first and by phone later', () => {
    writer.ingest(BOT, [msg({ id: 'L1', chatJid: DANA_LID, senderJid: DANA_LID })], true, 1);
    expect(reader.chats({ botId: BOT, archived: false, limit: 10 }).items[0]).toMatchObject({
      jid: DANA_LID,
      phone: null,
    });
    writer.ingest(BOT, [msg({ id: 'P1', chatJid: DANA_LID, chatAltJid: DANA, ts: 2_000 })], true, 2);
    writer.ingest(BOT, [msg({ id: 'P2', chatJid: DANA, ts: 3_000 })], true, 3);
    const chats = reader.chats({ botId: BOT, archived: false, limit: 10 }).items;
    expect(chats).toHaveLength(1);
    expect(chats[0]).toMatchObject({ jid: DANA, phone: '+447911123402', unread: 3 });
    expect(count('SELECT count(*) AS n FROM contacts')).toBe(1);
  });

  it('merges two chats that turn out to be one person, keeping a message seen in both once', () => {
    writer.ingest(BOT, [msg({ id: 'P', chatJid: DANA })], true, 1);
    writer.ingest(BOT, [msg({ id: 'L', chatJid: DANA_LID, senderJid: DANA_LID, ts: 1_500 })], true, 2);
    writer.ingest(BOT, [msg({ id: 'P', chatJid: DANA_LID, senderJid: DANA_LID })], true, 3);
    expect(count('SELECT count(*) AS n FROM chats')).toBe(2);
    writer.ingest(BOT, [msg({ id: 'BOTH', chatJid: DANA, chatAltJid: DANA_LID, ts: 2_000 })], true, 4);
    expect(count('SELECT count(*) AS n FROM chats')).toBe(1);
    expect(count('SELECT count(*) AS n FROM contacts')).toBe(1);
    const { items } = reader.messages({
      chatId: reader.chats({ botId: BOT, archived: false, limit: 5 }).items[0]?.id ?? 0,
      limit: 10,
      botJid: null,
    });
    expect(items.map((m) => m.waId)).toEqual(['BOTH', 'L', 'P']);
  });

  it('records reactions per sender, replacing and removing', () => {
    writer.ingest(BOT, [msg({ id: 'R' })], true, 1);
    const react = (sender: string, emoji: string | null, ts: number) =>
      writer.react(BOT, { id: 'R', chatJid: DANA, targetFromMe: false, senderJid: sender, emoji, ts });
    react(DANA, '👍', 10);
    react('me@s.whatsapp.net', '👍', 11);
    react(DANA, '❤️', 12);
    expect(reader.message(1, 'me@s.whatsapp.net')?.reactions).toEqual([
      { emoji: '👍', count: 1, mine: true },
      { emoji: '❤️', count: 1, mine: false },
    ]);
    react('me@s.whatsapp.net', null, 13);
    expect(reader.message(1, 'me@s.whatsapp.net')?.reactions).toEqual([{ emoji: '❤️', count: 1, mine: false }]);
  });
});

describe('reading', () => {
  it('pages a thread newest first by key and opens a window around a message', () => {
    writer.ingest(
      BOT,
      Array.from({ length: 25 }, (_, i) => msg({ id: `M${i}`, ts: 1_000 + Math.floor(i / 2) })),
      false,
      1,
    );
    const seen: string[] = [];
    let before;
    for (;;) {
      const page = reader.messages({ chatId: 1, limit: 10, botJid: null, ...(before ? { before } : {}) });
      seen.push(...page.items.map((m) => m.waId));
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe('M24');
    const target = reader.messages({ chatId: 1, limit: 25, botJid: null }).items.find((m) => m.waId === 'M12');
    const around = reader.around({ messageId: target?.id ?? 0, limit: 6, botJid: null });
    expect(around?.items.map((m) => m.waId)).toEqual(['M15', 'M14', 'M13', 'M12', 'M11', 'M10', 'M9']);
    expect(around?.nextAfter).not.toBeNull();
  });

  it('lists pinned chats first, leaves archived ones out, and finds chats by name or number', () => {
    const people = ['447911123402', '447911123403', '447911123404'];
    people.forEach((p, i) =>
      writer.ingest(
        BOT,
        [msg({ id: `m${i}`, chatJid: `${p}@s.whatsapp.net`, senderName: `P${i}`, ts: 100 + i })],
        true,
        1,
      ),
    );
    sqlite.prepare('UPDATE chats SET pinned_at = 5 WHERE jid = ?').run(`${people[0]}@s.whatsapp.net`);
    sqlite.prepare('UPDATE chats SET archived = 1 WHERE jid = ?').run(`${people[1]}@s.whatsapp.net`);
    expect(reader.chats({ botId: BOT, archived: false, limit: 10 }).items.map((c) => c.title)).toEqual(['P0', 'P2']);
    expect(reader.chats({ botId: BOT, archived: true, limit: 10 }).items.map((c) => c.title)).toEqual(['P1']);
    expect(reader.chats({ botId: BOT, archived: false, query: '123404', limit: 10 }).items.map((c) => c.title)).toEqual(
      ['P2'],
    );
    expect(reader.chats({ botId: 'bot-2', archived: false, limit: 10 }).items).toEqual([]);
  });

  it('searches a bot’s messages by word prefix, ignoring case and accents, with marked snippets', () => {
    writer.ingest(
      BOT,
      [msg({ id: 'a', text: 'Le Café est ouvert' }), msg({ id: 'b', text: 'closed on sunday', ts: 2 })],
      true,
      1,
    );
    writer.ingest('bot-2', [msg({ id: 'c', text: 'cafe for bot two' })], true, 1);
    const hits = reader.searchMessages({ botId: BOT, query: 'cafe', limit: 10, botJid: null }).items;
    expect(hits.map((h) => h.message.waId)).toEqual(['a']);
    expect(hits[0]?.snippet).toBe('Le \u0001Café\u0002 est ouvert');
    expect(hits[0]?.chatTitle).toBe('Dana');
    expect(reader.searchMessages({ botId: BOT, query: 'sund', limit: 10, botJid: null }).items).toHaveLength(1);
    expect(reader.searchMessages({ botId: BOT, query: '"); DROP', limit: 10, botJid: null }).items).toEqual([]);
    expect(ftsQuery('  ')).toBeNull();
  });
});
