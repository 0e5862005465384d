import { AsyncLocalStorage, executionAsyncResource } from 'node:async_hooks';
import { createServer } from 'node:net';
import { initAuthCreds, makeWASocket, type UserFacingSocketConfig } from '@whiskeysockets/baileys';
import Database from 'better-sqlite3';
import pino from 'pino';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../clock';
import { migrate } from '../../db/migrate';
import { createAuthStore } from '../auth-store';
import type { TransportEvents } from '../transport';
import { captureAsyncStorages } from './async-storage';
import { createBaileysTransport } from './transport';

const logger = pino({ level: 'silent' });

/**
 * How many AsyncLocalStorage instances Node currently copies onto each new async resource: every
 * enabled instance stores its value on the resource under its own `Symbol('kResourceStore')` (Node
 * 20/22 async_hooks implementation), so a fresh Immediate carries exactly one such key per instance.
 */
const enabledStorages = (): Promise<number> =>
  new Promise((resolve) =>
    setImmediate(() =>
      resolve(
        Object.getOwnPropertySymbols(executionAsyncResource()).filter((key) => key.description === 'kResourceStore')
          .length,
      ),
    ),
  );

/** A port nothing listens on: the socket's connection is refused at once. */
const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

const memoryKeys = { get: () => Promise.resolve({}), set: () => Promise.resolve() };

let url: string;
/** Enabled instances before each test (other code in the process may hold some). */
let baseline: number;

beforeAll(async () => {
  url = `ws://127.0.0.1:${await freePort()}`;
});

beforeEach(async () => {
  baseline = await enabledStorages();
});

describe('captureAsyncStorages with the real makeWASocket', () => {
  it('finds the storage Baileys creates per socket, enabled only while a transaction runs', async () => {
    for (let i = 0; i < 5; i += 1) {
      const { value: sock, storages } = captureAsyncStorages(() =>
        makeWASocket({ auth: { creds: initAuthCreds(), keys: memoryKeys }, logger, waWebSocketUrl: url }),
      );
      expect(storages.size).toBe(1);
      const closed = new Promise<void>((resolve) =>
        sock.ev.on('connection.update', (update) => {
          if (update.connection === 'close') resolve();
        }),
      );
      // Baileys enables its storage at each key-store transaction (the pre-key upload after login…).
      const during = await sock.authState.keys.transaction(() => enabledStorages(), 'test');
      expect(during).toBe(baseline + 1);
      // …and an idle socket, open or closed, leaves nothing enabled.
      expect(await enabledStorages()).toBe(baseline);
      await closed;
      storages.release();
      expect(await enabledStorages()).toBe(baseline);
    }
  });
});

describe('captureAsyncStorages: late use after release', () => {
  it('lets a run in flight keep its store, then disables when it settles', async () => {
    const { value: storage, storages } = captureAsyncStorages(() => new AsyncLocalStorage<string>());
    let finishWork!: () => void;
    const gate = new Promise<void>((resolve) => (finishWork = resolve));
    const work = storage.run('tx', async () => {
      await gate;
      return storage.getStore();
    });
    expect(await enabledStorages()).toBe(baseline + 1);
    storages.release();
    expect(await enabledStorages()).toBe(baseline + 1);
    finishWork();
    expect(await work).toBe('tx');
    expect(await enabledStorages()).toBe(baseline);
  });

  it('re-enables a released storage only while a late run lasts', async () => {
    const { value: storage, storages } = captureAsyncStorages(() => new AsyncLocalStorage<string>());
    storage.run('first', () => undefined);
    storages.release();
    expect(await enabledStorages()).toBe(baseline);
    const late = await storage.run('late', async () => {
      expect(await enabledStorages()).toBe(baseline + 1);
      return storage.getStore();
    });
    expect(late).toBe('late');
    expect(await enabledStorages()).toBe(baseline);
    expect(() =>
      storage.run('sync', () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(await enabledStorages()).toBe(baseline);
  });

  it('leaves storages made outside a capture alone, and releases those of a create that throws', async () => {
    const outside = new AsyncLocalStorage<number>();
    let made: AsyncLocalStorage<number> | undefined;
    expect(() =>
      captureAsyncStorages(() => {
        made = new AsyncLocalStorage<number>();
        made.enterWith(1);
        throw new Error('create failed');
      }),
    ).toThrow('create failed');
    expect(made?.getStore()).toBeUndefined();
    const { storages } = captureAsyncStorages(() => 'nothing made');
    expect(storages.size).toBe(0);
    await outside.run(7, async () => {
      await Promise.resolve();
      expect(outside.getStore()).toBe(7);
    });
    outside.disable();
    expect(await enabledStorages()).toBe(baseline);
  });
});

describe('Baileys transport releases the storage of each socket it ends', () => {
  it('keeps the enabled count flat across reconnects', async () => {
    const sqlite = new Database(':memory:');
    sqlite.pragma('foreign_keys = ON');
    migrate(sqlite);
    sqlite
      .prepare(
        "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES ('bot', 'Bot', 'whatsapp', 'stopped', 0, 0, 0)",
      )
      .run();
    const transactions: Array<Promise<unknown>> = [];
    const transport = createBaileysTransport({
      authStore: createAuthStore(sqlite, 'bot'),
      clock: systemClock,
      logger,
      waWebSocketUrl: url,
      makeSocket: (config: UserFacingSocketConfig) => {
        const sock = makeWASocket(config);
        // What a logged-in socket does early on (pre-key upload): its storage gets enabled.
        transactions.push(sock.authState.keys.transaction(() => Promise.resolve(), 'test'));
        return sock;
      },
    });
    let onClose: (() => void) | null = null;
    transport.on('connection', (event: TransportEvents['connection']) => {
      if (event.state === 'close') onClose?.();
    });
    for (let i = 0; i < 3; i += 1) {
      const closed = new Promise<void>((resolve) => (onClose = resolve));
      await transport.connect();
      await Promise.all(transactions);
      await closed;
      expect(await enabledStorages()).toBe(baseline);
    }
    sqlite.close();
  });
});
