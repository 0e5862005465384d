import type Database from 'better-sqlite3';
import type { StoredMessage, WaMessageKey } from '../wa/baileys/get-message';
import { bareJid, isLidJid, isPhoneJid } from './jid';

/**
 * The row read for one message, turned into the transport's StoredMessage: what it needs to build
 * the message again when a recipient could not decrypt it (a retry receipt) and it is resent
 * under the same id.
 */
type Row = {
  kind: string;
  text: string | null;
  has_file: number;
  deleted_at: number | null;
  forwarded: number;
  mentions: string | null;
  quoted_wa_id: string | null;
  quoted_text: string | null;
  quoted_sender: string | null;
  quoted_from_me: number | null;
};

/**
 * Finds a bot's message by the key WhatsApp gives it. The store keys a person's chat by the bare
 * phone JID once known (inbox/identities.ts), while WhatsApp may name the same person by a
 * device JID (`447…:3@s.whatsapp.net`) or by LID: both are followed to the one chat. Read-only;
 * runs on the engine's connection, so it sees changes of a write batch not yet committed.
 */
export const createWaMessageLookup = (sqlite: Database.Database) => {
  const chatByJid = sqlite.prepare<[string, string], { id: number }>(
    'SELECT id FROM chats WHERE bot_id = ? AND jid = ?',
  );
  // A person known by both addresses has one contact row: from either address to the chat's.
  const chatOfLid = sqlite.prepare<[string, string], { id: number }>(
    `SELECT c.id FROM contacts p JOIN chats c ON c.bot_id = p.bot_id AND c.jid = coalesce(p.phone_jid, p.lid_jid)
     WHERE p.bot_id = ? AND p.lid_jid = ?`,
  );
  const chatOfPhone = sqlite.prepare<[string, string], { id: number }>(
    `SELECT c.id FROM contacts p JOIN chats c ON c.bot_id = p.bot_id AND c.jid = p.lid_jid
     WHERE p.bot_id = ? AND p.phone_jid = ?`,
  );
  const message = sqlite.prepare<[number, number, string], Row>(
    `SELECT m.kind, m.text, m.deleted_at, m.forwarded, m.mentions, m.quoted_wa_id, m.quoted_text, m.quoted_sender,
       EXISTS (SELECT 1 FROM media f WHERE f.message_id = m.id) AS has_file,
       (SELECT q.from_me FROM messages q WHERE q.chat_id = m.chat_id AND q.wa_id = m.quoted_wa_id
         ORDER BY q.from_me LIMIT 1) AS quoted_from_me
     FROM messages m WHERE m.chat_id = ? AND m.from_me = ? AND m.wa_id = ?`,
  );

  const chatIdOf = (botId: string, jid: string): number | undefined => {
    const direct = chatByJid.get(botId, jid);
    if (direct) return direct.id;
    if (isLidJid(jid)) return chatOfLid.get(botId, jid)?.id;
    if (isPhoneJid(jid)) return chatOfPhone.get(botId, jid)?.id;
    return undefined;
  };

  return (botId: string, key: WaMessageKey): StoredMessage | null => {
    const chatId = chatIdOf(botId, bareJid(key.chatJid));
    if (chatId === undefined) return null;
    const row = message.get(chatId, key.fromMe ? 1 : 0, key.id);
    if (!row) return null;
    return {
      kind: row.kind,
      text: row.text,
      hasFile: row.has_file === 1,
      deleted: row.deleted_at !== null,
      forwarded: row.forwarded === 1,
      mentions: parseMentions(row.mentions),
      quoted: row.quoted_wa_id
        ? {
            id: row.quoted_wa_id,
            // A quote of a message the store no longer has was most likely the customer's.
            fromMe: row.quoted_from_me === 1,
            senderJid: row.quoted_sender,
            text: row.quoted_text,
          }
        : null,
    };
  };
};

export type WaMessageLookup = ReturnType<typeof createWaMessageLookup>;

const parseMentions = (json: string | null): string[] => {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((j): j is string => typeof j === 'string') : [];
  } catch {
    return [];
  }
};
