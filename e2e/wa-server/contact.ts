import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AnyMessageContent, MiscMessageGenerationOptions } from '@whiskeysockets/baileys';
import pino from 'pino';
import {
  initAuthCreds,
  makeWASocket,
  proto,
  WA_CERT_DETAILS,
  WAMessageStatus,
  type AuthenticationCreds,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
  type WAMessage,
  type WASocket,
} from './baileys';
import type { WaServer } from './server';

export type ReceivedText = {
  id: string;
  fromJid: string;
  pushName: string | null;
  text: string;
  offline: boolean;
  /** The message this one replies to, as its contextInfo names it. */
  quoted: { id: string; participant: string | null; text: string | null } | null;
};

type ContactEvents = {
  text: [ReceivedText];
  /** A message arrived that this client could not decrypt (Baileys then sends a retry receipt). */
  undecryptable: [id: string];
  status: [{ id: string; status: number }];
  open: [];
  close: [number | undefined];
};

const jidOf = (phone: string): string => `${phone.replace(/\D/g, '')}@s.whatsapp.net`;

/** Keys in memory: a simulated contact lives as long as its test. */
export const memoryKeyStore = (): SignalKeyStore => {
  const data = new Map<string, unknown>();
  return {
    get: <T extends keyof SignalDataTypeMap>(type: T, ids: string[]) => {
      const out: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const id of ids) {
        const value = data.get(`${type}/${id}`);
        if (value !== undefined) out[id] = value as SignalDataTypeMap[T];
      }
      return out;
    },
    set: (set: SignalDataSet) => {
      for (const [type, values] of Object.entries(set)) {
        for (const [id, value] of Object.entries(values ?? {})) {
          if (value === null) data.delete(`${type}/${id}`);
          else data.set(`${type}/${id}`, value);
        }
      }
    },
  };
};

/**
 * The other side of a chat: an unmodified Baileys client linked to the protocol server as a
 * phone's companion device, so everything the bot sends is decrypted by real Signal code.
 */
export class Contact extends EventEmitter<ContactEvents> {
  readonly received: ReceivedText[] = [];
  /** Ids of messages that arrived and could not be decrypted, in order. */
  readonly undecryptable: string[] = [];
  /** Highest status seen per message this contact sent (3 delivered, 4 read). */
  readonly statuses = new Map<string, number>();
  private socket: WASocket | null = null;
  /** The keys Baileys gave received messages, for read receipts addressed as it expects. */
  private readonly keysById = new Map<string, WAMessage['key']>();
  /** Messages sent and received, whole: a reply quotes the message itself. */
  private readonly messagesById = new Map<string, WAMessage>();
  private readonly creds: AuthenticationCreds = initAuthCreds();
  private readonly keys = memoryKeyStore();
  private stopped = false;
  private failures = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;

  private constructor(
    private readonly server: WaServer,
    readonly phone: string,
    readonly name: string,
  ) {
    super();
  }

  /** Links a new contact: its phone scans the QR its client shows; resolves when it is online. */
  static async link(server: WaServer, phone: string, name = `Contact ${phone.slice(-4)}`): Promise<Contact> {
    const contact = new Contact(server, phone.replace(/\D/g, ''), name);
    const open = new Promise<void>((resolve) => contact.once('open', resolve));
    contact.connect();
    await open;
    return contact;
  }

  get jid(): string {
    return `${this.phone}@s.whatsapp.net`;
  }

  async sendText(toPhone: string, text: string): Promise<string> {
    return this.send(toPhone, { text });
  }

  /** Replies to a message this contact sent or received, quoting it. */
  async reply(toPhone: string, text: string, quotedMessageId: string): Promise<string> {
    const quoted = this.messagesById.get(quotedMessageId);
    if (!quoted) throw new Error(`Contact ${this.phone} has no message ${quotedMessageId} to quote.`);
    return this.send(toPhone, { text }, { quoted });
  }

  /**
   * Reacts to a message (an empty emoji takes the reaction away). `fromMe` is from this
   * contact's side: true when the message is the contact's own, false when it is the bot's.
   */
  async react(toPhone: string, messageId: string, emoji: string, fromMe: boolean): Promise<string> {
    return this.send(toPhone, { react: { text: emoji, key: { remoteJid: jidOf(toPhone), id: messageId, fromMe } } });
  }

  /** Edits a text this contact sent. */
  async edit(toPhone: string, messageId: string, newText: string): Promise<string> {
    return this.send(toPhone, { text: newText, edit: { remoteJid: jidOf(toPhone), id: messageId, fromMe: true } });
  }

  /** Deletes a message this contact sent, for everyone. */
  async deleteForEveryone(toPhone: string, messageId: string): Promise<string> {
    return this.send(toPhone, { delete: { remoteJid: jidOf(toPhone), id: messageId, fromMe: true } });
  }

  /**
   * Sends an image message whose media was never uploaded: Baileys uploads media to a media host
   * over HTTPS (a `w:m` media connection the protocol server does not offer), so this relays the
   * message itself with made-up media fields. The receiver sees a photo with its caption; only
   * downloading it would fail.
   */
  async sendImageMessage(toPhone: string, caption: string | null): Promise<string> {
    const id = randomBytes(8).toString('hex').toUpperCase();
    await this.requireSocket().relayMessage(
      jidOf(toPhone),
      {
        imageMessage: {
          url: 'https://mmg.whatsapp.test/not-uploaded',
          mimetype: 'image/jpeg',
          mediaKey: randomBytes(32),
          fileSha256: randomBytes(32),
          fileEncSha256: randomBytes(32),
          fileLength: 1024,
          width: 64,
          height: 64,
          ...(caption === null ? {} : { caption }),
        },
      },
      { messageId: id },
    );
    return id;
  }

  private async send(
    toPhone: string,
    content: AnyMessageContent,
    options?: MiscMessageGenerationOptions,
  ): Promise<string> {
    const sent = await this.requireSocket().sendMessage(jidOf(toPhone), content, options);
    const id = sent?.key.id;
    if (!sent || !id) throw new Error('Baileys returned no id for the sent message.');
    this.messagesById.set(id, sent);
    return id;
  }

  /** Sends read receipts for messages this contact received. */
  async markRead(ids: string[]): Promise<void> {
    const keys = ids.flatMap((id) => {
      const key = this.keysById.get(id);
      return key ? [key] : [];
    });
    if (keys.length !== ids.length) throw new Error(`Contact ${this.phone} never received some of ${ids.join(', ')}.`);
    await this.requireSocket().readMessages(keys);
  }

  /** Resolves with the first received text (already here or still to come) that matches. */
  waitForText(match: (m: ReceivedText) => boolean): Promise<ReceivedText> {
    const found = this.received.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const listener = (m: ReceivedText) => {
        if (!match(m)) return;
        this.off('text', listener);
        resolve(m);
      };
      this.on('text', listener);
    });
  }

  /** Resolves once the message this contact sent reached `status` (3 delivered, 4 read). */
  waitForStatus(id: string, status: number): Promise<void> {
    if ((this.statuses.get(id) ?? 0) >= status) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = (update: { id: string; status: number }) => {
        if (update.id !== id || update.status < status) return;
        this.off('status', listener);
        resolve();
      };
      this.on('status', listener);
    });
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const socket = this.socket;
    this.socket = null;
    socket?.ev.removeAllListeners('connection.update');
    await socket?.end(undefined);
  }

  private requireSocket(): WASocket {
    if (!this.socket) throw new Error(`Contact ${this.phone} is not connected.`);
    return this.socket;
  }

  private connect(): void {
    WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(this.server.rootPublicKeyHex, 'hex');
    const socket = makeWASocket({
      auth: { creds: this.creds, keys: this.keys },
      waWebSocketUrl: this.server.url,
      logger: pino({ level: process.env.WA_SERVER_DEBUG ? 'debug' : 'silent' }),
      browser: ['Contact', 'Chrome', '1.0.0'],
      markOnlineOnConnect: false,
      syncFullHistory: false,
      // As a phone resends from its own chats when the bot could not decrypt a message.
      getMessage: (key) => Promise.resolve(key.id ? (this.messagesById.get(key.id)?.message ?? undefined) : undefined),
    });
    this.socket = socket;
    socket.ev.on('creds.update', (update) => Object.assign(this.creds, update));
    socket.ev.on('connection.update', (update) => {
      if (update.qr) {
        this.server.scanQr(update.qr, this.phone, this.name).catch((error: unknown) => {
          this.server.trace.record(`contact ${this.phone}`, 'error', `scan failed: ${String(error)}`);
        });
      }
      if (update.connection === 'open') {
        this.failures = 0;
        this.emit('open');
      }
      if (update.connection === 'close') {
        const code = (update.lastDisconnect?.error as { output?: { statusCode?: number } } | undefined)?.output
          ?.statusCode;
        this.emit('close', code);
        if (this.socket === socket) this.socket = null;
        // 515 after pairing and any drop: come back, as a phone's client would; 401 is final.
        // A restart is immediate; repeated failures (an account taken offline) back off.
        if (this.stopped || code === 401) return;
        const delay = code === 515 ? 0 : Math.min(50 * 2 ** this.failures++, 2_000);
        this.retry = setTimeout(() => this.connect(), delay);
      }
    });
    socket.ev.on('messages.upsert', ({ messages, type }) => {
      for (const message of messages) this.onMessage(message, type !== 'notify');
    });
    socket.ev.on('messages.update', (updates) => {
      for (const { key, update } of updates) {
        if (key.fromMe && key.id && typeof update.status === 'number') this.onStatus(key.id, update.status);
      }
    });
  }

  private onMessage(message: WAMessage, offline: boolean): void {
    const { key } = message;
    if (key.fromMe) {
      if (key.id && typeof message.status === 'number' && message.status >= WAMessageStatus.SERVER_ACK) {
        this.onStatus(key.id, message.status);
      }
      return;
    }
    // Baileys upserts what it could not decrypt as a stub and asks the sender for it again.
    if (message.messageStubType === proto.WebMessageInfo.StubType.CIPHERTEXT && key.id) {
      this.undecryptable.push(key.id);
      this.emit('undecryptable', key.id);
      return;
    }
    const text = message.message?.conversation ?? message.message?.extendedTextMessage?.text;
    if (!text || !key.id || !key.remoteJid) return;
    const context = message.message?.extendedTextMessage?.contextInfo;
    const received: ReceivedText = {
      id: key.id,
      fromJid: key.remoteJidAlt?.endsWith('@s.whatsapp.net') ? key.remoteJidAlt : key.remoteJid,
      pushName: message.pushName ?? null,
      text,
      offline,
      quoted: context?.stanzaId
        ? {
            id: context.stanzaId,
            participant: context.participant ?? null,
            text: context.quotedMessage?.conversation ?? context.quotedMessage?.extendedTextMessage?.text ?? null,
          }
        : null,
    };
    this.keysById.set(key.id, key);
    this.messagesById.set(key.id, message);
    this.received.push(received);
    this.emit('text', received);
  }

  private onStatus(id: string, status: number): void {
    if ((this.statuses.get(id) ?? 0) >= status) return;
    this.statuses.set(id, status);
    this.emit('status', { id, status });
  }
}
