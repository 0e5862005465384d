import { EventEmitter } from 'node:events';
import { Boom } from '@hapi/boom';
import {
  DisconnectReason,
  makeEventBuffer,
  WAMessageStatus,
  type AnyMessageContent,
  type AuthenticationCreds,
  type GroupMetadata,
  type MiscMessageGenerationOptions,
  type UserFacingSocketConfig,
  type WAMessage,
  type WAMessageKey,
} from '@whiskeysockets/baileys';
import pino from 'pino';
import { vi } from 'vitest';
import type { Transport, TransportEvents } from '../transport';
import Database from 'better-sqlite3';
import { FakeClock } from '../../clock';
import { migrate } from '../../db/migrate';
import { createAuthStore } from '../auth-store';
import { createBaileysTransport, type SocketLike } from './transport';

/** Test support for the Baileys transport's tests; never imported by the app. */

const logger = pino({ level: 'silent' });

/**
 * Stands in for makeWASocket: Baileys' own event buffer as `ev`, a 'frame'-emitting `ws`, and
 * end() behaving as Socket/socket.js's does (one close update, then its listeners are dropped).
 */
export class FakeSocket implements SocketLike {
  readonly ev = makeEventBuffer(logger);
  readonly ws = new EventEmitter();
  readonly creds: AuthenticationCreds;
  ended = false;
  readonly sent: Array<{ jid: string; content: AnyMessageContent; options?: MiscMessageGenerationOptions }> = [];

  constructor(readonly config: UserFacingSocketConfig) {
    this.creds = config.auth.creds;
    // makeSocket registers this before any caller can: creds updates are merged first.
    this.ev.on('creds.update', (update) => Object.assign(this.creds, update));
  }

  end = vi.fn(async (error: Error | undefined): Promise<void> => {
    await Promise.resolve();
    if (this.ended) return;
    this.ended = true;
    this.ev.emit('connection.update', { connection: 'close', lastDisconnect: { error, date: new Date() } });
    this.ev.removeAllListeners('connection.update');
    this.ev.destroy();
  });

  logout = vi.fn(async (): Promise<void> => {
    await Promise.resolve();
    void this.end(new Boom('Intentional Logout', { statusCode: DisconnectReason.loggedOut }));
  });

  requestPairingCode = vi.fn(async (phone: string): Promise<string> => {
    await Promise.resolve();
    this.ev.emit('creds.update', { pairingCode: 'WREN2345', me: { id: `${phone}@s.whatsapp.net`, name: '~' } });
    return 'WREN2345';
  });

  sendMessage = vi.fn(
    async (jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions): Promise<WAMessage> => {
      await Promise.resolve();
      this.sent.push({ jid, content, ...(options ? { options } : {}) });
      return {
        key: { remoteJid: jid, fromMe: true, id: options?.messageId ?? '3EB0GENERATED' },
        messageTimestamp: 1_767_603_700,
        status: WAMessageStatus.PENDING,
      };
    },
  );

  readMessages = vi.fn(async (_keys: WAMessageKey[]): Promise<void> => {
    await Promise.resolve();
  });

  /** Presence updates the fake server received, in order. */
  readonly presences: { type: string; jid: string | undefined }[] = [];

  sendPresenceUpdate = vi.fn(async (type: string, jid?: string): Promise<void> => {
    await Promise.resolve();
    this.presences.push({ type, jid });
  });

  /** Numbers the fake server says have no WhatsApp account (as JIDs). */
  readonly notOnWhatsApp = new Set<string>();

  onWhatsApp = vi.fn(async (...jids: string[]) => {
    await Promise.resolve();
    return jids.map((jid) => ({ jid, exists: !this.notOnWhatsApp.has(jid) }));
  });

  /** Groups the fake server knows, for groupMetadata. */
  readonly groups = new Map<string, GroupMetadata>();

  groupMetadata = vi.fn(async (jid: string): Promise<GroupMetadata> => {
    await Promise.resolve();
    const group = this.groups.get(jid);
    if (!group) throw new Boom('item-not-found', { statusCode: 404 });
    return group;
  });

  /** What the fake server answers per member to a members update ('200' unless set). */
  readonly memberStatus = new Map<string, string>();

  groupParticipantsUpdate = vi.fn(async (_jid: string, participants: string[], _action: string) => {
    await Promise.resolve();
    return participants.map((jid) => ({ jid, status: this.memberStatus.get(jid) ?? '200' }));
  });

  groupSettingUpdate = vi.fn(async (_jid: string, _setting: 'announcement' | 'not_announcement'): Promise<void> => {
    await Promise.resolve();
  });

  // Shortcuts for what the server would make Baileys emit.
  connecting = () => this.ev.emit('connection.update', { connection: 'connecting', qr: undefined });
  qr = (qr: string) => this.ev.emit('connection.update', { qr });
  open = (me = { id: '447700900123:12@s.whatsapp.net', lid: '98765432101234:12@lid' }) => {
    this.ev.emit('creds.update', { me: { ...me, name: undefined } });
    this.ev.emit('connection.update', { connection: 'open' });
  };
}

export const upsert = (sock: FakeSocket, type: 'notify' | 'append', ...messages: WAMessage[]) =>
  sock.ev.emit('messages.upsert', { messages, type });

export type Recorded = { [E in keyof TransportEvents]: Array<TransportEvents[E]> };

/** Every event a transport emits, in order per event. */
export const recordEvents = (t: Transport): Recorded => {
  const seen: Recorded = {
    connection: [],
    message: [],
    'message-status': [],
    'message-edit': [],
    'message-delete': [],
    reaction: [],
    history: [],
    group: [],
    'group-participants': [],
    warning: [],
  };
  t.on('connection', (e) => seen.connection.push(e));
  t.on('message', (e) => seen.message.push(e));
  t.on('message-status', (e) => seen['message-status'].push(e));
  t.on('message-edit', (e) => seen['message-edit'].push(e));
  t.on('message-delete', (e) => seen['message-delete'].push(e));
  t.on('reaction', (e) => seen.reaction.push(e));
  t.on('history', (e) => seen.history.push(e));
  t.on('group', (e) => seen.group.push(e));
  t.on('group-participants', (e) => seen['group-participants'].push(e));
  t.on('warning', (e) => seen.warning.push(e));
  return seen;
};

/** A Baileys transport logged in as `me` over a fake socket, with everything it reports recorded. */
export const connectedOverFakeSocket = async (me: { id: string; lid: string }) => {
  const sqlite = new Database(':memory:');
  migrate(sqlite);
  sqlite
    .prepare(
      "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES ('bot', 'Bot', 'whatsapp', 'stopped', 0, 0, 0)",
    )
    .run();
  const sockets: FakeSocket[] = [];
  const transport = createBaileysTransport({
    authStore: createAuthStore(sqlite, 'bot'),
    clock: new FakeClock(),
    logger: pino({ level: 'silent' }),
    makeSocket: (config) => {
      const made = new FakeSocket(config);
      sockets.push(made);
      return made;
    },
  });
  const seen = recordEvents(transport);
  await transport.connect();
  const sock = sockets[0];
  if (!sock) throw new Error('no socket was made');
  sock.open(me);
  return { sock, transport, seen };
};
