import { randomBytes } from 'node:crypto';
import type { Clock, TimerId } from '../../clock';
import { Emitter } from '../../emitter';
import type {
  AuthStore,
  CloseReason,
  GroupInfo,
  GroupMemberAction,
  GroupParticipantsEvent,
  HistoryEvent,
  IncomingMessage,
  MessageDeleteEvent,
  MessageEditEvent,
  MessageStatus,
  OutgoingMedia,
  ReactionEvent,
  ReactionTarget,
  SendOptions,
  SentMessage,
  Transport,
  TransportEvents,
} from '../transport';
import type { SimEndpoint, SimNetwork, SimSession } from './network';
import { phoneOfJid } from './threads';

/** Like WhatsApp: the first QR lives 60 s, each later one 20 s, and after six the socket gives up. */
export const SIM_QR_FIRST_MS = 60_000;
export const SIM_QR_NEXT_MS = 20_000;
export const SIM_QR_COUNT = 6;

const PAIRING_ALPHABET = 'ABCDEFGHJKLMNPQRSTVWXYZ23456789';

const isSession = (value: unknown): value is SimSession =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as SimSession).phone === 'string' &&
  typeof (value as SimSession).deviceId === 'number';

/** A bot's connection to the simulated network. Its session lives in the same auth store as a real one. */
export class SimTransport implements Transport, SimEndpoint {
  private readonly emitter = new Emitter<TransportEvents>();
  private session: SimSession | null = null;
  private open = false;
  private connected = false;
  private qrTimer: TimerId | null = null;
  private qrShown = 0;
  private lastFrameAt = 0;

  constructor(
    readonly botId: string,
    private readonly network: SimNetwork,
    private readonly auth: AuthStore,
    private readonly clock: Clock,
  ) {}

  on: Transport['on'] = (event, listener) => this.emitter.on(event, listener);

  async connect(options: { pairingPhone?: string } = {}): Promise<void> {
    if (this.connected) throw new Error('Already connected.');
    this.connected = true;
    this.lastFrameAt = this.clock.now();
    await Promise.resolve();
    this.emitter.emit('connection', { state: 'connecting' });
    if (!this.network.reachable) {
      // As a PC with no internet: the socket never opens (getaddrinfo ENOTFOUND).
      this.finish('offline', null);
      return;
    }
    const stored = this.auth.readCreds<unknown>();
    if (isSession(stored)) {
      this.session = stored;
      const refused = this.network.login(this, stored);
      if (refused) {
        this.finish(refused.reason, refused.code);
        return;
      }
      this.open = true;
      this.emitter.emit('connection', {
        state: 'open',
        account: {
          phone: stored.phone,
          jid: `${stored.phone.slice(1)}:${stored.deviceId}@s.whatsapp.net`,
          lid: null,
          pushName: this.network.accountName(stored.phone),
        },
      });
      return;
    }
    this.network.beginLink(this, options.pairingPhone ?? null);
    if (options.pairingPhone !== undefined) {
      const code = Array.from(randomBytes(8), (b) => PAIRING_ALPHABET[b % PAIRING_ALPHABET.length]).join('');
      this.emitter.emit('connection', { state: 'pairing-code', code, phone: options.pairingPhone });
      // A pairing code stays valid as long as the first QR would.
      this.qrTimer = this.clock.setTimeout(
        () => this.finish('qr-expired', 408),
        SIM_QR_FIRST_MS + SIM_QR_NEXT_MS * (SIM_QR_COUNT - 1),
      );
      return;
    }
    this.showQr();
  }

  async close(): Promise<void> {
    await Promise.resolve();
    if (this.connected) this.finish('closed-by-app', null);
  }

  async logout(): Promise<void> {
    await Promise.resolve();
    if (this.session) this.network.removeDevice(this.session);
    this.auth.clear();
    if (this.connected) this.finish('closed-by-app', null);
  }

  lastActivityAt(): number {
    // Each simulated frame would refresh this; a silenced phone stops them.
    if (this.open && this.session && !this.network.isSilenced(this.session.phone)) this.lastFrameAt = this.clock.now();
    return this.lastFrameAt;
  }

  async sendText(jid: string, text: string, options: SendOptions = {}): Promise<SentMessage> {
    await Promise.resolve();
    if (!this.open || !this.session) throw new Error('Not connected to WhatsApp.');
    const id = options.id ?? `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
    const ts = this.network.send(this.session.phone, jid, text, id, {
      quotedId: options.quoted?.id ?? null,
      ...(options.mentions ? { mentions: options.mentions } : {}),
      ...(options.forwarded ? { forwarded: true } : {}),
    });
    await this.ackDelay();
    return { id, ts };
  }

  /** The network has the message; its ack takes a round trip to come back. */
  private ackDelay(): Promise<void> {
    const ms = this.network.ackDelayMs;
    return ms > 0 ? new Promise((resolve) => this.clock.setTimeout(resolve, ms)) : Promise.resolve();
  }

  async sendMedia(jid: string, media: OutgoingMedia, options: SendOptions = {}): Promise<SentMessage> {
    await Promise.resolve();
    if (!this.open || !this.session) throw new Error('Not connected to WhatsApp.');
    const id = options.id ?? `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
    const file = { kind: media.kind, bytes: media.bytes, mime: media.mime, fileName: media.fileName };
    const ts = this.network.send(this.session.phone, jid, media.caption ?? '', id, {
      quotedId: options.quoted?.id ?? null,
      file,
      ...(options.mentions ? { mentions: options.mentions } : {}),
      ...(options.forwarded ? { forwarded: true } : {}),
    });
    return { id, ts };
  }

  async downloadMedia(ref: string): Promise<Uint8Array> {
    if (!this.open) throw new Error('Not connected to WhatsApp.');
    return this.network.media.download(ref);
  }

  async groupMetadata(jid: string): Promise<GroupInfo> {
    await Promise.resolve();
    if (!this.open || !this.session) throw new Error('Not connected to WhatsApp.');
    return this.network.groupInfoFor(this.session.phone, jid);
  }

  async updateGroupMembers(jid: string, members: string[], action: GroupMemberAction): Promise<void> {
    await Promise.resolve();
    this.network.groupAdmin.updateMembers(this.mySession().phone, jid, members, action);
  }

  async setGroupAnnounce(jid: string, announce: boolean): Promise<void> {
    await Promise.resolve();
    this.network.groupAdmin.setAnnounce(this.mySession().phone, jid, announce);
  }

  async sendReaction(chatJid: string, target: ReactionTarget, emoji: string | null): Promise<void> {
    await Promise.resolve();
    this.network.botReacts(this.mySession().phone, chatJid, target.id, emoji);
  }

  async deleteForEveryone(chatJid: string, message: { id: string; fromMe: boolean; senderJid: string }): Promise<void> {
    await Promise.resolve();
    this.network.groupAdmin.deleteForEveryone(this.mySession().phone, chatJid, message);
  }

  private mySession(): SimSession {
    if (!this.open || !this.session) throw new Error('Not connected to WhatsApp.');
    return this.session;
  }

  async sendPresence(jid: string, state: 'composing' | 'paused'): Promise<void> {
    await Promise.resolve();
    const { phone } = this.mySession();
    this.network.delivery.presences.push({ from: phone, to: jid, state, ts: this.clock.now() });
  }

  async isOnWhatsApp(jid: string): Promise<boolean> {
    await Promise.resolve();
    this.mySession();
    return !this.network.delivery.notOnWhatsApp.has(phoneOfJid(jid));
  }

  async markRead(chatJid: string, messages: { id: string; senderJid: string }[]): Promise<void> {
    await Promise.resolve();
    if (!this.open || !this.session) throw new Error('Not connected to WhatsApp.');
    this.network.markRead(
      this.session.phone,
      chatJid,
      messages.map((m) => m.id),
    );
  }

  // ---- SimEndpoint: called by the network ----

  deliver(message: IncomingMessage): void {
    this.lastFrameAt = this.clock.now();
    this.emitter.emit('message', message);
  }

  edited(event: MessageEditEvent): void {
    this.lastFrameAt = this.clock.now();
    this.emitter.emit('message-edit', event);
  }

  deleted(event: MessageDeleteEvent): void {
    this.lastFrameAt = this.clock.now();
    this.emitter.emit('message-delete', event);
  }

  reacted(event: ReactionEvent): void {
    this.lastFrameAt = this.clock.now();
    this.emitter.emit('reaction', event);
  }

  history(event: HistoryEvent): void {
    this.lastFrameAt = this.clock.now();
    this.emitter.emit('history', event);
  }

  groupUpdated(info: GroupInfo): void {
    this.lastFrameAt = this.clock.now();
    this.emitter.emit('group', info);
  }

  participantsChanged(event: GroupParticipantsEvent): void {
    this.lastFrameAt = this.clock.now();
    this.emitter.emit('group-participants', event);
  }

  status(id: string, chatJid: string, status: MessageStatus): void {
    this.lastFrameAt = this.clock.now();
    this.emitter.emit('message-status', { id, chatJid, status });
  }

  kick(reason: Exclude<CloseReason, 'closed-by-app'>, code: number): void {
    if (this.connected) this.finish(reason, code);
  }

  linked(session: SimSession): void {
    this.auth.writeCreds(session);
    this.finish('restart-required', 515);
  }

  private showQr(): void {
    if (this.qrShown >= SIM_QR_COUNT) {
      this.finish('qr-expired', 408);
      return;
    }
    const ref = randomBytes(6).toString('hex');
    const qr = `wren-sim://link?bot=${encodeURIComponent(this.botId)}&ref=${ref}`;
    this.emitter.emit('connection', { state: 'qr', qr });
    this.qrTimer = this.clock.setTimeout(() => this.showQr(), this.qrShown === 0 ? SIM_QR_FIRST_MS : SIM_QR_NEXT_MS);
    this.qrShown += 1;
  }

  /** Ends the socket: exactly one close event per connect(). */
  private finish(reason: CloseReason, code: number | null): void {
    this.clock.clearTimeout(this.qrTimer);
    this.qrTimer = null;
    this.qrShown = 0;
    this.network.logoff(this, this.session);
    this.network.endLink(this.botId);
    this.open = false;
    this.connected = false;
    this.session = null;
    this.emitter.emit('connection', { state: 'close', reason, code, detail: null });
  }
}
