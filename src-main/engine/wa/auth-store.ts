import type Database from 'better-sqlite3';
import type { AuthStore } from './transport';

/** The `wa_auth` row that holds the creds document (the rest are signal keys). */
export const CREDS_TYPE = 'creds';
export const CREDS_ID = '';

/** `type -> id -> JSON text`, or null to delete that key. */
export type AuthKeyWrites = Record<string, Record<string, string | null | undefined>>;

/**
 * What `decode` would make of some of the texts being written (`type -> id -> value`), so the
 * next getDecoded of those keys need not parse what was just written.
 */
export type DecodedWrites = { decode: (json: string) => unknown; values: Record<string, Record<string, unknown>> };

export type SqliteAuthStore = AuthStore & {
  readonly botId: string;
  /** The creds document as stored (JSON text), for adapters with their own codec. */
  readCredsJson(): string | null;
  writeCredsJson(json: string): void;
  /** Stored JSON text for each id that exists; absent ids are not in the map. */
  getKeys(type: string, ids: readonly string[]): Map<string, string>;
  /**
   * Like getKeys, but runs `decode` on the text and keeps the result with the cached entry, so a
   * key read again is not parsed again. The values are shared between calls: never mutate them.
   */
  getDecoded<T>(type: string, ids: readonly string[], decode: (json: string) => T): Map<string, T>;
  /**
   * Writes every key of `data` in one transaction, committed before this returns: either all of
   * it is on disk or (when it throws) none of it is. `decoded` must hold exactly what its decode
   * function returns for those texts.
   */
  setKeys(data: AuthKeyWrites, decoded?: DecodedWrites): void;
};

export type AuthStoreOptions = {
  /**
   * Upper bound on the cached JSON text, in characters (≈ bytes: the values are ASCII). Sessions
   * run 1–3 KB each and a busy bot talks to thousands of devices, so an unbounded cache would
   * grow with the contact list; the least recently used keys fall out first.
   */
  cacheMaxChars?: number;
  /**
   * Called after each write's transaction: Signal keys must be on disk before they are used, so
   * the engine commits any open batch of live changes (db/write-batch.ts) here.
   */
  afterWrite?: () => void;
};

const DEFAULT_CACHE_MAX_CHARS = 4 * 1024 * 1024;
/**
 * Types the cache leaves alone. One-time pre-keys are written 812 at a time at the first login
 * (and in batches when the server runs low), and each one is read at most once, by the first
 * message of a new contact, then deleted: cached, they were half a megabyte per linked bot that
 * no read ever used, more than the rest of an idle session.
 */
const UNCACHED_TYPES: ReadonlySet<string> = new Set(['pre-key']);
/** Rough per-entry overhead so that many tiny or absent keys still count against the bound. */
const ENTRY_OVERHEAD = 64;
const SEP = '\u0000';

type Statements = {
  get: Database.Statement<[string, string, string], { value: string }>;
  upsert: Database.Statement<[string, string, string, string]>;
  remove: Database.Statement<[string, string, string]>;
  clear: Database.Statement<[string]>;
};

type Entry = {
  /** null = known to be absent, which spares SQLite the misses Baileys repeats. */
  json: string | null;
  /** What `decode` made of `json` last time (see getDecoded). */
  decode?: (json: string) => unknown;
  decoded?: unknown;
  /** Read since it was last passed over by eviction (see evictOver). */
  used?: boolean;
};

type BotCache = {
  /**
   * Insertion order, with a second chance: eviction takes the front, except an entry read since it
   * was put there, which moves to the end instead (CLOCK). A hit only sets a flag: moving every hit
   * to the end churned the Map on every read of a busy session.
   */
  entries: Map<string, Entry>;
  chars: number;
};

/**
 * Per connection: its prepared statements, and one cache per bot shared by every store opened
 * for that bot, so a store made by the bot runner (which clears a session) and one made for a
 * transport (which reads it) can never disagree.
 */
type DbState = { statements: Statements; caches: Map<string, BotCache> };
const stateByDb = new WeakMap<Database.Database, DbState>();

const dbStateFor = (sqlite: Database.Database): DbState => {
  let state = stateByDb.get(sqlite);
  if (!state) {
    state = {
      statements: {
        get: sqlite.prepare('SELECT value FROM wa_auth WHERE bot_id = ? AND type = ? AND id = ?'),
        upsert: sqlite.prepare(
          'INSERT INTO wa_auth (bot_id, type, id, value) VALUES (?, ?, ?, ?) ' +
            'ON CONFLICT (bot_id, type, id) DO UPDATE SET value = excluded.value',
        ),
        remove: sqlite.prepare('DELETE FROM wa_auth WHERE bot_id = ? AND type = ? AND id = ?'),
        clear: sqlite.prepare('DELETE FROM wa_auth WHERE bot_id = ?'),
      },
      caches: new Map(),
    };
    stateByDb.set(sqlite, state);
  }
  return state;
};

/**
 * Drops a bot's cached keys without touching the table: call it when the bot's rows went away
 * behind the store's back (the bot row was deleted and the cascade removed them).
 */
export const forgetAuthCache = (sqlite: Database.Database, botId: string): void => {
  stateByDb.get(sqlite)?.caches.delete(botId);
};

/**
 * WhatsApp auth state of one bot in the `wa_auth` table: the creds document plus every signal
 * key, as JSON text. Reads go through a bounded write-through cache (Baileys reads the same
 * session again for every message); writes are synchronous committed transactions, so a write
 * that returned survives a killed process (WAL + synchronous=NORMAL).
 *
 * Stores of the same bot on the same connection share one cache; it assumes nothing but these
 * stores writes the bot's rows.
 */
export const createAuthStore = (
  sqlite: Database.Database,
  botId: string,
  options: AuthStoreOptions = {},
): SqliteAuthStore => {
  const db = dbStateFor(sqlite);
  const st = db.statements;
  const maxChars = options.cacheMaxChars ?? DEFAULT_CACHE_MAX_CHARS;
  const botCache = (): BotCache => {
    let cache = db.caches.get(botId);
    if (!cache) db.caches.set(botId, (cache = { entries: new Map(), chars: 0 }));
    return cache;
  };

  // A decoded value is counted as big as its text again: Buffers take about as much as base64.
  const sizeOf = (key: string, entry: Entry) =>
    key.length + (entry.json?.length ?? 0) * (entry.decode ? 2 : 1) + ENTRY_OVERHEAD;

  const evictOver = (cache: BotCache): void => {
    if (cache.chars <= maxChars) return;
    // Entries moved to the end are met again later in this loop, flag cleared: it always ends.
    for (const [oldKey, oldEntry] of cache.entries) {
      if (cache.chars <= maxChars) break;
      cache.entries.delete(oldKey);
      if (oldEntry.used) {
        oldEntry.used = false;
        cache.entries.set(oldKey, oldEntry);
      } else {
        cache.chars -= sizeOf(oldKey, oldEntry);
      }
    }
  };

  const remember = (cache: BotCache, key: string, json: string | null): Entry => {
    const { entries } = cache;
    const previous = entries.get(key);
    if (previous !== undefined) cache.chars -= sizeOf(key, previous);
    const fresh: Entry = { json };
    const size = sizeOf(key, fresh);
    if (size > maxChars) {
      if (previous !== undefined) entries.delete(key);
      return fresh;
    }
    // A key rewritten (a session is, by every message) keeps its entry and its place: no Map churn.
    const entry = previous ?? fresh;
    if (previous === undefined) entries.set(key, fresh);
    else Object.assign(previous, { json, decode: undefined, decoded: undefined, used: true });
    cache.chars += size;
    evictOver(cache);
    return entry;
  };

  const forget = (cache: BotCache, key: string): void => {
    const previous = cache.entries.get(key);
    if (previous === undefined) return;
    cache.chars -= sizeOf(key, previous);
    cache.entries.delete(key);
  };

  const readEntry = (cache: BotCache, type: string, id: string): Entry => {
    if (UNCACHED_TYPES.has(type)) return { json: st.get.get(botId, type, id)?.value ?? null };
    const key = type + SEP + id;
    const hit = cache.entries.get(key);
    if (hit !== undefined) {
      hit.used = true;
      return hit;
    }
    const row = st.get.get(botId, type, id);
    return remember(cache, key, row ? row.value : null);
  };

  const decodeEntry = <T>(
    cache: BotCache,
    key: string,
    entry: Entry & { json: string },
    decode: (json: string) => T,
  ): T => {
    if (entry.decode === decode) return entry.decoded as T;
    const decoded = decode(entry.json);
    // Only an entry still in the cache keeps its decoded value (and is charged for it).
    if (cache.entries.get(key) === entry) {
      if (!entry.decode) cache.chars += entry.json.length;
      entry.decode = decode;
      entry.decoded = decoded;
      evictOver(cache);
    }
    return decoded;
  };

  const writeOne = ([type, id, value]: [string, string, string | null]) => {
    if (value === null) st.remove.run(botId, type, id);
    else st.upsert.run(botId, type, id, value);
  };
  const writeAll = sqlite.transaction((entries: Array<[string, string, string | null]>) => {
    for (const entry of entries) writeOne(entry);
  });
  // One statement is a transaction of its own (autocommit): BEGIN and COMMIT around it were a
  // quarter of the cost of the write that every message makes.
  const writeMany = (entries: Array<[string, string, string | null]>) => {
    const [only] = entries;
    if (entries.length === 1 && only) writeOne(only);
    else writeAll(entries);
  };

  const setKeys = (data: AuthKeyWrites, decoded?: DecodedWrites): void => {
    const entries: Array<[string, string, string | null]> = [];
    for (const type in data) {
      const byId = data[type];
      if (!byId) continue;
      for (const id in byId) entries.push([type, id, byId[id] ?? null]);
    }
    if (entries.length === 0) return;
    writeMany(entries);
    options.afterWrite?.();
    // Only after the commit: a failed transaction must not leave the cache ahead of the disk.
    const cache = botCache();
    for (const [type, id, value] of entries) {
      const key = type + SEP + id;
      if (UNCACHED_TYPES.has(type)) {
        forget(cache, key);
        continue;
      }
      const entry = remember(cache, key, value);
      const known = decoded?.values[type];
      if (value !== null && known && id in known && cache.entries.get(key) === entry) {
        entry.decode = decoded.decode;
        entry.decoded = known[id];
        cache.chars += value.length;
        evictOver(cache);
      }
    }
  };

  const readCredsJson = () => readEntry(botCache(), CREDS_TYPE, CREDS_ID).json;
  const writeCredsJson = (json: string) => setKeys({ [CREDS_TYPE]: { [CREDS_ID]: json } });

  return {
    botId,
    readCredsJson,
    writeCredsJson,
    readCreds<T>(): T | null {
      const json = readCredsJson();
      return json === null ? null : (JSON.parse(json) as T);
    },
    writeCreds(value: unknown): void {
      const json = JSON.stringify(value);
      if (json === undefined) throw new TypeError('Creds must be JSON-serializable, got undefined.');
      writeCredsJson(json);
    },
    getKeys(type, ids) {
      const found = new Map<string, string>();
      const cache = botCache();
      for (const id of ids) {
        const { json } = readEntry(cache, type, id);
        if (json !== null) found.set(id, json);
      }
      return found;
    },
    getDecoded<T>(type: string, ids: readonly string[], decode: (json: string) => T): Map<string, T> {
      const found = new Map<string, T>();
      const cache = botCache();
      for (const id of ids) {
        const entry = readEntry(cache, type, id);
        if (entry.json !== null)
          found.set(id, decodeEntry(cache, type + SEP + id, entry as Entry & { json: string }, decode));
      }
      return found;
    },
    setKeys,
    clear(): void {
      st.clear.run(botId);
      db.caches.delete(botId);
    },
    hasSession(): boolean {
      const json = readCredsJson();
      return json !== null && credsHaveSession(json);
    },
  };
};

/**
 * Whether stored creds are a linked device. Baileys creds (they carry `noiseKey` or `me`) are one
 * once they have a `me.id`, except for a pairing-code attempt that never completed: Baileys sets
 * `me` and `pairingCode` as soon as a code is requested, but the device is only linked once
 * `pair-success` stores the signed `account` identity, and logging in with such creds fails.
 * Baileys may also store creds before any link (routing info arrives while a QR is shown).
 * Creds of any other shape (the simulated network's `{ phone, deviceId }`) count as a session.
 */
export const credsHaveSession = (json: string): boolean => {
  let creds: unknown;
  try {
    creds = JSON.parse(json);
  } catch {
    return false;
  }
  if (!isRecord(creds)) return false;
  if (!('noiseKey' in creds) && !('me' in creds)) return true;
  const me = creds['me'];
  if (!isRecord(me) || typeof me['id'] !== 'string' || me['id'] === '') return false;
  const pendingPairing = typeof creds['pairingCode'] === 'string' && creds['account'] == null;
  return !pendingPairing;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
