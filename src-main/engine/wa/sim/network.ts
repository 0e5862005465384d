import type { Clock } from '../../clock';
import type { Random } from '../../random';
import type {
  CloseReason,
  GroupInfo,
  GroupRole,
  IncomingMessage,
  MessageDeleteEvent,
  MessageEditEvent,
  MessageKind,
  ReactionEvent,
} from '../transport';
import {
  blankMessage,
  contactDeletes,
  contactEdits,
  contactReacts,
  contactWrites,
  othersInGroupHear,
  type ContactDeps,
  type SimContactArgs,
  type SimContactMessage,
  type SimContactReaction,
  type SimReceiveArgs,
  type SimUpdate,
} from './contacts';
import { deliverTo, type SimEndpoint, type SimSession } from './endpoint';
import { SimGroupAdmin } from './group-admin';
import { SimGroups } from './group-chats';
import { SimDelivery } from './delivery';
import { SimMediaServer, type SimFile } from './media';
import { givePast, SimHistoryFeed } from './phone-past';
import { jidOfPhone, phoneOfJid, SimThreads, type SimThreadMessage } from './threads';

export { SIM_DELETE_WINDOW_MS, SIM_EDIT_WINDOW_MS, type SimContactArgs, type SimContactMessage } from './contacts';
export { phoneOfJid } from './threads';
export type { SimEndpoint, SimSession } from './endpoint';
export { SIM_HISTORY_BATCH_GAP_MS, SIM_HISTORY_DELAY_MS } from './phone-past';

/**
 * A simulated WhatsApp network, in process. Phones own accounts; linked devices (bots) connect
 * through SimTransport; simulated contacts send texts and photos, reply, edit, delete and react,
 * and produce receipts. A newly linked device receives the phone's past as history. Tests and
 * demo mode drive it; nothing here touches the real WhatsApp.
 */

type Account = {
  phone: string;
  name: string;
  banned: boolean;
  /** Linked device ids still valid for this account. */
  devices: Set<number>;
  nextDevice: number;
  /** The phone already has its made-up past (or never needs one: it came back from a restart). */
  hasPast: boolean;
  /** Devices linked but not yet sent the phone's history: only a device's first login gets it. */
  historyDue: Set<number>;
};

export class SimNetwork {
  private readonly accounts = new Map<string, Account>();
  /** Connected devices by phone. */
  private readonly online = new Map<string, SimEndpoint>();
  /** Devices showing a QR or pairing code, by bot id. */
  private readonly linking = new Map<string, { endpoint: SimEndpoint; pairingPhone: string | null }>();
  /** What contacts did while a bot was offline, delivered in order at its next login. */
  private readonly queued = new Map<string, SimUpdate[]>();
  /** Every conversation as the phones keep it. */
  private readonly threads = new SimThreads();
  private readonly historyFeed: SimHistoryFeed;
  /** Everything a bot sent, as each contact received it. */
  readonly inboxOfContacts: SimContactMessage[] = [];
  /** Every reaction a bot set or removed, as the other side of the chat sees it. */
  readonly reactionsOfContacts: SimContactReaction[] = [];
  private readonly silenced = new Set<string>();
  private nextPhone = 100;
  private seq = 0;
  private busiestChat: number | null = null;
  private readonly contacts: ContactDeps;
  private readonly groups: SimGroups;
  /** What a bot's socket does to its groups and their messages, as an admin or not. */
  readonly groupAdmin: SimGroupAdmin;
  /** Which sends the network takes: duplicates, unknown numbers, blocks, rate limits. */
  readonly delivery: SimDelivery;
  /** How long after accepting a message its ack reaches the sender (0: at once). */
  readonly ackDelayMs: number;

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    options: { journal?: string; ackDelayMs?: number } = {},
  ) {
    this.delivery = new SimDelivery(options.journal ?? null);
    this.ackDelayMs = options.ackDelayMs ?? 0;
    this.contacts = {
      threads: this.threads,
      clock,
      // Time plus a counter: unique across app restarts too (the counter alone starts again at 1,
      // and the inbox would take a new message for an old one with the same id).
      nextId: () =>
        `SIM${this.clock.now().toString(16).toUpperCase()}${(++this.seq).toString(16).toUpperCase().padStart(4, '0')}`,
      toBot: (phone, update) => this.toBot(phone, update),
    };
    this.groups = new SimGroups({
      clock,
      nextGroupId: () => String(Math.floor(this.random() * 1e12)).padStart(12, '0'),
      notify: (phone, notice) => this.toBot(phone, notice),
      isBot: (phone) => this.accounts.has(phone),
    });
    this.groupAdmin = new SimGroupAdmin({
      groups: this.groups,
      threads: this.threads,
      clock,
      toBot: (phone, update) => this.toBot(phone, update),
    });
    this.historyFeed = new SimHistoryFeed({
      clock,
      threads: this.threads,
      isDue: (endpoint, session) =>
        this.online.get(session.phone) === endpoint &&
        (this.accounts.get(session.phone)?.historyDue.has(session.deviceId) ?? false),
      done: (session) => this.accounts.get(session.phone)?.historyDue.delete(session.deviceId),
    });
  }

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
      // Its history went to the device in an earlier run; inventing another would duplicate it.
      restored.hasPast = true;
    }
    const account = this.ensureAccount(session.phone);
    if (!account.devices.has(session.deviceId)) return { reason: 'logged-out', code: 401 };
    if (account.banned) return { reason: 'banned', code: 403 };
    const previous = this.online.get(session.phone);
    if (previous && previous !== endpoint) previous.kick('replaced', 440);
    this.online.set(session.phone, endpoint);
    const queued = this.queued.get(session.phone) ?? [];
    this.queued.delete(session.phone);
    for (const update of queued) deliverTo(endpoint, update, true);
    if (account.historyDue.has(session.deviceId)) this.historyFeed.start(endpoint, session);
    return null;
  }

  logoff(endpoint: SimEndpoint, session: SimSession | null): void {
    if (session && this.online.get(session.phone) === endpoint) this.online.delete(session.phone);
    this.linking.delete(endpoint.botId);
    this.historyFeed.stop(endpoint);
  }

  /** The linked device unlinks itself (Wren's relink). */
  removeDevice(session: SimSession): void {
    const account = this.accounts.get(session.phone);
    account?.devices.delete(session.deviceId);
    account?.historyDue.delete(session.deviceId);
  }

  isSilenced(phone: string): boolean {
    return this.silenced.has(phone);
  }

  accountName(phone: string): string | null {
    return this.accounts.get(phone)?.name ?? null;
  }

  /** Files bots sent and photos contacts send. */
  readonly media = new SimMediaServer();

  /**
   * A bot sends a text (or a file) to a contact or group: acked at once, delivered and read a
   * little later. Only the JIDs in `mentions` are mentions: a socket's "@447…" text alone is not.
   */
  send(
    fromPhone: string,
    toJid: string,
    text: string,
    id: string,
    extra: {
      quotedId?: string | null;
      file?: SimFile & { kind: MessageKind };
      mentions?: readonly string[];
      forwarded?: boolean;
    } = {},
  ): number {
    // A group the network forgot (the app restarted) takes anything, as its members are unknown.
    const refused = this.groups.has(toJid) ? this.groups.refusesWriter(toJid, fromPhone) : null;
    if (refused) throw new Error(refused);
    const toPhone = phoneOfJid(toJid);
    // The same id again is the same message: WhatsApp acks it and nobody receives it twice.
    const seen = this.delivery.admit(fromPhone, toJid.endsWith('@s.whatsapp.net') ? toPhone : null, id);
    if (seen === 'duplicate') return this.delivery.acceptedAt(fromPhone, id) ?? this.clock.now();
    const { file } = extra;
    const quotedId = extra.quotedId ?? null;
    const mentions = [...new Set(extra.mentions ?? [])];
    const ts = this.clock.now();
    this.delivery.record({ from: fromPhone, to: toPhone, id }, ts);
    const media = file ? this.media.upload(id, file) : undefined;
    this.inboxOfContacts.push({
      id,
      from: fromPhone,
      to: toPhone,
      text,
      ts,
      quotedId,
      ...(file && media
        ? { media: { kind: file.kind, mime: file.mime, fileName: file.fileName, ref: media.ref } }
        : {}),
      ...(mentions.length > 0 ? { mentions } : {}),
      ...(extra.forwarded ? { forwarded: true } : {}),
    });
    const chatJid = toJid.endsWith('@s.whatsapp.net') ? jidOfPhone(toPhone) : toJid;
    this.threads.add(fromPhone, chatJid, {
      ...blankMessage(id, ts),
      fromMe: true,
      senderPhone: fromPhone,
      senderName: this.accountName(fromPhone),
      kind: file?.kind ?? 'text',
      text: file && text === '' ? null : text,
      quotedId,
      mentions,
      ...(media ? { media } : {}),
    });
    if (this.groups.has(chatJid)) this.echoInGroup(fromPhone, chatJid, id);
    const sender = () => this.online.get(fromPhone);
    if (this.delivery.unreachable.has(toPhone)) return ts;
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

  /**
   * How many messages the busiest chat of a phone's made-up past holds (the others keep a
   * handful), for phones linked from now on; 0 leaves the past empty. Tests and benches use it.
   */
  setHistorySize(messages: number | null): void {
    if (messages !== null && (!Number.isInteger(messages) || messages < 0)) {
      throw new Error('The history size is a whole number of messages, 0 or more.');
    }
    this.busiestChat = messages;
  }

  /** The phone scans a linking bot's QR (or enters its pairing code). Returns the linked number. */
  scan(botId: string, phone?: string): string {
    const pending = this.linking.get(botId);
    if (!pending) throw new Error('This bot is not waiting for a scan.');
    const number = phone ?? pending.pairingPhone ?? this.newDemoNumber();
    const account = this.ensureAccount(number);
    const deviceId = account.nextDevice++;
    account.devices.add(deviceId);
    if (!account.hasPast) {
      givePast(
        { clock: this.clock, random: this.random, threads: this.threads, groups: this.groups },
        account,
        this.busiestChat,
      );
      account.hasPast = true;
    }
    account.historyDue.add(deviceId);
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

  /**
   * A contact writes to a bot's number: a text, or a photo (`kind: 'image'`, `text` its caption),
   * optionally replying to a message of the chat or forwarded. Queued if the bot is offline.
   */
  receive(args: SimReceiveArgs): IncomingMessage {
    if (args.chatJid?.endsWith('@g.us')) {
      const refused = this.groups.refusesWriter(args.chatJid, args.from);
      if (refused) throw new Error(refused);
      if (!this.groups.isMember(args.chatJid, args.to)) throw new Error(`${args.to} is not in that group.`);
    }
    const message = contactWrites(this.contacts, args);
    if (args.chatJid?.endsWith('@g.us')) this.echoInGroup(args.to, message.chatJid, message.id);
    return message;
  }

  // ---- groups (see group-chats.ts) ----

  /** A group made by `creator` (a contact's number or a bot's), with its first members. */
  createGroup(args: Parameters<SimGroups['create']>[0]): GroupInfo {
    return this.groups.create(args);
  }

  joinGroup(args: { group: string; phone: string; byPhone?: string }): void {
    this.groups.join(args);
  }

  leaveGroup(args: { group: string; phone: string; byPhone?: string }): void {
    this.groups.leave(args);
  }

  setGroupRole(args: { group: string; phone: string; role: Exclude<GroupRole, 'superadmin'>; byPhone: string }): void {
    this.groups.setRole(args);
  }

  renameGroup(args: { group: string; subject: string; byPhone: string }): void {
    this.groups.rename(args);
  }

  groupInfo(jid: string): GroupInfo {
    return this.groups.info(jid);
  }

  /** What a bot's socket may read: only groups its number is in. */
  groupInfoFor(botPhone: string, jid: string): GroupInfo {
    if (!this.groups.isMember(jid, botPhone)) throw new Error('This bot is not in that group.');
    return this.groups.info(jid);
  }

  groupsOf(phone: string): GroupInfo[] {
    return this.groups.groupsOf(phone);
  }

  /** A contact replies to the bot, quoting its latest message to them unless `quotedId` says which. */
  reply(args: SimContactArgs & { text: string; quotedId?: string }): IncomingMessage {
    const quotedId = args.quotedId ?? this.threads.latest(args.to, jidOfPhone(args.from), (m) => m.fromMe)?.id;
    if (quotedId === undefined) throw new Error(`The bot has written nothing to ${args.from} to reply to.`);
    return this.receive({ ...args, quotedId });
  }

  /** A contact forwards a text from another chat. */
  forward(args: SimContactArgs & { text: string }): IncomingMessage {
    return this.receive({ ...args, forwarded: true });
  }

  /** A contact sends a photo (no bytes: the simulated network carries what it is, not the image). */
  sendPhoto(args: SimContactArgs & { caption?: string | null }): IncomingMessage {
    return this.receive({ ...args, kind: 'image', text: args.caption ?? null });
  }

  /** A contact edits one of their messages (their latest unless `id` says which), within 15 minutes. */
  edit(args: { from: string; to: string; text: string; id?: string }): MessageEditEvent {
    return contactEdits(this.contacts, args);
  }

  /** A bot reacts to a message in one of its chats: the other side sees it (nothing is sent back). */
  botReacts(fromPhone: string, chatJid: string, id: string, emoji: string | null): void {
    this.reactionsOfContacts.push({ from: fromPhone, chatJid, id, emoji, ts: this.clock.now() });
  }

  /** A contact deletes one of their messages for everyone (their latest unless `id` says which). */
  deleteForEveryone(args: { from: string; to: string; id?: string }): MessageDeleteEvent {
    return contactDeletes(this.contacts, args);
  }

  /**
   * A contact reacts to a message (the bot's latest to them unless `id` says which); `emoji: null`
   * removes their reaction.
   */
  react(args: { from: string; to: string; emoji: string | null; id?: string }): ReactionEvent {
    return contactReacts(this.contacts, args);
  }

  /** A chat between a bot's number and a contact, oldest first, as the phone keeps it. */
  conversation(botPhone: string, contactPhone: string): readonly SimThreadMessage[] {
    return this.threads.messages(botPhone, jidOfPhone(contactPhone));
  }

  /** False while the PC is "offline": sockets cannot reach WhatsApp at all. */
  reachable = true;

  /** Takes this PC off the internet (every open socket drops) or puts it back. */
  setReachable(reachable: boolean): void {
    this.reachable = reachable;
    if (!reachable) for (const endpoint of [...this.online.values()]) endpoint.kick('offline', 0);
  }

  /** Drops the socket as a network failure would (no reason sent by WhatsApp). */
  dropConnection(phone: string): void {
    this.online.get(phone)?.kick('connection-lost', 428);
  }

  /** The phone removes the linked device (Settings › Linked devices › Log out). */
  logOutFromPhone(phone: string): void {
    const account = this.accounts.get(phone);
    account?.devices.clear();
    account?.historyDue.clear();
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

  /** Every other bot in the group hears what `writerPhone`'s side of it just stored. */
  private echoInGroup(writerPhone: string, groupJid: string, id: string): void {
    const written = this.threads.find(writerPhone, groupJid, id);
    const others = this.groups.botsIn(groupJid).filter((phone) => phone !== writerPhone);
    if (written) othersInGroupHear(this.contacts, groupJid, written, others);
  }

  private toBot(phone: string, update: SimUpdate): void {
    const endpoint = this.online.get(phone);
    if (endpoint) {
      deliverTo(endpoint, update, false);
      return;
    }
    const queue = this.queued.get(phone);
    if (queue) queue.push(update);
    else this.queued.set(phone, [update]);
  }

  private ensureAccount(phone: string): Account {
    let account = this.accounts.get(phone);
    if (!account) {
      account = {
        phone,
        name: 'Wren demo',
        banned: false,
        devices: new Set(),
        nextDevice: 1,
        hasPast: false,
        historyDue: new Set(),
      };
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
