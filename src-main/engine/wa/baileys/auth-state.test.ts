import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BufferJSON, proto, type SignalDataTypeMap } from '@whiskeysockets/baileys';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '../../db/open';
import { createAuthStore } from '../auth-store';
import { cloneValue, createSqliteAuthState, decodedCopy, decodeValue, encodeValue, EXOTIC } from './auth-state';

let dir: string;
let file: string;
let opened: OpenedDb;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wren-auth-state-'));
  file = join(dir, 'wren.db');
  opened = openDb(file);
  opened.sqlite
    .prepare(
      "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES ('a', 'A', 'whatsapp', 'stopped', 0, 0, 0)",
    )
    .run();
});

afterEach(() => {
  if (opened.sqlite.open) opened.close();
  rmSync(dir, { recursive: true, force: true });
});

const reopen = () => {
  opened.close();
  opened = openDb(file);
  return createSqliteAuthState(createAuthStore(opened.sqlite, 'a'));
};

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('SQLite auth state', () => {
  it('starts a new bot on fresh creds and keeps them, Buffers included, across a reopen', () => {
    const first = createSqliteAuthState(createAuthStore(opened.sqlite, 'a'));
    const { creds } = first.state;
    expect(creds.registered).toBe(false);
    expect(Buffer.isBuffer(creds.noiseKey.public)).toBe(true);
    creds.me = { id: '447700900123:7@s.whatsapp.net', lid: '123456789:7@lid', name: 'Shop' };
    creds.routingInfo = Buffer.from([1, 2, 3]);
    first.saveCreds();

    const again = reopen().state.creds;
    expect(again.me).toEqual(creds.me);
    expect(again.noiseKey.private).toEqual(Buffer.from(creds.noiseKey.private));
    expect(again.signedPreKey.signature).toEqual(Buffer.from(creds.signedPreKey.signature));
    expect(again.routingInfo).toEqual(Buffer.from([1, 2, 3]));
    expect(again.advSecretKey).toBe(creds.advSecretKey);
    expect(again.registrationId).toBe(creds.registrationId);
  });

  it('round-trips Buffers and Uint8Arrays in keys exactly, across a reopen', async () => {
    const { state } = createSqliteAuthState(createAuthStore(opened.sqlite, 'a'));
    const session = Buffer.from(Array.from({ length: 1500 }, (_, i) => (i * 7) % 256));
    const preKey = { public: bytes(0, 1, 255), private: Buffer.alloc(32, 9) };
    const empty = new Uint8Array(0);
    await state.keys.set({
      session: { 'u.0': session },
      'pre-key': { '1': preKey },
      'identity-key': { 'u.0': empty },
      'device-list': { u: ['0', '3'] },
      'sender-key-memory': { 'g@g.us': { 'u:3@s.whatsapp.net': true } },
    });
    const keys = reopen().state.keys;
    const got = await keys.get('session', ['u.0', 'nobody']);
    expect(Object.keys(got)).toEqual(['u.0']);
    expect(Buffer.compare(Buffer.from(got['u.0'] ?? []), session)).toBe(0);
    const pre = (await keys.get('pre-key', ['1']))['1'];
    expect(pre && Buffer.from(pre.public)).toEqual(Buffer.from([0, 1, 255]));
    expect(pre && Buffer.from(pre.private)).toEqual(Buffer.alloc(32, 9));
    expect((await keys.get('identity-key', ['u.0']))['u.0']).toEqual(Buffer.alloc(0));
    expect(await keys.get('device-list', ['u'])).toEqual({ u: ['0', '3'] });
    expect(await keys.get('sender-key-memory', ['g@g.us'])).toEqual({ 'g@g.us': { 'u:3@s.whatsapp.net': true } });
  });

  it('deletes keys set to null (or undefined) in the same transaction as the writes', async () => {
    const { state } = createSqliteAuthState(createAuthStore(opened.sqlite, 'a'));
    await state.keys.set({ 'pre-key': { '1': { public: bytes(1), private: bytes(2) } }, session: { s: bytes(3) } });
    const undefinedSession = undefined as unknown as SignalDataTypeMap['session'];
    await state.keys.set({ 'pre-key': { '1': null }, session: { s: undefinedSession, t: bytes(4) } });
    expect(await state.keys.get('pre-key', ['1'])).toEqual({});
    expect(Object.keys(await state.keys.get('session', ['s', 't']))).toEqual(['t']);
  });

  it('gives app-state sync keys back as protobuf objects, as useMultiFileAuthState does', async () => {
    const { state } = createSqliteAuthState(createAuthStore(opened.sqlite, 'a'));
    const keyData = proto.Message.AppStateSyncKeyData.fromObject({
      keyData: Buffer.from('secret-key-bytes'),
      fingerprint: { rawId: 7, currentIndex: 1, deviceIndexes: [0, 1] },
      timestamp: 1700000000,
    });
    await state.keys.set({ 'app-state-sync-key': { AAAAAQ: keyData } });
    const got = (await reopen().state.keys.get('app-state-sync-key', ['AAAAAQ']))['AAAAAQ'];
    expect(got).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(got?.keyData ?? [])).toEqual(Buffer.from('secret-key-bytes'));
    expect(got?.fingerprint?.deviceIndexes).toEqual([0, 1]);
  });

  it('reads back just-written keys the same as after a reopen', async () => {
    const { state } = createSqliteAuthState(createAuthStore(opened.sqlite, 'a'));
    await state.keys.set({
      session: { s: new Uint8Array([1, 2, 3]) },
      'pre-key': { '5': { public: new Uint8Array([4]), private: Buffer.from([5]) } },
      'device-list': { u: ['0', '2'] },
      'lid-mapping': { '447700900123': '123456@lid' },
    });
    const readAll = async (keys: typeof state.keys) => [
      await keys.get('session', ['s']),
      await keys.get('pre-key', ['5']),
      await keys.get('device-list', ['u']),
      await keys.get('lid-mapping', ['447700900123']),
    ];
    const before = await readAll(state.keys);
    expect(before).toStrictEqual(await readAll(reopen().state.keys));
    expect(Buffer.isBuffer(before[0]?.['s'])).toBe(true);
  });

  it('hands out copies: mutating what get returned does not change the next get', async () => {
    const { state } = createSqliteAuthState(createAuthStore(opened.sqlite, 'a'));
    await state.keys.set({
      'pre-key': { '1': { public: bytes(1, 1), private: bytes(2, 2) } },
      'device-list': { u: ['0'] },
    });
    const first = await state.keys.get('pre-key', ['1']);
    first['1']?.public.fill(0);
    (await state.keys.get('device-list', ['u']))['u']?.push('9');
    expect((await state.keys.get('pre-key', ['1']))['1']?.public).toEqual(Buffer.from([1, 1]));
    expect((await state.keys.get('device-list', ['u']))['u']).toEqual(['0']);
  });
});

describe('codec', () => {
  const samples: unknown[] = [
    Buffer.from('hello'),
    new Uint8Array([0, 128, 255]),
    new Uint8Array(Buffer.from('abcdefgh')).subarray(2, 5),
    { public: Buffer.alloc(32, 1), private: new Uint8Array(32) },
    { nested: [Buffer.from([1]), { deep: new Uint8Array([2]) }, null, 3, 'x', true], skip: undefined },
    ['0', '1'],
    'a string',
    42,
    null,
    { type: 'Buffer', data: [1, 2, 3] },
    proto.Message.AppStateSyncKeyData.fromObject({ keyData: Buffer.from('k'), timestamp: 5 }),
    { when: new Date(0) },
    { registrationId: 1, currentRatchet: { rootKey: 'AAAA', previousCounter: 0 }, _sessions: {} },
  ];

  it("writes exactly what Baileys' BufferJSON writes", () => {
    for (const sample of samples) expect(encodeValue(sample)).toBe(JSON.stringify(sample, BufferJSON.replacer));
  });

  it("reads exactly what Baileys' BufferJSON reads", () => {
    const texts = [
      ...samples.map((s) => JSON.stringify(s, BufferJSON.replacer)),
      // Uint8Arrays written by plain JSON.stringify, which BufferJSON also revives.
      JSON.stringify({ key: new Uint8Array([5, 6, 7]) }),
      '{"0":"a","1":2}',
      '{"__proto__":{"polluted":true},"ok":1}',
    ];
    for (const text of texts) expect(decodeValue(text)).toEqual(JSON.parse(text, BufferJSON.reviver));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('predicts what a write will read back, or declines', () => {
    const extra: unknown[] = [
      { n: -0, list: [1, 'two', null, { deep: [new Uint8Array([9])] }], empty: {}, none: [] },
      { undef: undefined },
      [undefined],
      { nan: Number.NaN },
      { '0': 1, '1': 2 },
      { '12ab': 'not bytes' },
      { _sessions: { 'BWFiYw==': { registrationId: 7, chain: { '0': { key: 'x' } } } }, version: 'v1' },
    ];
    let predicted = 0;
    for (const sample of [...samples, ...extra]) {
      if (sample === null || sample === undefined) continue;
      const copy = decodedCopy(sample, 0);
      if (copy === EXOTIC) continue;
      predicted += 1;
      expect(copy).toStrictEqual(decodeValue(encodeValue(sample)));
    }
    expect(predicted).toBeGreaterThanOrEqual(10);
    expect(decodedCopy({ undef: undefined }, 0)).toBe(EXOTIC);
    expect(decodedCopy({ '0': 1, '1': 2 }, 0)).toBe(EXOTIC);
    const bytes = Buffer.from([1, 2, 3]);
    const copied = decodedCopy(bytes, 0) as Buffer;
    copied.fill(0);
    expect(bytes).toEqual(Buffer.from([1, 2, 3]));
  });

  it('clones what it decodes without sharing bytes', () => {
    const decoded = decodeValue(encodeValue({ a: [Buffer.from([1, 2])], b: { c: 'd' } }));
    const copy = cloneValue(decoded) as { a: Buffer[] };
    expect(copy).toEqual(decoded);
    copy.a[0]?.fill(0);
    expect((decoded as { a: Buffer[] }).a[0]).toEqual(Buffer.from([1, 2]));
  });

  it('gives the small byte strings the key cache keeps memory of their own, not a slice of the shared pool', () => {
    // One 33-byte key left in Node's 8 KB pool would keep the whole slab alive.
    const key = Buffer.from(Array.from({ length: 33 }, (_, i) => i));
    const read = decodeValue(encodeValue({ key })) as { key: Buffer };
    const written = decodedCopy({ key }, 0) as { key: Buffer };
    for (const bytes of [read.key, written.key]) {
      expect(bytes).toEqual(key);
      expect(bytes.buffer.byteLength).toBe(33);
    }
    // Text that is not clean base64 decodes as Buffer.from does, with no bytes left unwritten.
    const lax = decodeValue('{"type":"Buffer","data":"AQI=="}') as Buffer;
    expect(lax).toEqual(Buffer.from('AQI==', 'base64'));
    expect(decodeValue('{"0":1,"1":300}')).toEqual(Buffer.from([1, 300]));
  });
});
