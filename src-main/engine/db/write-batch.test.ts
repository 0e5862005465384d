import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../log/logger';
import { createWriteBatch } from './write-batch';

let dir: string;
let writer: Database.Database;
let reader: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wren-batch-'));
  writer = new Database(join(dir, 'w.db'));
  writer.pragma('journal_mode = WAL');
  writer.exec('CREATE TABLE t (v TEXT NOT NULL UNIQUE)');
  // Another connection sees only what is committed: what a restart after a kill would find.
  reader = new Database(join(dir, 'w.db'), { readonly: true });
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  reader.close();
  writer.close();
  rmSync(dir, { recursive: true, force: true });
});

const onDisk = () => (reader.prepare('SELECT v FROM t ORDER BY v').all() as { v: string }[]).map((r) => r.v);
const insert = (v: string) => writer.prepare('INSERT INTO t (v) VALUES (?)').run(v);

describe('write batch', () => {
  it('commits everything written in its window together, when the window ends', () => {
    const batch = createWriteBatch(writer, silentLogger(), 20);
    batch.join();
    insert('a');
    batch.join(); // a second event in the window joins the same batch
    insert('b');
    expect(onDisk()).toEqual([]);
    vi.advanceTimersByTime(19);
    expect(onDisk()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(onDisk()).toEqual(['a', 'b']);
    insert('c'); // outside a batch: committed at once, as before
    expect(onDisk()).toEqual(['a', 'b', 'c']);
  });

  it('keeps the batch when one logical change fails inside it, without any part of that change', () => {
    const batch = createWriteBatch(writer, silentLogger(), 20);
    batch.join();
    insert('a');
    const change = writer.transaction((values: string[]) => values.forEach(insert));
    expect(() => change(['x', 'a'])).toThrow(/UNIQUE/); // 'x' went in, then 'a' failed: all of it goes
    change(['y']);
    batch.flush();
    expect(onDisk()).toEqual(['a', 'y']);
  });

  it('commits at once on flush, and the next live event opens a new batch', () => {
    const batch = createWriteBatch(writer, silentLogger(), 20);
    batch.join();
    insert('a');
    batch.flush();
    expect(onDisk()).toEqual(['a']);
    expect(writer.inTransaction).toBe(false);
    batch.join();
    insert('b');
    expect(onDisk()).toEqual(['a']);
    vi.advanceTimersByTime(20);
    expect(onDisk()).toEqual(['a', 'b']);
    batch.flush(); // nothing open: nothing happens
    expect(writer.inTransaction).toBe(false);
  });

  it('does not take over a transaction someone else is running', () => {
    const batch = createWriteBatch(writer, silentLogger(), 20);
    writer.transaction(() => {
      insert('a');
      batch.join();
      insert('b');
    })();
    expect(onDisk()).toEqual(['a', 'b']);
    vi.advanceTimersByTime(20);
    expect(writer.inTransaction).toBe(false);
  });
});
