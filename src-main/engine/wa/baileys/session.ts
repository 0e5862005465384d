import {
  jidNormalizedUser,
  WAMessageStatus,
  type AnyMessageContent,
  type BaileysEventEmitter,
  type GroupMetadata,
  type MiscMessageGenerationOptions,
  type WAMessage,
  type WAMessageKey,
} from '@whiskeysockets/baileys';
import type { AccountInfo, MessageStatus } from '../transport';
import type { CapturedStorages } from './async-storage';
import type { AdminSocket } from './group-admin';
import type { Me } from './incoming';
import type { ServerGuard } from './server-auth';

/** The part of a Baileys socket the transport uses; tests hand in a fake with the same shape. */
export type SocketLike = {
  ev: BaileysEventEmitter;
  /** Emits 'frame' for every decoded frame received (Socket/socket.js onMessageReceived). */
  ws?: { on(event: 'frame', listener: () => void): unknown; off(event: 'frame', listener: () => void): unknown };
  /** Baileys' LID ↔ phone mapping, asked when a retry receipt names a customer by LID. */
  signalRepository?: { lidMapping: { getPNForLID(lid: string): Promise<string | null> } };
  /** Baileys' retry bookkeeping; its recent-message cache is emptied (socket-config.ts). */
  messageRetryManager?: { addRecentMessage(to: string, id: string, message: unknown): void } | null;
  end(error: Error | undefined): Promise<void>;
  logout(msg?: string): Promise<void>;
  requestPairingCode(phoneNumber: string): Promise<string>;
  sendMessage(
    jid: string,
    content: AnyMessageContent,
    options?: MiscMessageGenerationOptions,
  ): Promise<WAMessage | undefined>;
  readMessages(keys: WAMessageKey[]): Promise<void>;
  sendPresenceUpdate(
    type: 'composing' | 'paused' | 'available' | 'unavailable' | 'recording',
    toJid?: string,
  ): Promise<void>;
  onWhatsApp(...jids: string[]): Promise<{ jid: string; exists: boolean }[] | undefined>;
  groupMetadata(jid: string): Promise<GroupMetadata>;
  groupParticipantsUpdate: AdminSocket['groupParticipantsUpdate'];
  groupSettingUpdate: AdminSocket['groupSettingUpdate'];
};

/** One socket's lifetime, from connect() to its one close event. */
export type Session = {
  sock: SocketLike;
  saveCreds: () => void;
  creds: { me?: { id?: string | null; lid?: string | null; name?: string | null } | null };
  detach: () => void;
  open: boolean;
  connecting: boolean;
  pairing: { phone: string; requested: boolean } | null;
  sentIds: Set<string>;
  /** The AsyncLocalStorage Baileys made for this socket; released when its lifetime ends (async-storage.ts). */
  storages: CapturedStorages;
  /** Checks the server's certificate chain (server-auth.ts); null for a test's fake socket. */
  guard: ServerGuard | null;
};

export const STATUS: Partial<Record<number, MessageStatus>> = {
  [WAMessageStatus.ERROR]: 'failed',
  [WAMessageStatus.PENDING]: 'pending',
  [WAMessageStatus.SERVER_ACK]: 'sent',
  [WAMessageStatus.DELIVERY_ACK]: 'delivered',
  [WAMessageStatus.READ]: 'read',
  [WAMessageStatus.PLAYED]: 'played',
};

/** Bounds the ids remembered to recognise our own sends when Baileys echoes them back. */
const MAX_SENT_IDS = 1_000;

export const rememberSent = (current: Session, id: string): void => {
  current.sentIds.add(id);
  if (current.sentIds.size > MAX_SENT_IDS) {
    const oldest = current.sentIds.values().next();
    if (!oldest.done) current.sentIds.delete(oldest.value);
  }
};

/** The linked account as the transport reports it: E.164 phone, JIDs, the push name if set. */
export const accountOf = (current: Session): AccountInfo | null => {
  const me = current.creds.me;
  const jid = me?.id;
  if (!jid) return null;
  const user = jid.split('@')[0]?.split(':')[0] ?? '';
  const name = me.name && me.name !== '~' ? me.name : null;
  return { phone: `+${user}`, jid, lid: me.lid ?? null, pushName: name };
};

/** The bot's own bare JIDs, for telling its messages from others'. */
export const meOf = (current: Session): Me => {
  const me = current.creds.me;
  return {
    jid: me?.id ? jidNormalizedUser(me.id) : null,
    lid: me?.lid ? jidNormalizedUser(me.lid) : null,
  };
};
