import { EventEmitter } from 'node:events';
import pino from 'pino';
import {
  initAuthCreds,
  makeWASocket,
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

export type ReceivedText = { id: string; fromJid: string; pushName: string | null; text: string; offline: boolean };

type ContactEvents = {
  text: [ReceivedText];
  status: [{ id: string; status: number }];
  open: [];
  close: [number | undefined];
};

/** Keys in memory: a simulated contact lives as long as its test. */
const memoryKeyStore = (): SignalKeyStore => {
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
  /** Highest status seen per message this contact sent (3 delivered, 4 read). */
  readonly statuses = new Map<string, number>();
  private socket: WASocket | null = null;
  /** The keys Baileys gave received messages, for read receipts addressed as it expects. */
  private readonly keysById = new Map<string, WAMessage['key']>();
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
    const sent = await this.requireSocket().sendMessage(`${toPhone.replace(/\D/g, '')}@s.whatsapp.net`, { text });
    const id = sent?.key.id;
    if (!id) throw new Error('Baileys returned no id for the sent message.');
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
    const text = message.message?.conversation ?? message.message?.extendedTextMessage?.text;
    if (!text || !key.id || !key.remoteJid) return;
    const received: ReceivedText = {
      id: key.id,
      fromJid: key.remoteJidAlt?.endsWith('@s.whatsapp.net') ? key.remoteJidAlt : key.remoteJid,
      pushName: message.pushName ?? null,
      text,
      offline,
    };
    this.keysById.set(key.id, key);
    this.received.push(received);
    this.emit('text', received);
  }

  private onStatus(id: string, status: number): void {
    if ((this.statuses.get(id) ?? 0) >= status) return;
    this.statuses.set(id, status);
    this.emit('status', { id, status });
  }
}
