import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '../db/open';
import { createWriteBatch, type WriteBatch } from '../db/write-batch';
import { silentLogger } from '../log/logger';
import { ANA_JID, anaWrote } from '../testing/incoming';
import { InboxWriter } from './writer';

/**
 * Live messages inside the engine's batch of writes wait in messages_fts_pending and are indexed
 * for search once, when the batch commits (migration 0013): what search finds, and FTS5's own
 * integrity check, must be as if each had been indexed on arrival.
 */
let dir: string;
let opened: OpenedDb;
let sqlite: Database.Database;
let batch: WriteBatch;
let writer: InboxWriter;

const found = (word: string) =>
  sqlite.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?').all(word).length;
const waiting = () => (sqlite.prepare('SELECT count(*) AS n FROM messages_fts_pending').get() as { n: number }).n;
/** FTS5 checks its index against the messages table: it throws when they differ. */
const intact = () => sqlite.prepare("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')").run();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wren-search-batch-'));
  opened = openDb(join(dir, 'wren.db'));
  sqlite = opened.sqlite;
  sqlite
    .prepare(
      "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES ('b', 'Shop', 'demo', 'online', 1, 1, 1)",
    )
    .run();
  // A window no test reaches: each test commits the batch itself.
  batch = createWriteBatch(sqlite, silentLogger(), 60_000);
  writer = new InboxWriter(sqlite, batch.isOpen);
  batch.beforeCommit(() => writer.indexPending());
});

afterEach(() => {
  batch.flush();
  opened.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('search rows of live messages in a batch', () => {
  it('are written when the batch commits, with the text each message has by then', () => {
    batch.join();
    writer.ingest('b', [anaWrote('m1', 'opening hours')], true, 1);
    writer.ingest('b', [anaWrote('m2', 'parcel tracking')], true, 1);
    writer.ingest('b', [anaWrote('m3', 'table booking')], true, 1);
    expect([found('opening'), waiting()]).toEqual([0, 3]);
    // Edited and deleted for everyone before the batch commits.
    writer.edit('b', { id: 'm1', chatJid: ANA_JID, text: 'closing time', ts: 2 });
    writer.remove('b', { id: 'm2', chatJid: ANA_JID, fromMe: false, ts: 2 }, false);
    batch.flush();
    expect([found('opening'), found('closing'), found('parcel'), found('booking'), waiting()]).toEqual([0, 1, 0, 1, 0]);
    expect(intact).not.toThrow();
    // Indexed now, so a later edit goes through the trigger as before.
    writer.edit('b', { id: 'm3', chatJid: ANA_JID, text: 'table for two', ts: 3 });
    expect([found('booking'), found('two')]).toEqual([0, 1]);
    expect(intact).not.toThrow();
  });

  it('leave the search index untouched until the batch commits, instead of writing it per message', () => {
    // The index's own storage: FTS5 writes a segment into it each time it flushes.
    const indexRows = () => (sqlite.prepare('SELECT count(*) AS n FROM messages_fts_data').get() as { n: number }).n;
    const traffic = (into: InboxWriter, prefix: string) => {
      batch.join();
      const before = indexRows();
      for (let i = 0; i < 200; i++)
        into.ingest('b', [anaWrote(`${prefix}${i}`, `word${i} and more words ${prefix}`)], true, 1);
      const during = indexRows() - before;
      batch.flush();
      return during;
    };
    expect(traffic(writer, 'a')).toBe(0);
    // The same traffic indexed message by message, as before 0013: the index is written meanwhile.
    expect(traffic(new InboxWriter(sqlite), 'e')).toBeGreaterThan(0);
    expect([found('a'), found('e')]).toEqual([200, 200]);
    expect(intact).not.toThrow();
  });

  it('left waiting by a batch whose indexing failed are indexed with the next batch', () => {
    let failures = 1;
    const flaky = createWriteBatch(sqlite, silentLogger(), 60_000);
    const flakyWriter = new InboxWriter(sqlite, flaky.isOpen);
    flaky.beforeCommit(() => {
      if (failures-- > 0) throw new Error('disk I/O error');
      flakyWriter.indexPending();
    });
    flaky.join();
    flakyWriter.ingest('b', [anaWrote('m1', 'opening hours')], true, 1);
    flaky.flush();
    // The message is kept, and still waits to be indexed.
    expect([sqlite.prepare('SELECT count(*) AS n FROM messages').get(), found('opening'), waiting()]).toEqual([
      { n: 1 },
      0,
      1,
    ]);
    flaky.join();
    flakyWriter.ingest('b', [anaWrote('m2', 'opening soon')], true, 1);
    flaky.flush();
    expect([found('opening'), waiting()]).toEqual([2, 0]);
    expect(intact).not.toThrow();
  });

  it('are merged as they are written, so the index does not pile up segments with FTS5 merging off', () => {
    // 400 writes outside a batch: each one a segment of its own.
    for (let i = 0; i < 400; i++)
      writer.ingest('b', [anaWrote(`h${i}`, `history line ${i} about order${i % 7}`)], false, 1);
    const rows = (sqlite.prepare('SELECT count(*) AS n FROM messages_fts_data').get() as { n: number }).n;
    // Merged a little after each write: 7 rows. Left to FTS5's crisis merges (16 segments of a
    // level at once, what it does with automerge off): 13.
    expect(rows).toBeLessThan(10);
    expect(found('order3')).toBe(57);
    expect(intact).not.toThrow();
  });
});
