import {
  areJidsSameUser,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  jidNormalizedUser,
  normalizeMessageContent,
  proto,
  toNumber,
  type WAMessage,
  type WAMessageKey,
} from '@whiskeysockets/baileys';
import type { IncomingMessage, MessageKind, TransportEvents } from '../transport';
import { mediaOf } from './media';

/**
 * Turns what Baileys upserts into the transport's events. One upserted message is a chat message,
 * or an edit, a deletion or a reaction carried as a message of its own: Baileys upserts those
 * raw (then re-emits them as messages.update / messages.reaction, which the transport ignores,
 * so each reaches the engine once).
 */

/** The bot's own addresses, without device: to tell its messages and reactions apart. */
export type Me = { jid: string | null; lid: string | null };

export type MappedEvent = 'message' | 'message-edit' | 'message-delete' | 'reaction';
export type Mapped<E extends MappedEvent> = { event: E; payload: TransportEvents[E] };
export type MappedMessage = { [E in MappedEvent]: Mapped<E> }[MappedEvent];

const ProtocolType = proto.Message.ProtocolMessage.Type;

/** Fields that ride along with content without being it (getContentType skips only the first). */
const CARRIERS = new Set([
  'senderKeyDistributionMessage',
  'fastRatchetKeySenderKeyDistributionMessage',
  'messageContextInfo',
]);

/** Content that acts on other messages or on the chat: never a message in the thread itself. */
const NOT_IN_THREAD = new Set([
  'protocolMessage',
  'reactionMessage',
  'encReactionMessage',
  'pollUpdateMessage',
  'encEventResponseMessage',
  'keepInChatMessage',
  'pinInChatMessage',
  'stickerSyncRmrMessage',
]);

const KINDS: Partial<Record<string, MessageKind>> = {
  conversation: 'text',
  extendedTextMessage: 'text',
  imageMessage: 'image',
  videoMessage: 'video',
  ptvMessage: 'video',
  audioMessage: 'audio',
  documentMessage: 'document',
  stickerMessage: 'sticker',
  lottieStickerMessage: 'sticker',
  locationMessage: 'location',
  liveLocationMessage: 'location',
  contactMessage: 'contact',
  contactsArrayMessage: 'contact',
};

/**
 * Baileys 7 addresses many chats by LID (`…@lid`) and gives the phone-number JID as the `…Alt`;
 * the phone form keeps one chat per contact whichever way a message was addressed.
 */
export const preferPhoneJid = (jid: string, alt: string | null | undefined): string =>
  jid.endsWith('@lid') && alt?.endsWith('@s.whatsapp.net') ? jidNormalizedUser(alt) : jid;

/** The content's type as Baileys' getContentType names it, past fields that only ride along. */
export const contentTypeOf = (content: proto.IMessage): string | undefined =>
  Object.keys(content).find(
    (k) =>
      (k === 'conversation' || k.includes('Message')) &&
      !CARRIERS.has(k) &&
      (content as Record<string, unknown>)[k] != null,
  );

export const kindOf = (type: string): MessageKind =>
  KINDS[type] ?? (type.startsWith('pollCreationMessage') ? 'poll' : 'other');

const nonEmpty = (text: string | null | undefined): string | null => (text ? text : null);

/** What a thread shows as the message's text: the text, a caption, a poll's question, a contact's name. */
export const textOf = (content: proto.IMessage | null | undefined): string | null => {
  const c = normalizeMessageContent(content);
  if (!c) return null;
  const type = contentTypeOf(c);
  if (!type) return null;
  if (type.startsWith('pollCreationMessage')) {
    return nonEmpty((c[type as keyof proto.IMessage] as proto.Message.IPollCreationMessage | null)?.name);
  }
  switch (type) {
    case 'conversation':
      return nonEmpty(c.conversation);
    case 'extendedTextMessage':
      return nonEmpty(c.extendedTextMessage?.text);
    case 'imageMessage':
      return nonEmpty(c.imageMessage?.caption);
    case 'videoMessage':
      return nonEmpty(c.videoMessage?.caption);
    case 'ptvMessage':
      return nonEmpty(c.ptvMessage?.caption);
    case 'documentMessage':
      return nonEmpty(c.documentMessage?.caption);
    case 'locationMessage':
      return nonEmpty(c.locationMessage?.name ?? c.locationMessage?.address);
    case 'liveLocationMessage':
      return nonEmpty(c.liveLocationMessage?.caption);
    case 'contactMessage':
      return nonEmpty(c.contactMessage?.displayName);
    case 'contactsArrayMessage':
      return nonEmpty(c.contactsArrayMessage?.displayName);
    // A tapped button or list row is what the customer "said": commands may match it.
    case 'buttonsResponseMessage':
      return nonEmpty(c.buttonsResponseMessage?.selectedDisplayText);
    case 'templateButtonReplyMessage':
      return nonEmpty(c.templateButtonReplyMessage?.selectedDisplayText);
    case 'listResponseMessage':
      return nonEmpty(c.listResponseMessage?.title);
    default:
      return null;
  }
};

const contextOf = (content: proto.IMessage, type: string): proto.IContextInfo | null => {
  const inner = (content as Record<string, unknown>)[type];
  if (typeof inner !== 'object' || inner === null || !('contextInfo' in inner)) return null;
  return (inner as { contextInfo?: proto.IContextInfo | null }).contextInfo ?? null;
};

const isMe = (jid: string | null | undefined, me: Me): boolean =>
  !!jid && (areJidsSameUser(jid, me.jid ?? undefined) || areJidsSameUser(jid, me.lid ?? undefined));

/**
 * The phone JID behind a LID when this message tells it (the chat's, the group sender's or the
 * bot's own pair), so a quote names the same person the chat does.
 */
const phoneFor = (jid: string, key: WAMessageKey, me: Me): string => {
  const normalized = jidNormalizedUser(jid);
  if (!normalized.endsWith('@lid')) return normalized;
  const pairs: [string | null | undefined, string | null | undefined][] = [
    [key.remoteJid, key.remoteJidAlt],
    [key.participant, key.participantAlt],
    [me.lid, me.jid],
  ];
  for (const [a, b] of pairs) {
    if (!a || !b) continue;
    if (areJidsSameUser(normalized, a) && b.endsWith('@s.whatsapp.net')) return jidNormalizedUser(b);
    if (areJidsSameUser(normalized, b) && a.endsWith('@s.whatsapp.net')) return jidNormalizedUser(a);
  }
  return normalized;
};

/**
 * Epoch ms of a message. WhatsApp stamps whole seconds, while the bot's own messages carry the
 * local time in ms: a reply that comes within the second of the bot's message would sort before
 * it. A live message was sent no later than now, so within its second it takes the receive time.
 */
const msOf = (seconds: WAMessage['messageTimestamp'], now: number, live: boolean): number => {
  const value = toNumber(seconds);
  if (value <= 0) return now;
  const start = value * 1000;
  return live ? Math.min(Math.max(now, start), start + 999) : start;
};

/**
 * One upserted message as the engine sees it, or null for what is not the bot's business
 * (statuses, channels, history-sync and key-share notices, content-less stubs).
 */
export const mapMessage = (msg: WAMessage, offline: boolean, me: Me, now: number): MappedMessage | null => {
  const { key } = msg;
  const remoteJid = key.remoteJid;
  if (!remoteJid || !key.id) return null;
  // Status updates and channels are not conversations with the bot.
  if (isJidBroadcast(remoteJid) || isJidNewsletter(remoteJid)) return null;
  // No content: a message Baileys could not decrypt yet (it asks for a retry, which comes back
  // under the same id and must not be shadowed by a placeholder), or a group notice.
  const content = normalizeMessageContent(msg.message);
  if (!content) return null;
  const group = isJidGroup(remoteJid);
  const chatJid = preferPhoneJid(remoteJid, key.remoteJidAlt);
  const fromMe = key.fromMe === true;
  const senderJid = fromMe
    ? (me.jid ?? chatJid)
    : group
      ? preferPhoneJid(key.participant ?? remoteJid, key.participantAlt)
      : chatJid;
  const ts = msOf(msg.messageTimestamp, now, !offline);

  const protocol = content.protocolMessage;
  if (protocol) {
    const target = protocol.key;
    if (!target?.id) return null;
    if (protocol.type === ProtocolType.REVOKE) {
      return {
        event: 'message-delete',
        payload: { id: target.id, chatJid, fromMe: revokedIsMine(target, key, me), ts },
      };
    }
    if (protocol.type === ProtocolType.MESSAGE_EDIT) {
      const text = textOf(protocol.editedMessage);
      if (text === null) return null;
      const editedAt = protocol.timestampMs ? toNumber(protocol.timestampMs) : ts;
      return { event: 'message-edit', payload: { id: target.id, chatJid, text, ts: editedAt } };
    }
    return null;
  }

  const reaction = content.reactionMessage;
  if (reaction) {
    const target = reaction.key;
    if (!target?.id) return null;
    return {
      event: 'reaction',
      payload: {
        id: target.id,
        chatJid,
        // Baileys' cleanMessage already turned the reactor's key to the bot's point of view
        // (messages-recv, before the upsert): applying that flip again would undo it.
        targetFromMe: target.fromMe === true,
        senderJid,
        emoji: nonEmpty(reaction.text),
        ts: reaction.senderTimestampMs ? toNumber(reaction.senderTimestampMs) : ts,
      },
    };
  }

  const type = contentTypeOf(content);
  if (!type || NOT_IN_THREAD.has(type)) return null;
  const context = contextOf(content, type);
  const quoted = context?.stanzaId
    ? {
        id: context.stanzaId,
        text: textOf(context.quotedMessage),
        senderJid: context.participant ? phoneFor(context.participant, key, me) : null,
      }
    : null;
  const alt = group ? null : [remoteJid, key.remoteJidAlt].find((j) => j && jidNormalizedUser(j) !== chatJid);
  const media = mediaOf(content, type);
  return {
    event: 'message',
    payload: {
      id: key.id,
      chatJid,
      chatAltJid: alt ? jidNormalizedUser(alt) : null,
      senderJid,
      senderName: fromMe ? null : (msg.pushName ?? null),
      fromMe,
      ts,
      text: textOf(content),
      kind: kindOf(type),
      quoted,
      forwarded: context?.isForwarded === true,
      ...(context?.mentionedJid?.length ? { mentions: context.mentionedJid.map((jid) => phoneFor(jid, key, me)) } : {}),
      ...(media ? { media } : {}),
      offline,
    },
  };
};

/**
 * Whether a revoked message is the bot's own. The key inside a REVOKE is the deleter's: from the
 * bot's own devices it already speaks for the bot; from anyone else, "fromMe" means the deleter's
 * own message, and otherwise (a group admin) the author is the key's participant.
 */
const revokedIsMine = (target: proto.IMessageKey, key: WAMessageKey, me: Me): boolean => {
  if (key.fromMe) return target.fromMe === true;
  if (target.fromMe) return false;
  return isMe(target.participant || target.remoteJid, me);
};

/** A history batch: only what belongs in a thread (edits and deletions arrive already applied). */
export const mapHistory = (messages: WAMessage[], me: Me, now: number): IncomingMessage[] =>
  messages.flatMap((msg) => {
    const mapped = mapMessage(msg, true, me, now);
    return mapped?.event === 'message' ? [mapped.payload] : [];
  });
