import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '../db/open';
import { createAuthStore, credsHaveSession, forgetAuthCache } from './auth-store';

const addBot = (sqlite: Database.Database, id: string) =>
  sqlite
    .prepare(
      "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES (?, ?, 'whatsapp', 'stopped', 0, 0, 0)",
    )
    .run(id, `Bot ${id}`);

const countRows = (sqlite: Database.Database, botId: string) =>
  (sqlite.prepare('SELECT count(*) AS n FROM wa_auth WHERE bot_id = ?').get(botId) as { n: number }).n;

let dir: string;
let opened: OpenedDb;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wren-auth-'));
  file = join(dir, 'wren.db');
  opened = openDb(file);
  addBot(opened.sqlite, 'a');
  addBot(opened.sqlite, 'b');
});

afterEach(() => {
  if (opened.sqlite.open) opened.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('auth store', () => {
  it('sets, gets and deletes keys', () => {
    const store = createAuthStore(opened.sqlite, 'a');
    store.setKeys({ session: { s1: '"one"', s2: '"two"' }, 'pre-key': { '1': '{"k":1}' } });
    expect(store.getKeys('session', ['s1', 's2', 'missing'])).toEqual(
      new Map([
        ['s1', '"one"'],
        ['s2', '"two"'],
      ]),
    );
    store.setKeys({ session: { s1: null, s2: '"two again"' }, 'pre-key': { '1': undefined } });
    expect(store.getKeys('session', ['s1', 's2'])).toEqual(new Map([['s2', '"two again"']]));
    expect(store.getKeys('pre-key', ['1']).size).toBe(0);
    // The rows, not just the cache, reflect it.
    expect(countRows(opened.sqlite, 'a')).toBe(1);
    expect(createAuthStore(opened.sqlite, 'a').getKeys('session', ['s2']).get('s2')).toBe('"two again"');
  });

  it('writes nothing of a set that fails part-way, and its cache stays true to disk', () => {
    const store = createAuthStore(opened.sqlite, 'a');
    store.setKeys({ session: { keep: '"old"' } });
    const bad = { not: 'a string' } as unknown as string;
    const many: Record<string, string> = {};
    for (let i = 0; i < 500; i++) many[`k${i}`] = `"${i}"`;
    expect(() => store.setKeys({ session: { keep: '"new"', ...many, poison: bad, after: '"x"' } })).toThrow();
    expect(store.getKeys('session', ['keep']).get('keep')).toBe('"old"');
    expect(store.getKeys('session', ['k0', 'k499', 'after']).size).toBe(0);
    expect(countRows(opened.sqlite, 'a')).toBe(1);
  });

  it('rolls back when SQLite itself aborts in the middle of a set', () => {
    opened.sqlite.exec(
      "CREATE TRIGGER refuse AFTER INSERT ON wa_auth WHEN NEW.id = 'boom' BEGIN SELECT RAISE(ABORT, 'disk says no'); END",
    );
    const store = createAuthStore(opened.sqlite, 'a');
    store.setKeys({ 'pre-key': { '1': '"p1"' } });
    expect(() =>
      store.setKeys({ 'pre-key': { '1': null, '2': '"p2"' }, session: { boom: '"x"' }, 'sender-key': { g: '"y"' } }),
    ).toThrow(/disk says no/);
    expect(store.getKeys('pre-key', ['1', '2'])).toEqual(new Map([['1', '"p1"']]));
    expect(store.getKeys('sender-key', ['g']).size).toBe(0);
    expect(countRows(opened.sqlite, 'a')).toBe(1);
  });

  it('keeps everything across closing and reopening the file', () => {
    const store = createAuthStore(opened.sqlite, 'a');
    store.writeCreds({ me: { id: '447700900123:4@s.whatsapp.net' }, n: 1 });
    store.setKeys({ session: { s: '"v"' } });
    opened.close();
    opened = openDb(file);
    const again = createAuthStore(opened.sqlite, 'a');
    expect(again.readCreds()).toEqual({ me: { id: '447700900123:4@s.whatsapp.net' }, n: 1 });
    expect(again.hasSession()).toBe(true);
    expect(again.getKeys('session', ['s']).get('s')).toBe('"v"');
  });

  it('keeps each bot to its own keys', () => {
    const a = createAuthStore(opened.sqlite, 'a');
    const b = createAuthStore(opened.sqlite, 'b');
    a.setKeys({ session: { same: '"a"' } });
    b.setKeys({ session: { same: '"b"' } });
    a.writeCreds({ me: { id: '1@s.whatsapp.net' } });
    expect(a.getKeys('session', ['same']).get('same')).toBe('"a"');
    expect(b.getKeys('session', ['same']).get('same')).toBe('"b"');
    expect(b.readCreds()).toBeNull();
    expect(b.hasSession()).toBe(false);
  });

  it('clear() removes only that bot', () => {
    const a = createAuthStore(opened.sqlite, 'a');
    const b = createAuthStore(opened.sqlite, 'b');
    a.writeCreds({ me: { id: '1@s.whatsapp.net' } });
    a.setKeys({ session: { x: '"a"' } });
    b.setKeys({ session: { x: '"b"' } });
    a.clear();
    expect(a.readCreds()).toBeNull();
    expect(a.hasSession()).toBe(false);
    expect(a.getKeys('session', ['x']).size).toBe(0);
    expect(countRows(opened.sqlite, 'a')).toBe(0);
    expect(b.getKeys('session', ['x']).get('x')).toBe('"b"');
  });

  it('loses the session with the bot row', () => {
    createAuthStore(opened.sqlite, 'a').setKeys({ session: { x: '"a"' }, creds: { '': '{}' } });
    opened.sqlite.prepare('DELETE FROM bots WHERE id = ?').run('a');
    expect(countRows(opened.sqlite, 'a')).toBe(0);
  });

  it('refuses keys of a bot that does not exist', () => {
    expect(() => createAuthStore(opened.sqlite, 'ghost').setKeys({ session: { x: '"a"' } })).toThrow(/FOREIGN KEY/);
  });

  it('stays correct when its cache bound forces evictions', () => {
    const store = createAuthStore(opened.sqlite, 'a', { cacheMaxChars: 2_000 });
    const value = (i: number) => `"${String(i).padStart(100, '0')}"`;
    const all: Record<string, string> = {};
    for (let i = 0; i < 200; i++) all[`s${i}`] = value(i);
    store.setKeys({ session: all });
    for (let i = 199; i >= 0; i--) expect(store.getKeys('session', [`s${i}`]).get(`s${i}`)).toBe(value(i));
    // A value bigger than the whole cache is still stored and read, just never cached.
    const huge = `"${'x'.repeat(5_000)}"`;
    store.setKeys({ session: { huge } });
    expect(store.getKeys('session', ['huge']).get('huge')).toBe(huge);
  });

  it('keeps one-time pre-keys out of its cache: each is read from disk, correct after a write or delete', () => {
    const store = createAuthStore(opened.sqlite, 'a');
    const preKeys: Record<string, string> = {};
    for (let i = 1; i <= 812; i++) preKeys[String(i)] = `"${String(i).padStart(40, '0')}"`;
    store.setKeys({ session: { s1: '"session"' }, 'pre-key': preKeys });
    const decode = (json: string) => ({ json });
    const cachedSession = store.getDecoded('session', ['s1'], decode).get('s1');
    expect(store.getKeys('pre-key', ['7']).get('7')).toBe(preKeys['7']);
    // Written behind the store's back: a cached key keeps what the store knew, a pre-key shows the disk.
    opened.sqlite.prepare("UPDATE wa_auth SET value = '\"changed\"' WHERE bot_id = 'a' AND id IN ('s1', '7')").run();
    expect(store.getDecoded('session', ['s1'], decode).get('s1')).toBe(cachedSession);
    expect(store.getKeys('pre-key', ['7']).get('7')).toBe('"changed"');
    expect(store.getDecoded('pre-key', ['8'], decode).get('8')).toEqual({ json: preKeys['8'] });
    store.setKeys({ 'pre-key': { '8': null } });
    expect(store.getKeys('pre-key', ['8']).size).toBe(0);
    store.setKeys({ 'pre-key': { '8': '"again"' } });
    expect(store.getKeys('pre-key', ['8']).get('8')).toBe('"again"');
  });

  it('counts a half-done pairing-code attempt, or creds from before any link, as no session', () => {
    expect(credsHaveSession('{"me":{"id":"4477@s.whatsapp.net"}}')).toBe(true);
    expect(credsHaveSession('{"me":{"id":"4477@s.whatsapp.net","name":"~"},"pairingCode":"ABCD1234"}')).toBe(false);
    expect(
      credsHaveSession('{"me":{"id":"4477:2@s.whatsapp.net"},"pairingCode":"ABCD1234","account":{"details":{}}}'),
    ).toBe(true);
    expect(credsHaveSession('{"noiseKey":{},"routingInfo":{"type":"Buffer","data":"AQ=="}}')).toBe(false);
    expect(credsHaveSession('{"me":null,"noiseKey":{}}')).toBe(false);
    // The simulated network stores its own shape.
    expect(credsHaveSession('{"phone":"+447700900123","deviceId":3}')).toBe(true);
    expect(credsHaveSession('null')).toBe(false);
    expect(credsHaveSession('not json')).toBe(false);
  });
});

describe('auth store durability', () => {
  it('keeps every write that returned before the process was killed', async () => {
    opened.close();
    const storeModule = resolve(fileURLToPath(new URL('.', import.meta.url)), 'auth-store.ts');
    // The child opens the file as the engine does (WAL, synchronous=NORMAL) and reports each key
    // once setKeys has returned; the parent kills it with SIGKILL mid-stream.
    const script = `
      import Database from 'better-sqlite3';
      import { createAuthStore } from ${JSON.stringify(storeModule)};
      const sqlite = new Database(${JSON.stringify(file)});
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma('foreign_keys = ON');
      const store = createAuthStore(sqlite, 'a');
      const blob = JSON.stringify('x'.repeat(1500));
      for (let i = 0; ; i++) {
        store.setKeys({ session: { ['s' + i]: blob, ['t' + i]: blob } });
        process.stdout.write(i + '\\n');
      }
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: resolve(fileURLToPath(new URL('../../..', import.meta.url))),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let confirmed = -1;
    let stderr = '';
    let buffered = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) confirmed = Number(line);
      if (confirmed >= 300 && child.exitCode === null) child.kill('SIGKILL');
    });
    const signal = await exited;
    expect(stderr).toBe('');
    expect(signal).toBe('SIGKILL');
    expect(confirmed).toBeGreaterThanOrEqual(300);

    opened = openDb(file);
    const store = createAuthStore(opened.sqlite, 'a');
    const ids: string[] = [];
    for (let i = 0; i <= confirmed; i++) ids.push(`s${i}`, `t${i}`);
    expect(store.getKeys('session', ids).size).toBe(ids.length);
  });
});

describe('auth store cache sharing', () => {
  it('lets every store of a bot see what another one wrote or cleared', () => {
    const runner = createAuthStore(opened.sqlite, 'a');
    const transport = createAuthStore(opened.sqlite, 'a');
    transport.writeCreds({ me: { id: '1@s.whatsapp.net' } });
    transport.setKeys({ session: { x: '"1"' } });
    expect(runner.hasSession()).toBe(true);
    expect(transport.getKeys('session', ['x']).size).toBe(1);
    runner.clear();
    expect(transport.hasSession()).toBe(false);
    expect(transport.getKeys('session', ['x']).size).toBe(0);
  });

  it('forgets a deleted bot when asked', () => {
    const store = createAuthStore(opened.sqlite, 'a');
    store.setKeys({ session: { x: '"1"' } });
    opened.sqlite.prepare('DELETE FROM bots WHERE id = ?').run('a');
    forgetAuthCache(opened.sqlite, 'a');
    expect(store.getKeys('session', ['x']).size).toBe(0);
  });
});
