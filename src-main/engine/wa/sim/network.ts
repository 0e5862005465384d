import type { Clock } from '../../clock';
import type { Random } from '../../random';
import type { CloseReason, IncomingMessage, MessageStatus } from '../transport';

/**
 * A simulated WhatsApp network, in process. Phones own accounts; linked devices (bots) connect
 * through SimTransport; simulated contacts send and receive texts and produce receipts. Tests and
 * demo mode drive it; nothing here touches the real WhatsApp.
 */

export type SimSession = { phone: string; deviceId: number };

/** What the network needs from a connected device (implemented by SimTransport). */
export type SimEndpoint = {
  readonly botId: string;
  deliver(message: IncomingMessage): void;
  status(id: string, chatJid: string, status: MessageStatus): void;
  kick(reason: Exclude<CloseReason, 'closed-by-app'>, code: number): void;
  /** The device was linked: persist the session and restart (like WhatsApp's 515). */
  linked(session: SimSession): void;
};

type Account = {
  phone: string;
  name: string;
  banned: boolean;
  /** Linked device ids still valid for this account. */
  devices: Set<number>;
  nextDevice: number;
};

export type SimContactMessage = { id: string; from: string; to: string; text: string; ts: number };

const jidOf = (phone: string) => `${phone.replace(/^\+/, '')}@s.whatsapp.net`;
export const phoneOfJid = (jid: string): string => `+${jid.split('@')[0]?.split(':')[0] ?? ''}`;

export class SimNetwork {
  private readonly accounts = new Map<string, Account>();
  /** Connected devices by phone. */
  private readonly online = new Map<string, SimEndpoint>();
  /** Devices showing a QR or pairing code, by bot id. */
  private readonly linking = new Map<string, { endpoint: SimEndpoint; pairingPhone: string | null }>();
  /** Messages for a bot that was offline, delivered at its next login. */
  private readonly queued = new Map<string, IncomingMessage[]>();
  /** Everything a bot sent, as each contact received it. */
  readonly inboxOfContacts: SimContactMessage[] = [];
  private readonly silenced = new Set<string>();
  private nextPhone = 100;
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  // ---- devices (used by SimTransport) ----

  beginLink(endpoint: SimEndpoint, pairingPhone: string | null): void {
    this.linking.set(endpoint.botId, { endpoint, pairingPhone });
  }

  endLink(botId: string): void {
    this.linking.delete(botId);
  }

  isLinking(botId: string): boolean {
    return this.linking.has(botId);
  }

  /** Logs a linked device in; returns why it is refused, or null when it is in. */
  login(
    endpoint: SimEndpoint,
    session: SimSession,
  ): { reason: Exclude<CloseReason, 'closed-by-app'>; code: number } | null {
    // The simulated phones live in memory: after an app restart the network meets a stored
    // session it has never seen and takes it as linked, as WhatsApp's servers would remember it.
    if (!this.accounts.has(session.phone)) {
      const restored = this.ensureAccount(session.phone);
      restored.devices.add(session.deviceId);
      restored.nextDevice = session.deviceId + 1;
    }
    const account = this.ensureAccount(session.phone);
    if (!account.devices.has(session.deviceId)) return { reason: 'logged-out', code: 401 };
    if (account.banned) return { reason: 'banned', code: 403 };
    const previous = this.online.get(session.phone);
    if (previous && previous !== endpoint) previous.kick('replaced', 440);
    this.online.set(session.phone, endpoint);
    const queued = this.queued.get(session.phone) ?? [];
    this.queued.delete(session.phone);
    for (const message of queued) endpoint.deliver({ ...message, offline: true });
    return null;
  }

  logoff(endpoint: SimEndpoint, session: SimSession | null): void {
    if (session && this.online.get(session.phone) === endpoint) this.online.delete(session.phone);
    this.linking.delete(endpoint.botId);
  }

  /** The linked device unlinks itself (Wren's relink). */
  removeDevice(session: SimSession): void {
    this.accounts.get(session.phone)?.devices.delete(session.deviceId);
  }

  isSilenced(phone: string): boolean {
    return this.silenced.has(phone);
  }

  accountName(phone: string): string | null {
    return this.accounts.get(phone)?.name ?? null;
  }

  /** A bot sends a text to a contact: acked at once, delivered and read a little later. */
  send(fromPhone: string, toJid: string, text: string, id: string): number {
    const ts = this.clock.now();
    const toPhone = phoneOfJid(toJid);
    this.inboxOfContacts.push({ id, from: fromPhone, to: toPhone, text, ts });
    const sender = () => this.online.get(fromPhone);
    this.clock.setTimeout(() => sender()?.status(id, toJid, 'delivered'), 300 + Math.floor(this.random() * 1200));
    this.clock.setTimeout(() => sender()?.status(id, toJid, 'read'), 2000 + Math.floor(this.random() * 4000));
    return ts;
  }

  /** Messages the bot of `botPhone` marked read in `chatJid` (what blue ticks the contact would see). */
  readonly readByBots: { botPhone: string; chatJid: string; ids: string[] }[] = [];

  markRead(botPhone: string, chatJid: string, ids: string[]): void {
    this.readByBots.push({ botPhone, chatJid, ids });
  }

  // ---- the phone side and test controls ----

  /** The phone scans a linking bot's QR (or enters its pairing code). Returns the linked number. */
  scan(botId: string, phone?: string): string {
    const pending = this.linking.get(botId);
    if (!pending) throw new Error('This bot is not waiting for a scan.');
    const number = phone ?? pending.pairingPhone ?? this.newDemoNumber();
    const account = this.ensureAccount(number);
    const deviceId = account.nextDevice++;
    account.devices.add(deviceId);
    this.linking.delete(botId);
    pending.endpoint.linked({ phone: number, deviceId });
    return number;
  }

  /** The QR a linking bot shows carries its id; a simulated phone can scan that string. */
  scanQr(qr: string, phone?: string): string {
    const botId = new URL(qr).searchParams.get('bot');
    if (!botId) throw new Error('Not a Wren demo QR code.');
    return this.scan(botId, phone);
  }

  /** A contact writes to a bot's number. Queued if the bot is offline. */
  receive(args: { from: string; fromName?: string; to: string; text: string; chatJid?: string }): IncomingMessage {
    const message: IncomingMessage = {
      id: `SIM${(++this.seq).toString(16).toUpperCase().padStart(8, '0')}`,
      chatJid: args.chatJid ?? jidOf(args.from),
      senderJid: jidOf(args.from),
      senderName: args.fromName ?? null,
      fromMe: false,
      ts: this.clock.now(),
      text: args.text,
      offline: false,
    };
    const endpoint = this.online.get(args.to);
    if (endpoint) endpoint.deliver(message);
    else this.queued.set(args.to, [...(this.queued.get(args.to) ?? []), message]);
    return message;
  }

  /** Drops the socket as a network failure would (no reason sent by WhatsApp). */
  dropConnection(phone: string): void {
    this.online.get(phone)?.kick('connection-lost', 428);
  }

  /** The phone removes the linked device (Settings › Linked devices › Log out). */
  logOutFromPhone(phone: string): void {
    const account = this.accounts.get(phone);
    account?.devices.clear();
    this.online.get(phone)?.kick('logged-out', 401);
  }

  /** Another client takes the session over. */
  replaceSession(phone: string): void {
    this.online.get(phone)?.kick('replaced', 440);
  }

  ban(phone: string): void {
    const account = this.ensureAccount(phone);
    account.banned = true;
    this.online.get(phone)?.kick('banned', 403);
  }

  /** The socket stays open but nothing arrives any more: only a watchdog can notice. */
  silence(phone: string, silent = true): void {
    if (silent) this.silenced.add(phone);
    else this.silenced.delete(phone);
  }

  isOnline(phone: string): boolean {
    return this.online.has(phone);
  }

  private ensureAccount(phone: string): Account {
    let account = this.accounts.get(phone);
    if (!account) {
      account = { phone, name: 'Wren demo', banned: false, devices: new Set(), nextDevice: 1 };
      this.accounts.set(phone, account);
    }
    return account;
  }

  /** UK numbers reserved for drama (07700 900xxx): valid-looking, never a real person. */
  private newDemoNumber(): string {
    for (;;) {
      const phone = `+447700900${String(this.nextPhone++).padStart(3, '0')}`;
      if (!this.accounts.has(phone)) return phone;
    }
  }
}
