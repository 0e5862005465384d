/**
 * Wren refuses a WhatsApp server it cannot authenticate (src-main/engine/wa/baileys/server-auth.ts):
 * the noise certificate chain must lead from the trusted root to the static key the server
 * really uses, and a pairing must be signed by the account's key. Real Baileys sockets through
 * the Baileys transport, against protocol servers that misbehave on purpose.
 */
import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src-main/engine/clock';
import { migrate } from '../../src-main/engine/db/migrate';
import { createAuthStore, type SqliteAuthStore } from '../../src-main/engine/wa/auth-store';
import { checkCertChain, guardServerHello, openServerHello } from '../../src-main/engine/wa/baileys/server-auth';
import { createBaileysTransport } from '../../src-main/engine/wa/baileys/transport';
import type { ConnectionEvent, Transport } from '../../src-main/engine/wa/transport';
import { proto, WA_CERT_DETAILS } from './baileys';
import { makeCertChain, type CertFault } from './certs';
import { generateKeyPair } from './keys';
import { encodeFrame, NoiseResponder } from './noise';
import { WaServer, type WaServerOptions } from './server';

const logger = pino({ level: 'silent' });
const BOT_PHONE = '447911123401';

type Bot = {
  transport: Transport;
  store: SqliteAuthStore;
  events: ConnectionEvent[];
  /** Resolves with the first connection event, from the start, that matches. */
  next(match: (e: ConnectionEvent) => boolean): Promise<ConnectionEvent>;
};

const servers: WaServer[] = [];
const bots: Bot[] = [];

const startServer = async (options: WaServerOptions = {}): Promise<WaServer> => {
  const server = await WaServer.start(options);
  servers.push(server);
  return server;
};

const makeBot = (server: WaServer, rootPublicKeyHex = server.rootPublicKeyHex): Bot => {
  const sqlite = new Database(':memory:');
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite);
  sqlite
    .prepare(
      "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES ('bot', 'Bot', 'whatsapp', 'stopped', 0, 0, 0)",
    )
    .run();
  const store = createAuthStore(sqlite, 'bot');
  const transport = createBaileysTransport({
    authStore: store,
    clock: systemClock,
    logger,
    waWebSocketUrl: server.url,
    rootPublicKeyHex,
  });
  const events: ConnectionEvent[] = [];
  const waiters: Array<{ match: (e: ConnectionEvent) => boolean; resolve: (e: ConnectionEvent) => void }> = [];
  transport.on('connection', (event) => {
    events.push(event);
    for (const waiter of waiters.splice(0)) {
      if (waiter.match(event)) waiter.resolve(event);
      else waiters.push(waiter);
    }
  });
  const bot: Bot = {
    transport,
    store,
    events,
    next: (match) => {
      const seen = events.find(match);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
  bots.push(bot);
  return bot;
};

const closeOf = (bot: Bot) => bot.next((e) => e.state === 'close');
const qrOf = async (bot: Bot): Promise<string> => {
  const event = await bot.next((e) => e.state === 'qr');
  return event.state === 'qr' ? event.qr : '';
};
/** Links a bot as a user would: its QR is scanned by the phone of BOT_PHONE; after the 515 it reconnects. */
const link = async (server: WaServer, bot: Bot): Promise<void> => {
  await bot.transport.connect();
  await server.scanQr(await qrOf(bot), BOT_PHONE, 'Shop Owner');
  const restart = await closeOf(bot);
  expect(restart).toMatchObject({ state: 'close', reason: 'restart-required' });
  bot.events.length = 0;
  await bot.transport.connect();
  await bot.next((e) => e.state === 'open');
};

/** Did any client get as far as its ClientFinish (its keys and login or registration) on this server? */
const clientFinishes = (server: WaServer) =>
  server.trace.list().filter((e) => e.summary.startsWith('noise client finish'));

afterEach(async (context) => {
  await Promise.all(bots.splice(0).map((b) => b.transport.close()));
  for (const server of servers.splice(0)) {
    await server.close();
    if (context.task.result?.state === 'fail' || process.env.WA_TRACE) console.log(server.trace.format());
    expect(server.trace.errors).toEqual([]);
  }
});

describe('the certificate chain check on its own', () => {
  const open = (fault: CertFault | null, now = Date.now()) => {
    const root = generateKeyPair();
    const serverStatic = generateKeyPair();
    const responder = new NoiseResponder(serverStatic, makeCertChain(root, serverStatic, now, fault));
    const ephemeral = generateKeyPair();
    const hello = responder.respondToHello(
      proto.HandshakeMessage.encode({ clientHello: { ephemeral: ephemeral.public } }).finish(),
    );
    return { root, hello, ephemeral, opened: openServerHello(hello, ephemeral) };
  };

  it('replays the handshake to the static key and chain the server sent, and accepts a sound chain', () => {
    const { root, opened } = open(null);
    expect(opened.serverStatic).toHaveLength(32);
    expect(checkCertChain(opened.certChain, opened.serverStatic, root.public, Date.now())).toBeNull();
  });

  it.each<[CertFault | 'other-root', RegExp]>([
    ['other-root', /intermediate certificate is not signed by the WhatsApp root/],
    ['bad-intermediate-signature', /intermediate certificate is not signed by the WhatsApp root/],
    ['bad-leaf-signature', /leaf certificate is not signed by the intermediate/],
    ['wrong-intermediate-issuer', /intermediate names issuer 5, not the root/],
    ['wrong-leaf-issuer', /leaf names issuer 7, not the intermediate \(1\)/],
    ['wrong-leaf-key', /leaf certificate's key is not the server's static key/],
    ['expired', /intermediate certificate has expired/],
  ])('refuses %s', (fault, why) => {
    const { root, opened } = open(fault === 'other-root' ? null : fault);
    const trusted = fault === 'other-root' ? generateKeyPair().public : root.public;
    expect(checkCertChain(opened.certChain, opened.serverStatic, trusted, Date.now())).toMatch(why);
  });

  it('allows a clock a few minutes off, not more', () => {
    const now = Date.now();
    const { root, opened } = open(null, now);
    // The chain is valid from an hour before `now`.
    expect(checkCertChain(opened.certChain, opened.serverStatic, root.public, now - 65 * 60_000)).toBeNull();
    expect(checkCertChain(opened.certChain, opened.serverStatic, root.public, now - 75 * 60_000)).toMatch(
      /not valid yet/,
    );
  });

  it('cannot open a hello meant for another ephemeral key', () => {
    const { hello } = open(null);
    expect(() => openServerHello(hello, generateKeyPair())).toThrow();
  });

  it('the guard reassembles a hello split across messages, finds its key pair, and points Baileys at the root', () => {
    const { root, hello, ephemeral } = open(null);
    const ws = new EventEmitter();
    const refused: string[] = [];
    const sock = { ws, end: () => Promise.resolve() };
    const guard = guardServerHello(sock, {
      keyPairs: [generateKeyPair(), ephemeral],
      root: root.public,
      now: () => Date.now(),
      onRefused: (detail) => refused.push(detail),
    });
    for (const byte of encodeFrame(hello)) {
      expect(guard.verified).toBe(false);
      ws.emit('message', Buffer.from([byte]));
    }
    expect(refused).toEqual([]);
    expect(guard.verified).toBe(true);
    expect(ws.listenerCount('message')).toBe(0);
    expect(WA_CERT_DETAILS.PUBLIC_KEY.equals(root.public)).toBe(true);
  });
});

describe('a bot refuses a server it cannot verify', () => {
  it('links against a server whose chain leads from the configured root', async () => {
    const server = await startServer();
    const bot = makeBot(server);
    await link(server, bot);
    expect(bot.events.at(-1)).toMatchObject({ state: 'open', account: { phone: `+${BOT_PHONE}` } });
    expect(server.account(BOT_PHONE).devices.size).toBe(1);
  });

  it('refuses a server whose chain comes from a different root, before sending it anything of its own', async () => {
    const server = await startServer();
    const bot = makeBot(server, generateKeyPair().public.toString('hex'));
    await bot.transport.connect();
    expect(await closeOf(bot)).toEqual({
      state: 'close',
      reason: 'server-unverified',
      code: null,
      detail: 'the intermediate certificate is not signed by the WhatsApp root',
    });
    expect(bot.events.filter((e) => e.state === 'qr' || e.state === 'open')).toEqual([]);
    expect(clientFinishes(server)).toEqual([]);
    expect(bot.store.readCredsJson()).toBeNull();
  });

  it.each<CertFault>([
    'wrong-leaf-key',
    'bad-intermediate-signature',
    'bad-leaf-signature',
    'wrong-intermediate-issuer',
    'wrong-leaf-issuer',
    'expired',
  ])('refuses a server presenting %s', async (certFault) => {
    const server = await startServer({ certFault });
    const bot = makeBot(server);
    await bot.transport.connect();
    expect(await closeOf(bot)).toMatchObject({ state: 'close', reason: 'server-unverified', code: null });
    // Baileys checks none of this before answering: the guard ended its socket first.
    expect(clientFinishes(server)).toEqual([]);
    expect(bot.events.filter((e) => e.state === 'qr' || e.state === 'open')).toEqual([]);
  });

  it('refuses a linked bot to log in over a server with a leaf for another key', async () => {
    const good = await startServer();
    const bot = makeBot(good);
    await link(good, bot);
    await bot.transport.close();
    // Same root, so the same trusted chain would verify; only the static-key binding differs.
    const evil = await startServer({ certFault: 'wrong-leaf-key' });
    const again = createBaileysTransport({
      authStore: bot.store,
      clock: systemClock,
      logger,
      waWebSocketUrl: evil.url,
      rootPublicKeyHex: evil.rootPublicKeyHex,
    });
    const events: ConnectionEvent[] = [];
    const closed = new Promise<ConnectionEvent>((resolve) =>
      again.on('connection', (e) => {
        events.push(e);
        if (e.state === 'close') resolve(e);
      }),
    );
    await again.connect();
    expect(await closed).toMatchObject({
      reason: 'server-unverified',
      detail: "the leaf certificate's key is not the server's static key",
    });
    expect(clientFinishes(evil)).toEqual([]);
    expect(events.some((e) => e.state === 'open')).toBe(false);
    expect(bot.store.hasSession()).toBe(true);
    await again.close();
  });

  it('refuses to link when pair-success is not signed by the account', async () => {
    const server = await startServer({ badAccountSignature: true });
    const bot = makeBot(server);
    await bot.transport.connect();
    const scanned = server.scanQr(await qrOf(bot), BOT_PHONE, 'Shop Owner');
    await expect(scanned).rejects.toThrow(/disconnected before the pairing finished/);
    expect(await closeOf(bot)).toMatchObject({
      state: 'close',
      reason: 'server-unverified',
      detail: 'Failed to verify account signature',
    });
    expect(bot.events.some((e) => e.state === 'open')).toBe(false);
    expect(bot.store.hasSession()).toBe(false);
    expect(server.account(BOT_PHONE).devices.size).toBe(0);
  });

  it('keeps each transport to its own root when two in one process link at once', async () => {
    const [a, b] = await Promise.all([startServer(), startServer()]);
    if (!a || !b) throw new Error('servers did not start');
    expect(a.rootPublicKeyHex).not.toBe(b.rootPublicKeyHex);
    await Promise.all([link(a, makeBot(a)), link(b, makeBot(b))]);
    expect(a.account(BOT_PHONE).devices.size).toBe(1);
    expect(b.account(BOT_PHONE).devices.size).toBe(1);
  });
});
