import {
  BufferJSON,
  initAuthCreds,
  proto,
  type AuthenticationCreds,
  type AuthenticationState,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from '@whiskeysockets/baileys';
import type { AuthKeyWrites, DecodedWrites, SqliteAuthStore } from '../auth-store';

export type SqliteAuthState = {
  state: AuthenticationState;
  /** Persists the creds; call it on every `creds.update` (after Baileys has merged the update). */
  saveCreds: () => void;
};

/**
 * Baileys' auth state (creds + signal key store) on one bot's SQLite auth store, in Baileys' own
 * BufferJSON encoding so the rows read the same as useMultiFileAuthState's files. A bot with no
 * stored creds starts from fresh ones (a new device to link); they are stored on the first save.
 */
export const createSqliteAuthState = (store: SqliteAuthStore): SqliteAuthState => {
  const stored = store.readCredsJson();
  const creds: AuthenticationCreds = stored === null ? initAuthCreds() : (decodeValue(stored) as AuthenticationCreds);

  const keys: SignalKeyStore = {
    get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      // Decoded once per cached key; each caller gets its own copy, so whatever Baileys does to
      // a value it read cannot leak into the cache (or survive a rolled-back transaction).
      const found = store.getDecoded(type, ids, decodeValue);
      const result: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const [id, shared] of found) {
        let value = cloneValue(shared);
        // As useMultiFileAuthState does: Baileys calls methods of the protobuf class on these.
        if (type === 'app-state-sync-key' && isRecord(value)) {
          value = proto.Message.AppStateSyncKeyData.fromObject(value);
        }
        result[id] = value as SignalDataTypeMap[T];
      }
      return result;
    },
    set(data: SignalDataSet) {
      const writes: AuthKeyWrites = {};
      // Baileys reads a session right after writing it back (every message does both): hand the
      // store the decoded form too, so that read costs a copy instead of a parse.
      const decoded: DecodedWrites = { decode: decodeValue, values: {} };
      for (const type in data) {
        const byId = data[type as keyof SignalDataSet];
        if (!byId) continue;
        const encoded: Record<string, string | null> = {};
        const copies: Record<string, unknown> = {};
        // Falsy means delete, as in useMultiFileAuthState (Baileys passes null, sometimes undefined).
        for (const id in byId) {
          const value: unknown = byId[id];
          if (!value) {
            encoded[id] = null;
            continue;
          }
          encoded[id] = encodeValue(value);
          const copy = decodedCopy(value, 0);
          if (copy !== EXOTIC) copies[id] = copy;
        }
        writes[type] = encoded;
        decoded.values[type] = copies;
      }
      store.setKeys(writes, decoded);
    },
  };

  return {
    state: { creds, keys },
    saveCreds: () => store.writeCredsJson(encodeValue(creds)),
  };
};

/**
 * BufferJSON's encoding, byte for byte, without its cost: JSON.stringify calls Buffer#toJSON
 * before any replacer, so BufferJSON turns every Buffer into an array of numbers and back (about
 * 36 µs for a 1.5 KB session, against 2 µs here). Plain trees of objects, arrays, primitives and
 * Uint8Arrays are converted directly; anything else (class instances, toJSON, Buffer-like
 * objects) goes through BufferJSON.replacer unchanged.
 */
export const encodeValue = (value: unknown): string => {
  if (value instanceof Uint8Array) return `{"type":"Buffer","data":"${base64(value)}"}`;
  const plain = toPlainJson(value, 0);
  return plain === EXOTIC ? JSON.stringify(value, BufferJSON.replacer) : JSON.stringify(plain);
};

/** BufferJSON.reviver's result, walking the parsed tree once instead of a callback per node. */
export const decodeValue = (json: string): unknown => revive(JSON.parse(json) as unknown);

export const EXOTIC: unique symbol = Symbol('exotic');
const MAX_DEPTH = 64;

const base64 = (bytes: Uint8Array): string =>
  Buffer.isBuffer(bytes)
    ? bytes.toString('base64')
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

const toPlainJson = (value: unknown, depth: number): unknown => {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return EXOTIC;
  if (value instanceof Uint8Array) return { type: 'Buffer', data: base64(value) };
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = toPlainJson(value[i], depth + 1);
      if (item === EXOTIC) return EXOTIC;
      out[i] = item;
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return EXOTIC;
  const record = value as Record<string, unknown>;
  // BufferJSON.replacer re-encodes anything tagged as a Buffer; leave those to it.
  if (record['type'] === 'Buffer' || typeof record['toJSON'] === 'function') return EXOTIC;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (key === '__proto__') return EXOTIC;
    const item = toPlainJson(record[key], depth + 1);
    if (item === EXOTIC) return EXOTIC;
    out[key] = item;
  }
  return out;
};

/**
 * decodeValue(encodeValue(value)) without the round trip, for the plain trees Baileys stores
 * (Uint8Arrays become Buffer copies); EXOTIC wherever JSON or BufferJSON would change the value
 * in a way not mirrored here (undefined, NaN, class instances, Buffer-like or numeric-keyed
 * objects), and then the caller just parses as usual.
 */
export const decodedCopy = (value: unknown, depth: number): unknown => {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  // JSON writes -0 as 0.
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : EXOTIC;
  if (typeof value !== 'object' || depth > MAX_DEPTH) return EXOTIC;
  if (value instanceof Uint8Array) return ownedCopy(value);
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = decodedCopy(value[i], depth + 1);
      if (item === EXOTIC) return EXOTIC;
      out[i] = item;
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return EXOTIC;
  const record = value as Record<string, unknown>;
  if (record['type'] === 'Buffer' || typeof record['toJSON'] === 'function') return EXOTIC;
  const keys = Object.keys(record);
  const out: Record<string, unknown> = {};
  let allNumbers = true;
  for (const key of keys) {
    if (key === '__proto__') return EXOTIC;
    const item = decodedCopy(record[key], depth + 1);
    if (item === EXOTIC) return EXOTIC;
    if (typeof item !== 'number') allNumbers = false;
    out[key] = item;
  }
  // BufferJSON revives {"0":n,...} into bytes; leave such objects to the parser.
  if (allNumbers && keys.length > 0 && keys.every((k) => !Number.isNaN(parseInt(k, 10)))) return EXOTIC;
  return out;
};

/**
 * Bytes the key cache keeps for a long time get an allocation of their own. Buffer.from puts small
 * buffers in slices of a shared 8 KB pool, and one live slice keeps its whole slab: a cached
 * 33-byte identity key per contact pinned a slab each (measured: 100 keys, 59 slabs, 472 KB for
 * 20 bots after 2,000 texts).
 */
const POOLED_BELOW = Buffer.poolSize >>> 1;

const ownedCopy = (bytes: Uint8Array): Buffer => {
  if (bytes.byteLength >= POOLED_BELOW) return Buffer.from(bytes);
  const copy = Buffer.allocUnsafeSlow(bytes.byteLength);
  copy.set(bytes);
  return copy;
};

const ownedBase64 = (data: string): Buffer => {
  const length = Buffer.byteLength(data, 'base64');
  if (length >= POOLED_BELOW) return Buffer.from(data, 'base64');
  const bytes = Buffer.allocUnsafeSlow(length);
  // byteLength is an upper bound for text that is not clean base64; never hand out unwritten bytes.
  const written = bytes.write(data, 'base64');
  return written === length ? bytes : bytes.subarray(0, written);
};

const revive = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i] as unknown);
    return value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // JSON.parse makes "__proto__" an own property; assigning to it would set the prototype instead.
  for (const key of keys) if (key !== '__proto__') record[key] = revive(record[key]);
  if (record['type'] === 'Buffer' && typeof record['data'] === 'string') return ownedBase64(record['data']);
  // BufferJSON also revives Uint8Arrays that plain JSON.stringify wrote as {"0":n,"1":n,...}.
  if (keys.length > 0 && keys.every((k) => !Number.isNaN(parseInt(k, 10)))) {
    const values = Object.values(record);
    if (values.every((v) => typeof v === 'number')) return ownedCopy(Uint8Array.from(values));
  }
  return value;
};

/** A deep copy of what decodeValue makes: plain objects, arrays, primitives and Buffers. */
export const cloneValue = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (Array.isArray(value)) return value.map(cloneValue);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === '__proto__')
      Object.defineProperty(out, key, {
        value: cloneValue(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[key] = cloneValue(item);
  }
  return out;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
