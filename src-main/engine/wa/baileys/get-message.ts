import { isJidGroup, isLidUser, jidNormalizedUser, type proto, type WAMessageKey } from '@whiskeysockets/baileys';

/**
 * Baileys' `getMessage`, answered from the engine's message store instead of Baileys' own
 * recent-message cache (which keeps every message 5 minutes with a timer each).
 *
 * Baileys calls it when a recipient's device could not decrypt one of our messages and sends a
 * retry receipt (Socket/messages-recv.js sendMessagesAgain): the message is encrypted again, on a
 * fresh session, and resent under the same id, which is what ends WhatsApp's "Waiting for this
 * message". It also asks for a poll's or an event's creation message to read votes on it
 * (Utils/process-message.js). On `undefined` Baileys sends nothing; anything else is sent as it is,
 * so an empty message must never be returned: the customer would see a blank bubble.
 */

/** Which message WhatsApp asks about: its chat as the engine keys it (bare: no device part), direction and id. */
export type WaMessageKey = { chatJid: string; fromMe: boolean; id: string };

/** What the store knows of a message (inbox/wa-message-lookup.ts answers with it). */
export type StoredMessage = {
  kind: string;
  text: string | null;
  /** The message carries a file (photo, voice note…). */
  hasFile: boolean;
  /** Deleted for everyone: it must never be sent again. */
  deleted: boolean;
  forwarded: boolean;
  mentions: string[];
  quoted: { id: string; fromMe: boolean; senderJid: string | null; text: string | null } | null;
};

/** The store, asked by the chat's JID as the engine keys it. */
export type FindMessage = (key: WaMessageKey) => StoredMessage | null;

export type GetMessageDeps = {
  find: FindMessage;
  /** The bot's own phone JID (bare), for quotes of its own messages; null before linking. */
  me: () => string | null;
  /** Baileys' LID → phone mapping (its signal repository); resolves to null when unknown. */
  phoneForLid?: (lid: string) => Promise<string | null>;
};

/**
 * The message again, as Baileys sent it in substance: a text as `conversation`, or as
 * `extendedTextMessage` when it quotes, mentions or was forwarded (those live in its contextInfo).
 * Files cannot be rebuilt: the store keeps the bytes but not the upload (url, media key, hashes)
 * the recipient needs to fetch them, so a photo is never resent as something else.
 */
export const rebuildMessage = (stored: StoredMessage, chatJid: string, meJid: string | null) => {
  if (stored.deleted || stored.hasFile || stored.kind !== 'text' || !stored.text) return undefined;
  const contextInfo: proto.IContextInfo = {};
  const { quoted } = stored;
  if (quoted) {
    // As Baileys' generateWAMessage names the quoted message's author.
    const participant = quoted.fromMe ? meJid : (quoted.senderJid ?? chatJid);
    contextInfo.stanzaId = quoted.id;
    if (participant) contextInfo.participant = jidNormalizedUser(participant);
    contextInfo.quotedMessage = { conversation: quoted.text ?? '' };
  }
  if (stored.mentions.length > 0) contextInfo.mentionedJid = stored.mentions;
  if (stored.forwarded) {
    contextInfo.isForwarded = true;
    contextInfo.forwardingScore = 1;
  }
  const message: proto.IMessage =
    Object.keys(contextInfo).length === 0
      ? { conversation: stored.text }
      : { extendedTextMessage: { text: stored.text, contextInfo } };
  return message;
};

/** Baileys' `getMessage(key)` on the store: the message, or undefined when it is not ours to resend. */
export const storeGetMessage =
  (deps: GetMessageDeps) =>
  async (key: WAMessageKey): Promise<proto.IMessage | undefined> => {
    if (!key.id || !key.remoteJid) return undefined;
    const fromMe = key.fromMe ?? false;
    const tried = new Set<string>();
    const lookUp = (jid: string | null | undefined) => {
      if (!jid) return null;
      const chatJid = jidNormalizedUser(jid);
      if (!chatJid || tried.has(chatJid)) return null;
      tried.add(chatJid);
      const stored = deps.find({ chatJid, fromMe, id: key.id ?? '' });
      return stored ? { stored, chatJid } : null;
    };
    let found = lookUp(key.remoteJid) ?? lookUp(key.remoteJidAlt);
    // A retry receipt names the customer by LID when WhatsApp addressed them so, while the chat
    // may be keyed by a phone number the store never saw paired with that LID.
    if (!found && !isJidGroup(key.remoteJid) && isLidUser(jidNormalizedUser(key.remoteJid)) && deps.phoneForLid) {
      found = lookUp(await deps.phoneForLid(jidNormalizedUser(key.remoteJid)).catch(() => null));
    }
    if (!found) return undefined;
    return rebuildMessage(found.stored, found.chatJid, deps.me());
  };
