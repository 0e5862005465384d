import type { AttachmentKind } from '../../../src-shared/attachments';
import type { MessageKind, MessageStatus } from '../../../src-shared/inbox';

export type { MessageKind, MessageStatus };

/**
 * The one seam to WhatsApp. Nothing outside `engine/wa` knows how WhatsApp is reached; the engine
 * drives a Transport and reacts to the normalized events it emits. One Transport instance belongs
 * to one bot; each `connect()` is one socket lifetime that ends with exactly one `close` event.
 */

/** Why a socket closed, normalized from WhatsApp's stream errors and disconnect codes. */
export type CloseReason =
  /** 515 after pairing or a server request: reconnect at once. */
  | 'restart-required'
  /** 401: the phone removed this linked device, or the session is gone. */
  | 'logged-out'
  /** 440: another client took over this session. */
  | 'replaced'
  /** 403 / 402 / 406: the number is banned, restricted or otherwise refused. */
  | 'banned'
  /** 408 while linking: every QR expired without a scan. */
  | 'qr-expired'
  /** 500: the stored session cannot be used; relinking is needed. */
  | 'bad-session'
  /** The engine's liveness watchdog saw nothing for too long. */
  | 'timed-out'
  /**
   * The server failed authentication (its certificate chain, or the account signature of a
   * pairing): nothing was linked or logged in. Something on the network is in the way.
   */
  | 'server-unverified'
  /** No route to WhatsApp at all (no DNS, no network): the PC is offline. Retry gently. */
  | 'offline'
  /** Socket dropped, network gone, server closed: reconnect with backoff. */
  | 'connection-lost'
  /** The engine asked the transport to close (stop, relink, delete, shutdown). */
  | 'closed-by-app';

export type AccountInfo = {
  /** E.164, e.g. +447700900123 */
  phone: string;
  jid: string;
  lid: string | null;
  pushName: string | null;
};

export type ConnectionEvent =
  | { state: 'connecting' }
  | { state: 'qr'; qr: string }
  | { state: 'pairing-code'; code: string; phone: string }
  | { state: 'open'; account: AccountInfo }
  | { state: 'close'; reason: CloseReason; code: number | null; detail: string | null };

/** The file a message carries. The bytes stay on WhatsApp until `downloadMedia(ref)` fetches them. */
export type IncomingMedia = {
  mime: string;
  fileName: string | null;
  size: number | null;
  width: number | null;
  height: number | null;
  /** Length of a video or voice note. */
  seconds: number | null;
  /** What `downloadMedia` needs, opaque to the engine (for Baileys: the media keys and path). */
  ref: string;
  /** A tiny JPEG WhatsApp sends inline, shown until the file itself is downloaded. */
  preview?: Uint8Array;
};

/** A file the bot sends (a sticker is a 512×512 WebP). */
export type OutgoingMedia = {
  kind: AttachmentKind | 'sticker';
  bytes: Uint8Array;
  mime: string;
  fileName: string;
  caption: string | null;
};

export type IncomingMessage = {
  id: string;
  /** Chat JID: a user (…@s.whatsapp.net / …@lid) or a group (…@g.us). */
  chatJid: string;
  /** The other address of the same person when WhatsApp gave both (a LID for a phone JID, or back). */
  chatAltJid?: string | null;
  senderJid: string;
  senderName: string | null;
  fromMe: boolean;
  ts: number;
  /** The text, or a media caption. */
  text: string | null;
  /** Absent means text. */
  kind?: MessageKind;
  /** The message this one replies to. */
  quoted?: { id: string; text: string | null; senderJid: string | null } | null;
  forwarded?: boolean;
  /** Who the message mentions (@someone), as JIDs (WhatsApp's `mentionedJid`). */
  mentions?: string[];
  /** Photos, videos, voice notes, documents and stickers. */
  media?: IncomingMedia | null;
  /** Delivered while the socket was offline or as history: never triggers a reply. */
  offline: boolean;
};

export type MessageStatusEvent = { id: string; chatJid: string; status: MessageStatus };

/** The sender changed a message's text. */
export type MessageEditEvent = { id: string; chatJid: string; text: string; ts: number };

/** The sender deleted a message for everyone. */
export type MessageDeleteEvent = { id: string; chatJid: string; fromMe: boolean; ts: number };

/** A reaction set (or removed, `emoji: null`) on a message. */
export type ReactionEvent = {
  id: string;
  chatJid: string;
  /** Whether the reacted-to message is the bot's own. */
  targetFromMe: boolean;
  senderJid: string;
  emoji: string | null;
  ts: number;
};

export type GroupRole = 'member' | 'admin' | 'superadmin';

/** A member of a group: a phone JID when WhatsApp tells it, else a LID. */
export type GroupMember = { jid: string; role: GroupRole };

/** What a group is and who is in it (Baileys' GroupMetadata, normalized). */
export type GroupInfo = {
  jid: string;
  subject: string;
  description: string | null;
  /** Who created it, when known. */
  ownerJid: string | null;
  /** Only admins may send messages. */
  announce: boolean;
  members: GroupMember[];
};

/** People joined, left (or were removed), or became or stopped being admins. */
export type GroupParticipantsEvent = {
  jid: string;
  action: 'add' | 'remove' | 'promote' | 'demote';
  members: string[];
  /** Who did it (an admin adding or removing someone), when it was not the members themselves. */
  byJid: string | null;
  ts: number;
};

/** Messages from before the link (or from while the app was off), in batches. */
export type HistoryEvent = { messages: IncomingMessage[]; progress: number | null };

export type TransportEvents = {
  connection: ConnectionEvent;
  message: IncomingMessage;
  'message-status': MessageStatusEvent;
  'message-edit': MessageEditEvent;
  'message-delete': MessageDeleteEvent;
  reaction: ReactionEvent;
  history: HistoryEvent;
  /** The bot joined a group, or a group's subject, description or settings changed. */
  group: GroupInfo;
  'group-participants': GroupParticipantsEvent;
  /** A non-fatal problem worth showing in the bot's event log. */
  warning: { message: string };
};

export type TransportEventName = keyof TransportEvents;

export type SentMessage = { id: string; ts: number };

export type SendOptions = {
  /** Our own id for the message (the outbox chooses it before sending, so a retry is the same message). */
  id?: string;
  /** The message this one replies to. */
  quoted?: { id: string; fromMe: boolean; senderJid: string; text: string | null };
  /** JIDs the message mentions (tag-all shows them as @names; a hidden tag pings without showing). */
  mentions?: string[];
  /** A copy of another message: the recipient sees it marked "Forwarded". */
  forwarded?: boolean;
};

/** The message a reaction is on: the bot's own, or someone's (in a group, who sent it). */
export type ReactionTarget = { id: string; fromMe: boolean; senderJid: string };

export type GroupMemberAction = 'add' | 'remove' | 'promote' | 'demote';

/**
 * How a failed send should be treated: tried again later (`transient`), never again for this
 * recipient (`permanent`: not on WhatsApp, blocked, refused), or as WhatsApp telling the number to
 * slow down (`rate-limit`: 429, 463, 475), which campaigns answer by slowing down and pausing.
 */
export type SendFailureKind = 'transient' | 'permanent' | 'rate-limit';

/** WhatsApp's error codes on a send, as far as they are known (see WA-PROTOCOL.md). */
export const sendFailureKindOf = (code: number | null): SendFailureKind => {
  if (code === null) return 'transient';
  if (code === 429 || code === 463 || code === 475) return 'rate-limit';
  if ([400, 401, 403, 404, 406, 421, 479].includes(code)) return 'permanent';
  return 'transient';
};

/** A send WhatsApp refused, with its code when it gave one. */
export class SendError extends Error {
  readonly kind: SendFailureKind;
  constructor(
    message: string,
    readonly code: number | null,
    kind?: SendFailureKind,
  ) {
    super(message);
    this.name = 'SendError';
    this.kind = kind ?? sendFailureKindOf(code);
  }
}

export type Transport = {
  /**
   * Opens one socket. With a stored session it logs in; without one it starts linking and emits
   * `qr` events (or a `pairing-code` when `pairingPhone` is given).
   */
  connect(options?: { pairingPhone?: string }): Promise<void>;
  /** Ends the current socket without logging out; emits `close` with `closed-by-app`. */
  close(): Promise<void>;
  /** Unlinks this device from the account (best effort) and ends the socket. */
  logout(): Promise<void>;
  /** Epoch ms of the last frame received on the current socket; drives the liveness watchdog. */
  lastActivityAt(): number;
  sendText(jid: string, text: string, options?: SendOptions): Promise<SentMessage>;
  /** Uploads a file and sends it, with its caption. */
  sendMedia(jid: string, media: OutgoingMedia, options?: SendOptions): Promise<SentMessage>;
  /** The bytes of a received file; throws with a plain reason when WhatsApp no longer has them. */
  downloadMedia(ref: string): Promise<Uint8Array>;
  /** A group's subject, settings and members, asked of WhatsApp now. */
  groupMetadata(jid: string): Promise<GroupInfo>;
  /**
   * Adds, removes, promotes or demotes members. WhatsApp lets only admins do it and never touches
   * the group's creator; a refusal throws with the reason in plain words.
   */
  updateGroupMembers(jid: string, members: string[], action: GroupMemberAction): Promise<void>;
  /** Only admins may send (`true`, "muted"), or everyone may. The bot must be an admin. */
  setGroupAnnounce(jid: string, announce: boolean): Promise<void>;
  /** The bot reacts to a message with one emoji, or takes its reaction away (`null`). */
  sendReaction(chatJid: string, target: ReactionTarget, emoji: string | null): Promise<void>;
  /** Deletes a message for everyone: the bot's own, or anyone's in a group where the bot is admin. */
  deleteForEveryone(chatJid: string, message: { id: string; fromMe: boolean; senderJid: string }): Promise<void>;
  /** Shows "typing…" (`composing`) to a chat, or stops it (`paused`). */
  sendPresence(jid: string, state: 'composing' | 'paused'): Promise<void>;
  /** Whether a phone number (as a JID) has a WhatsApp account. */
  isOnWhatsApp(jid: string): Promise<boolean>;
  /** Tells the sender these messages were read (blue ticks), where the user allows it. */
  markRead(chatJid: string, messages: { id: string; senderJid: string }[]): Promise<void>;
  on<E extends TransportEventName>(event: E, listener: (payload: TransportEvents[E]) => void): () => void;
};

/** Session storage a transport reads and writes; backed by the `wa_auth` table for one bot. */
export type AuthStore = {
  readCreds<T>(): T | null;
  writeCreds(value: unknown): void;
  clear(): void;
  hasSession(): boolean;
};

export type TransportFactory = (bot: { id: string; kind: 'whatsapp' | 'demo' }) => Transport;
