import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Chat, ChatKey } from '../../../src-shared/inbox';
import { bundledMigrations, migrate } from '../db/migrate';
import { createHarness } from '../testing/engine-harness';
import { InboxReader } from './reader';
import { InboxWriter } from './writer';

/** "All bots" on the Chats page: one list over every bot's chats, in the order of one bot's list. */

const SHOP = 'bot-shop';
const CAFE = 'bot-cafe';

let sqlite: Database.Database;
let reader: InboxReader;

const addBot = (db: Database.Database, id: string) =>
  db
    .prepare(
      "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES (?, ?, 'demo', 'online', 0, 0, 0)",
    )
    .run(id, id);

/** A chat as the writer leaves it, minus the message: enough for the list's order and filters. */
const addChat = (botId: string, title: string, lastTs: number, extra: { pinnedAt?: number; archived?: boolean } = {}) =>
  Number(
    sqlite
      .prepare(
        `INSERT INTO chats (bot_id, jid, kind, title, last_ts, pinned_at, archived, created_at)
         VALUES (?, ?, 'user', ?, ?, ?, ?, 0)`,
      )
      .run(
        botId,
        `4479111${String(lastTs).padStart(5, '0')}@s.whatsapp.net`,
        title,
        lastTs,
        extra.pinnedAt ?? null,
        extra.archived ? 1 : 0,
      ).lastInsertRowid,
  );

/** Every page of a list, following `nextBefore` to the end. */
const readAll = (args: { botId: string | null; archived?: boolean; query?: string; limit: number }) => {
  const pages: Chat[][] = [];
  let before: ChatKey | undefined;
  for (;;) {
    const page = reader.chats({ archived: false, ...args, ...(before ? { before } : {}) });
    pages.push(page.items);
    if (!page.nextBefore) return pages;
    before = page.nextBefore;
    if (pages.length > 50) throw new Error('the list never ends');
  }
};

const titles = (chats: Chat[]) => chats.map((c) => c.title);

beforeEach(() => {
  sqlite = new Database(':memory:');
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite);
  addBot(sqlite, SHOP);
  addBot(sqlite, CAFE);
  reader = new InboxReader(sqlite);
});

describe('all bots’ chats', () => {
  it('pages both bots’ chats by key, newest first, with ties on time broken by id, none twice', () => {
    // Interleaved times, and two chats of different bots at the same instant.
    addChat(SHOP, 'Ana', 100);
    addChat(CAFE, 'Ben', 200);
    addChat(SHOP, 'Cleo', 300);
    addChat(CAFE, 'Dev', 300);
    addChat(SHOP, 'Eve', 400);
    addChat(CAFE, 'Finn', 500);
    addChat(CAFE, 'Gus', 600);

    const pages = readAll({ botId: null, limit: 3 });
    expect(pages.map(titles)).toEqual([['Gus', 'Finn', 'Eve'], ['Dev', 'Cleo', 'Ben'], ['Ana']]);
    expect(pages.flat().map((c) => c.botId)).toEqual([CAFE, CAFE, SHOP, CAFE, SHOP, CAFE, SHOP]);
    // One bot's own list is unchanged by the others.
    expect(readAll({ botId: SHOP, limit: 2 }).map(titles)).toEqual([['Eve', 'Cleo'], ['Ana']]);
  });

  it('lists every bot’s pinned chats first, newest pin on top, and never again on a later page', () => {
    addChat(SHOP, 'Ana', 100, { pinnedAt: 10 });
    addChat(CAFE, 'Ben', 200, { pinnedAt: 30 });
    addChat(SHOP, 'Cleo', 300);
    addChat(CAFE, 'Dev', 400);
    addChat(SHOP, 'Eve', 500, { pinnedAt: 20 });
    addChat(CAFE, 'Finn', 600);

    const pages = readAll({ botId: null, limit: 2 });
    expect(titles(pages[0] ?? [])).toEqual(['Ben', 'Eve', 'Ana', 'Finn', 'Dev']);
    expect(pages.slice(1).map(titles)).toEqual([['Cleo']]);
    expect(pages.flat().filter((c) => c.pinned)).toHaveLength(3);
  });

  it('keeps archived chats in their own list', () => {
    addChat(SHOP, 'Ana', 100, { archived: true });
    addChat(CAFE, 'Ben', 200);
    addChat(CAFE, 'Cleo', 300, { archived: true, pinnedAt: 5 });
    addChat(SHOP, 'Dev', 400);

    expect(readAll({ botId: null, limit: 10 }).map(titles)).toEqual([['Dev', 'Ben']]);
    expect(readAll({ botId: null, archived: true, limit: 10 }).map(titles)).toEqual([['Cleo', 'Ana']]);
  });

  it('filters by name or number across bots, reading on while the filter drops rows', () => {
    addChat(SHOP, 'Maria Shop', 100);
    for (let i = 0; i < 6; i += 1) addChat(i % 2 ? SHOP : CAFE, `Other ${i}`, 200 + i);
    addChat(CAFE, 'Mario Cafe', 300);
    addChat(CAFE, 'Someone', 400);

    expect(readAll({ botId: null, query: 'mari', limit: 2 }).map(titles)).toEqual([['Mario Cafe', 'Maria Shop']]);
    // By number: the chat's phone (from its JID) matches whichever bot it belongs to.
    const byNumber = readAll({ botId: null, query: '+44 7911 100400', limit: 2 }).flat();
    expect(byNumber.map((c) => [c.title, c.botId])).toEqual([['Someone', CAFE]]);
    expect(
      readAll({ botId: null, query: '100100', limit: 2 })
        .flat()
        .map((c) => c.botId),
    ).toEqual([SHOP]);
  });

  it('shows each chat with its last message whichever bot stored it', () => {
    const writer = new InboxWriter(sqlite);
    const incoming = (id: string, chatJid: string, ts: number, text: string) => ({
      id,
      chatJid,
      senderJid: chatJid,
      senderName: null,
      fromMe: false,
      ts,
      text,
      offline: false,
    });
    writer.ingest(SHOP, [incoming('s1', '447911123402@s.whatsapp.net', 1_000, 'Shop question')], true, 1_000);
    writer.ingest(CAFE, [incoming('c1', '447911123402@s.whatsapp.net', 2_000, 'Cafe question')], true, 2_000);

    const { items } = reader.chats({ botId: null, archived: false, limit: 10 });
    // The same person writing to two bots is two chats, one per bot.
    expect(items.map((c) => [c.botId, c.phone, c.unread, c.lastMessage?.text])).toEqual([
      [CAFE, '+447911123402', 1, 'Cafe question'],
      [SHOP, '+447911123402', 1, 'Shop question'],
    ]);
  });

  it('reads a page by seeking the index, with no sort of the chats', () => {
    const plan = (source: string, ...args: unknown[]) =>
      sqlite
        .prepare(`EXPLAIN QUERY PLAN ${source}`)
        .all(...args)
        .map((row) => (row as { detail: string }).detail)
        .join('\n');
    // The reader's own statements, as prepared.
    const statements = reader as unknown as Record<'chatPageAll' | 'pinnedAll' | 'chatPage', Database.Statement>;
    const all = plan(statements.chatPageAll.source, 0, 1, 1, 50);
    expect(all).toMatch(/SEARCH c USING INDEX chats_list_all \(archived=\? AND last_ts<\?\)/);
    expect(all).not.toMatch(/TEMP B-TREE/);
    expect(plan(statements.pinnedAll.source, 0)).toMatch(/USING INDEX chats_pinned/);
    const one = plan(statements.chatPage.source, SHOP, 0, 1, 1, 50);
    expect(one).toMatch(/SEARCH c USING INDEX chats_list \(bot_id=\? AND archived=\? AND last_ts<\?\)/);
    expect(one).not.toMatch(/TEMP B-TREE/);
  });
});

describe('chats:list for all bots, through the contract', () => {
  it('takes botId: null for every bot, still asks for a bot when botId is left out', async () => {
    const h = await createHarness();
    try {
      const link = async (name: string) => {
        const bot = await h.call('bots:create', { name, kind: 'demo' });
        await h.call('bots:start', { botId: bot.id });
        await h.call('demo:simulate-scan', { botId: bot.id });
        await h.waitForStatus(bot.id, 'online');
        return bot.id;
      };
      const shop = await link('Shop');
      const cafe = await link('Cafe');
      await h.call('demo:receive', { botId: shop, from: '+447911123402', text: 'For the shop' });
      await h.call('demo:receive', { botId: cafe, from: '+447911123403', text: 'For the cafe' });
      const { items } = await h.call('chats:list', { botId: null });
      const mine = items.filter((c) => c.phone === '+447911123402' || c.phone === '+447911123403');
      expect(mine.map((c) => [c.botId, c.lastMessage?.text])).toEqual([
        [cafe, 'For the cafe'],
        [shop, 'For the shop'],
      ]);
      const omitted = h.engine.dispatch('chats:list', {});
      await expect(omitted).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      await h.dispose();
    }
  });
});

describe('migration 0004_chats_all_bots', () => {
  it('adds the all-bots indexes to a file made by the earlier migrations, keeping its chats', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const migrations = bundledMigrations();
    const at = migrations.findIndex((m) => m.tag === '0004_chats_all_bots');
    expect(at).toBeGreaterThan(0);
    migrate(db, migrations.slice(0, at));
    addBot(db, SHOP);
    addBot(db, CAFE);
    const insert = db.prepare(
      "INSERT INTO chats (bot_id, jid, kind, title, last_ts, created_at) VALUES (?, ?, 'user', ?, ?, 0)",
    );
    insert.run(SHOP, 'a@s.whatsapp.net', 'Ana', 1);
    insert.run(CAFE, 'b@s.whatsapp.net', 'Ben', 2);

    expect(migrate(db, migrations.slice(at))).toContain('0004_chats_all_bots');
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'chats' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(indexes).toEqual(expect.arrayContaining(['chats_list', 'chats_list_all', 'chats_pinned']));
    sqlite = db;
    reader = new InboxReader(db);
    expect(titles(reader.chats({ botId: null, archived: false, limit: 10 }).items)).toEqual(['Ben', 'Ana']);
  });
});
