import { createServer } from 'node:net';
import { Boom } from '@hapi/boom';
import { Curve, WAMessageStatus } from '@whiskeysockets/baileys';
import Database from 'better-sqlite3';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { FakeClock } from '../../clock';
import { migrate } from '../../db/migrate';
import { createAuthStore, type SqliteAuthStore } from '../auth-store';
import type { Transport, TransportEvents } from '../transport';
import { createSqliteAuthState } from './auth-state';
import { FakeSocket, recordEvents, upsert, type Recorded } from './fake-socket';
import { createBaileysTransport } from './transport';

const logger = pino({ level: 'silent' });

let sqlite: Database.Database;
let store: SqliteAuthStore;
let clock: FakeClock;
let sockets: FakeSocket[];
let transport: Transport;
let seen: Recorded;

const makeTransport = (extra: { rootPublicKeyHex?: string; waWebSocketUrl?: string } = {}) => {
  const t = createBaileysTransport({
    authStore: store,
    clock,
    logger,
    makeSocket: (config) => {
      const sock = new FakeSocket(config);
      sockets.push(sock);
      return sock;
    },
    ...extra,
  });
  seen = recordEvents(t);
  return t;
};

const socket = (index = -1): FakeSocket => {
  const sock = sockets.at(index);
  if (!sock) throw new Error('no socket was made');
  return sock;
};

const closes = () => seen.connection.filter((e) => e.state === 'close');

beforeEach(() => {
  sqlite = new Database(':memory:');
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite);
  sqlite
    .prepare(
      "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES ('bot', 'Bot', 'whatsapp', 'stopped', 0, 0, 0)",
    )
    .run();
  store = createAuthStore(sqlite, 'bot');
  clock = new FakeClock();
  sockets = [];
  transport = makeTransport();
});

describe('Baileys transport: connection', () => {
  it('makes a socket configured for a quiet bot', async () => {
    await transport.connect();
    const { config } = socket();
    expect(config).toMatchObject({ markOnlineOnConnect: false, syncFullHistory: false, printQRInTerminal: false });
    expect(config.browser?.[0]).toBe('Wren');
    expect(config.waWebSocketUrl).toBeUndefined();
    expect(config.auth.creds.registered).toBe(false);
  });

  it('reports connecting once and each QR', async () => {
    await transport.connect();
    socket().connecting();
    socket().connecting();
    socket().qr('2@ref1,noise,identity,adv,1');
    socket().qr('2@ref2,noise,identity,adv,1');
    expect(seen.connection).toEqual([
      { state: 'connecting' },
      { state: 'qr', qr: '2@ref1,noise,identity,adv,1' },
      { state: 'qr', qr: '2@ref2,noise,identity,adv,1' },
    ]);
  });

  it('opens with the account in E.164 and persists the creds Baileys updated', async () => {
    await transport.connect();
    socket().open();
    expect(seen.connection.at(-1)).toEqual({
      state: 'open',
      account: {
        phone: '+447700900123',
        jid: '447700900123:12@s.whatsapp.net',
        lid: '98765432101234:12@lid',
        pushName: null,
      },
    });
    expect(store.readCreds<{ me: { id: string } }>()?.me.id).toBe('447700900123:12@s.whatsapp.net');
    expect(store.hasSession()).toBe(true);
    // And they load back as Baileys creds, keys and all.
    const reloaded = createSqliteAuthState(store).state.creds;
    expect(reloaded.noiseKey.public).toEqual(Buffer.from(socket().creds.noiseKey.public));
  });

  it('maps a 401 close to logged-out, exactly once', async () => {
    await transport.connect();
    socket().open();
    await socket().end(new Boom('Connection Failure', { statusCode: 401, data: { reason: '401' } }));
    socket().ev.emit('connection.update', {
      connection: 'close',
      lastDisconnect: { error: undefined, date: new Date() },
    });
    expect(closes()).toEqual([
      { state: 'close', reason: 'logged-out', code: 401, detail: 'WhatsApp refused the login (401: logged out)' },
    ]);
  });

  it('closes once with closed-by-app when the app closes, ignoring the close Baileys then reports', async () => {
    await transport.connect();
    socket().open();
    await transport.close();
    expect(socket().end).toHaveBeenCalledWith(undefined);
    expect(socket().ended).toBe(true);
    expect(closes()).toEqual([{ state: 'close', reason: 'closed-by-app', code: null, detail: null }]);
    await transport.close();
    expect(closes()).toHaveLength(1);
  });

  it('does not hang closing a socket whose close handshake never ends', async () => {
    await transport.connect();
    socket().end.mockImplementationOnce(() => new Promise<void>(() => undefined));
    const closing = transport.close();
    await clock.advance(3_000);
    await closing;
    expect(closes()).toHaveLength(1);
  });

  it('leaves nothing attached to an old socket, and a new connect gets a fresh one', async () => {
    await transport.connect();
    const first = socket();
    // Emitted directly, so the fake does not tear its emitter down: only our detaching can help.
    first.ev.emit('connection.update', {
      connection: 'close',
      lastDisconnect: { error: new Boom('Stream Errored (restart required)', { statusCode: 515 }), date: new Date() },
    });
    expect(closes().map((e) => e.state === 'close' && e.reason)).toEqual(['restart-required']);
    expect(first.ws.listenerCount('frame')).toBe(0);
    await transport.connect();
    expect(sockets).toHaveLength(2);
    const before = transport.lastActivityAt();
    await clock.advance(1_000);
    first.ws.emit('frame', {});
    first.open();
    upsert(first, 'notify', { key: { remoteJid: '1@s.whatsapp.net', id: 'X' }, message: { conversation: 'ghost' } });
    first.ev.emit('connection.update', { connection: 'close', lastDisconnect: { error: undefined, date: new Date() } });
    expect(seen.message).toEqual([]);
    expect(seen.connection.filter((e) => e.state === 'open')).toEqual([]);
    expect(closes()).toHaveLength(1);
    expect(transport.lastActivityAt()).toBe(before);
    expect(socket().ws.listenerCount('frame')).toBe(1);
  });

  it('refuses a second connect while a socket is live', async () => {
    await transport.connect();
    await expect(transport.connect()).rejects.toThrow(/Already connected/);
  });

  it('tracks the last frame received for the watchdog', async () => {
    await transport.connect();
    const start = transport.lastActivityAt();
    await clock.advance(10_000);
    expect(transport.lastActivityAt()).toBe(start);
    socket().ws.emit('frame', { tag: 'iq', attrs: {} });
    expect(transport.lastActivityAt()).toBe(start + 10_000);
  });

  it('points Baileys at a local server when asked, and refuses a malformed certificate root', async () => {
    // The root itself is checked in e2e/wa-server/server-auth.test.ts, against real servers.
    transport = makeTransport({ rootPublicKeyHex: 'ab'.repeat(32), waWebSocketUrl: 'ws://127.0.0.1:5999' });
    await transport.connect();
    expect(socket().config.waWebSocketUrl).toBe('ws://127.0.0.1:5999');
    expect(() => makeTransport({ rootPublicKeyHex: 'nope' })).toThrow(/64 hex digits/);
  });
});

describe('Baileys transport: server verification (server-auth.ts)', () => {
  /** A fake that, like makeWASocket, generates its handshake key pair: the guard watches it. */
  const guardedTransport = () => {
    const t = createBaileysTransport({
      authStore: store,
      clock,
      logger,
      makeSocket: (config) => {
        Curve.generateKeyPair();
        const sock = new FakeSocket(config);
        sockets.push(sock);
        return sock;
      },
    });
    seen = recordEvents(t);
    return t;
  };
  const frame = (body: Buffer) => Buffer.concat([Buffer.from([0, 0, body.length]), body]);

  it('refuses a QR or an open from a socket whose server hello was never checked', async () => {
    transport = guardedTransport();
    await transport.connect();
    socket().connecting();
    socket().qr('2@ref1,noise,identity,adv,1');
    socket().open();
    expect(seen.connection).toEqual([
      { state: 'connecting' },
      {
        state: 'close',
        reason: 'server-unverified',
        code: null,
        detail: 'the server went on before its certificates were checked',
      },
    ]);
    expect(socket().end).toHaveBeenCalled();
  });

  it('ends the socket at once, before Baileys can answer, when the first frame is not a valid hello', async () => {
    transport = guardedTransport();
    await transport.connect();
    socket().ws.emit('message', frame(Buffer.from('not a server hello')));
    // Synchronously: Baileys' own handshake would only go on in a later microtask.
    expect(socket().end).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringMatching(/verify/) }));
    expect(closes()).toEqual([
      { state: 'close', reason: 'server-unverified', code: null, detail: 'the server hello does not decrypt' },
    ]);
    expect(socket().ws.listenerCount('message')).toBe(0);
  });

  it('refuses an oversized first frame without waiting for it', async () => {
    transport = guardedTransport();
    await transport.connect();
    socket().ws.emit('message', Buffer.from([0xff, 0xff, 0xff, 1, 2, 3]));
    expect(closes()).toMatchObject([
      { reason: 'server-unverified', detail: expect.stringMatching(/not a server hello/) },
    ]);
  });

  it('leaves a test fake that makes no keys alone', async () => {
    await transport.connect();
    socket().qr('2@ref1,noise,identity,adv,1');
    expect(seen.connection).toEqual([{ state: 'qr', qr: '2@ref1,noise,identity,adv,1' }]);
    expect(socket().ws.listenerCount('message')).toBe(0);
  });
});

describe('Baileys transport: pairing code', () => {
  it('asks for a code at the first QR and shows the code instead of QRs', async () => {
    await transport.connect({ pairingPhone: '+44 7700 900123' });
    socket().connecting();
    socket().qr('2@ref1');
    socket().qr('2@ref2');
    await clock.advance(0);
    expect(socket().requestPairingCode).toHaveBeenCalledTimes(1);
    expect(socket().requestPairingCode).toHaveBeenCalledWith('447700900123');
    expect(seen.connection).toEqual([
      { state: 'connecting' },
      { state: 'pairing-code', code: 'WREN2345', phone: '+44 7700 900123' },
    ]);
    // Baileys stored `me` for the attempt, but that is not a session yet.
    expect(store.readCreds<{ pairingCode: string }>()?.pairingCode).toBe('WREN2345');
    expect(store.hasSession()).toBe(false);
  });

  it('starts over from fresh creds after an attempt that never completed', async () => {
    await transport.connect({ pairingPhone: '+447700900123' });
    socket().qr('2@ref1');
    await clock.advance(0);
    const firstNoise = Buffer.from(socket().creds.noiseKey.public);
    await socket().end(new Boom('QR refs attempts ended', { statusCode: 408 }));
    expect(closes().at(-1)).toMatchObject({ reason: 'qr-expired', code: 408 });
    await transport.connect({ pairingPhone: '+447700900123' });
    expect(socket().creds.me).toBeUndefined();
    expect(Buffer.from(socket().creds.noiseKey.public).equals(firstNoise)).toBe(false);
  });

  it('reports a failed code request and ends the socket through Baileys', async () => {
    await transport.connect({ pairingPhone: '+447700900123' });
    socket().requestPairingCode.mockRejectedValueOnce(new Boom('Connection Closed', { statusCode: 428 }));
    socket().qr('2@ref1');
    await clock.advance(0);
    expect(seen.warning.map((w) => w.message)).toEqual(['Could not get a pairing code: Connection Closed']);
    expect(closes()).toEqual([{ state: 'close', reason: 'connection-lost', code: 428, detail: 'Connection Closed' }]);
  });

  it('logs in normally when the bot already has a session', async () => {
    await transport.connect();
    socket().open();
    await transport.close();
    await transport.connect({ pairingPhone: '+447700900123' });
    socket().qr('2@ref1');
    await clock.advance(0);
    expect(socket().requestPairingCode).not.toHaveBeenCalled();
  });
});

describe('Baileys transport: messages', () => {
  beforeEach(async () => {
    await transport.connect();
    socket().open();
  });

  it('emits live texts as online messages', () => {
    upsert(socket(), 'notify', {
      key: { remoteJid: '447700900555@s.whatsapp.net', fromMe: false, id: 'A1' },
      message: { conversation: 'hello' },
      messageTimestamp: 1_767_603_600,
      pushName: 'Ana',
    });
    expect(seen.message).toEqual([
      {
        id: 'A1',
        chatJid: '447700900555@s.whatsapp.net',
        senderJid: '447700900555@s.whatsapp.net',
        senderName: 'Ana',
        fromMe: false,
        ts: 1_767_603_600_000,
        text: 'hello',
        kind: 'text',
        chatAltJid: null,
        quoted: null,
        forwarded: false,
        offline: false,
      },
    ]);
  });

  it('reads extended and wrapped texts, group senders and phone JIDs behind LIDs', () => {
    upsert(
      socket(),
      'append',
      {
        key: {
          remoteJid: '1203630@g.us',
          participant: '5550001@lid',
          participantAlt: '447700900666@s.whatsapp.net',
          id: 'G1',
        },
        message: { extendedTextMessage: { text: 'in a group' } },
        messageTimestamp: 1_767_603_601,
      },
      {
        key: { remoteJid: '5550002@lid', remoteJidAlt: '447700900777@s.whatsapp.net', id: 'E1' },
        message: { ephemeralMessage: { message: { conversation: 'disappearing' } } },
        messageTimestamp: 1_767_603_602,
      },
    );
    expect(seen.message.map((m) => [m.id, m.chatJid, m.senderJid, m.text, m.offline])).toEqual([
      ['G1', '1203630@g.us', '447700900666@s.whatsapp.net', 'in a group', true],
      ['E1', '447700900777@s.whatsapp.net', '447700900777@s.whatsapp.net', 'disappearing', true],
    ]);
  });

  it('skips statuses, channels and content-less stubs, and never stores a reaction or protocol message', () => {
    upsert(
      socket(),
      'notify',
      {
        key: { remoteJid: 'status@broadcast', participant: '1@s.whatsapp.net', id: 'S' },
        message: { conversation: 'story' },
      },
      { key: { remoteJid: '123@newsletter', id: 'N' }, message: { conversation: 'news' } },
      { key: { remoteJid: '1@s.whatsapp.net', id: 'R' }, message: { reactionMessage: { text: '👍' } } },
      { key: { remoteJid: '1@s.whatsapp.net', id: 'P' }, message: { protocolMessage: { type: 0 } } },
    );
    expect(seen.message).toEqual([]);
  });

  it('reports receipts from messages.update for messages we sent', () => {
    socket().ev.emit('messages.update', [
      {
        key: { remoteJid: '1@s.whatsapp.net', fromMe: true, id: 'M1' },
        update: { status: WAMessageStatus.SERVER_ACK },
      },
      { key: { remoteJid: '1@s.whatsapp.net', fromMe: true, id: 'M1' }, update: { status: WAMessageStatus.READ } },
      { key: { remoteJid: '1@s.whatsapp.net', fromMe: true, id: 'M2' }, update: { status: WAMessageStatus.ERROR } },
      { key: { remoteJid: '1@s.whatsapp.net', fromMe: false, id: 'IN' }, update: { status: WAMessageStatus.READ } },
      { key: { remoteJid: '1@s.whatsapp.net', fromMe: true, id: 'M3' }, update: { starred: true } },
    ]);
    expect(seen['message-status']).toEqual([
      { id: 'M1', chatJid: '1@s.whatsapp.net', status: 'sent' },
      { id: 'M1', chatJid: '1@s.whatsapp.net', status: 'read' },
      { id: 'M2', chatJid: '1@s.whatsapp.net', status: 'failed' },
    ]);
  });

  it('reads the status Baileys merged into an append upsert of our own message', () => {
    upsert(socket(), 'append', {
      key: { remoteJid: '447700900555@s.whatsapp.net', fromMe: true, id: 'OUT1' },
      message: { conversation: 'sent from the phone' },
      messageTimestamp: 1_767_603_603,
      status: WAMessageStatus.DELIVERY_ACK,
    });
    expect(seen['message-status']).toEqual([
      { id: 'OUT1', chatJid: '447700900555@s.whatsapp.net', status: 'delivered' },
    ]);
    expect(seen.message).toMatchObject([
      { id: 'OUT1', fromMe: true, senderJid: '447700900123@s.whatsapp.net', offline: true },
    ]);
  });

  it('sends text with the given id and does not echo it back as a message', async () => {
    const sent = await transport.sendText('447700900555@s.whatsapp.net', 'hi there', { id: 'WREN0001' });
    expect(sent).toEqual({ id: 'WREN0001', ts: 1_767_603_700_000 });
    expect(socket().sent).toEqual([
      { jid: '447700900555@s.whatsapp.net', content: { text: 'hi there' }, options: { messageId: 'WREN0001' } },
    ]);
    // Baileys (emitOwnEvents) upserts what we sent as an append with status PENDING.
    upsert(socket(), 'append', {
      key: { remoteJid: '447700900555@s.whatsapp.net', fromMe: true, id: 'WREN0001' },
      message: { conversation: 'hi there' },
      status: WAMessageStatus.PENDING,
    });
    expect(seen.message).toEqual([]);
    expect(seen['message-status']).toEqual([]);
  });

  it('refuses to send when not open', async () => {
    await transport.close();
    await expect(transport.sendText('1@s.whatsapp.net', 'x')).rejects.toThrow(/Not connected/);
  });

  it('persists every creds.update to the store', () => {
    socket().ev.emit('creds.update', { me: { id: '447700900123:12@s.whatsapp.net', name: 'Corner Shop' } });
    expect(store.readCreds<{ me: { name: string } }>()?.me.name).toBe('Corner Shop');
  });

  it('logs out: unlinks through Baileys, one closed-by-app close, session gone', async () => {
    await transport.logout();
    expect(socket().logout).toHaveBeenCalledTimes(1);
    expect(closes()).toEqual([{ state: 'close', reason: 'closed-by-app', code: null, detail: null }]);
    expect(store.hasSession()).toBe(false);
    expect(store.readCreds()).toBeNull();
  });

  it('still ends and forgets the session when the unlink request fails', async () => {
    socket().logout.mockRejectedValueOnce(new Boom('Connection Closed', { statusCode: 428 }));
    await transport.logout();
    expect(seen.warning.map((w) => w.message)).toEqual([
      'Could not tell WhatsApp to unlink this device: Connection Closed',
    ]);
    expect(socket().ended).toBe(true);
    expect(closes()).toHaveLength(1);
    expect(store.readCreds()).toBeNull();
  });
});

describe('Baileys transport: with the real makeWASocket on loopback', () => {
  const waitFor = async (check: () => boolean, ms = 10_000) => {
    const until = Date.now() + ms;
    while (!check()) {
      if (Date.now() > until) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('reports a refused connection as one offline close (nothing reachable there)', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const real = createBaileysTransport({ authStore: store, clock, logger, waWebSocketUrl: `ws://127.0.0.1:${port}` });
    const events: TransportEvents['connection'][] = [];
    real.on('connection', (e) => events.push(e));
    await real.connect();
    await waitFor(() => events.some((e) => e.state === 'close'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events[0]).toEqual({ state: 'connecting' });
    expect(events.filter((e) => e.state === 'close')).toEqual([
      {
        state: 'close',
        reason: 'offline',
        code: 408,
        detail: expect.stringContaining('ECONNREFUSED') as unknown,
      },
    ]);
  });

  it('closes a live socket once, as closed-by-app', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    let peerClosed = false;
    server.on('connection', (peer) => peer.on('close', () => (peerClosed = true)));
    try {
      const real = createBaileysTransport({
        authStore: store,
        clock,
        logger,
        waWebSocketUrl: `ws://127.0.0.1:${port}`,
      });
      const events: TransportEvents['connection'][] = [];
      real.on('connection', (e) => events.push(e));
      await real.connect();
      await waitFor(() => server.clients.size === 1);
      await real.close();
      await waitFor(() => peerClosed);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(events).toEqual([
        { state: 'connecting' },
        { state: 'close', reason: 'closed-by-app', code: null, detail: null },
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
