import type Database from 'better-sqlite3';
import { isGroupJid, isLidJid, personAddresses } from './jid';

type ContactRow = { id: number; phone_jid: string | null; lid_jid: string | null };

/**
 * One person, one contact, one chat, whether WhatsApp names them by phone number or by LID. When
 * a message reveals that a LID and a phone JID are the same person, their contacts and chats are
 * merged (messages move to the phone-keyed chat; a message seen under both is kept once).
 * Runs inside the caller's transaction.
 */
export class Identities {
  private readonly byPhone: Database.Statement<[string, string], ContactRow>;
  private readonly byLid: Database.Statement<[string, string], ContactRow>;
  private readonly insert: Database.Statement<[string, string | null, string | null, string | null, number]>;
  private readonly fill: Database.Statement<[string | null, string | null, string | null, number, number]>;
  private readonly deleteContact: Database.Statement<[number]>;
  private readonly chatByJid: Database.Statement<[string, string], { id: number }>;
  private readonly rekeyChat: Database.Statement<[string, number, number]>;
  private readonly moveMessages: Database.Statement<[number, number]>;
  private readonly dropMessages: Database.Statement<[number]>;
  private readonly dropChat: Database.Statement<[number]>;
  private readonly refreshChat: Database.Statement<[number, number]>;
  private readonly unreadOf: Database.Statement<[number], { unread: number }>;

  constructor(sqlite: Database.Database) {
    this.byPhone = sqlite.prepare('SELECT id, phone_jid, lid_jid FROM contacts WHERE bot_id = ? AND phone_jid = ?');
    this.byLid = sqlite.prepare('SELECT id, phone_jid, lid_jid FROM contacts WHERE bot_id = ? AND lid_jid = ?');
    this.insert = sqlite.prepare(
      'INSERT INTO contacts (bot_id, phone_jid, lid_jid, push_name, updated_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.fill = sqlite.prepare(
      `UPDATE contacts SET phone_jid = coalesce(phone_jid, ?), lid_jid = coalesce(lid_jid, ?),
         push_name = coalesce(?, push_name), updated_at = ? WHERE id = ?`,
    );
    this.deleteContact = sqlite.prepare('DELETE FROM contacts WHERE id = ?');
    this.chatByJid = sqlite.prepare('SELECT id FROM chats WHERE bot_id = ? AND jid = ?');
    this.rekeyChat = sqlite.prepare('UPDATE chats SET jid = ?, contact_id = ? WHERE id = ?');
    this.moveMessages = sqlite.prepare('UPDATE OR IGNORE messages SET chat_id = ? WHERE chat_id = ?');
    this.dropMessages = sqlite.prepare('DELETE FROM messages WHERE chat_id = ?');
    this.dropChat = sqlite.prepare('DELETE FROM chats WHERE id = ?');
    this.unreadOf = sqlite.prepare('SELECT unread FROM chats WHERE id = ?');
    this.refreshChat = sqlite.prepare(
      `UPDATE chats SET
         unread = unread + ?,
         last_message_id = (SELECT id FROM messages WHERE chat_id = chats.id ORDER BY ts DESC, id DESC LIMIT 1),
         last_ts = max(last_ts, coalesce((SELECT max(ts) FROM messages WHERE chat_id = chats.id), 0))
       WHERE id = ?`,
    );
  }

  /**
   * The contact for a person's addresses, created or completed as needed; returns its id and the
   * JID that keys the person's chat (the phone JID when known).
   */
  person(
    botId: string,
    jid: string,
    alt: string | null | undefined,
    pushName: string | null,
    now: number,
  ): { contactId: number | null; chatJid: string } {
    if (isGroupJid(jid)) return { contactId: null, chatJid: jid };
    const { phone, lid } = personAddresses(jid, alt);
    const chatJid = phone ?? lid ?? jid;
    const withPhone = phone ? this.byPhone.get(botId, phone) : undefined;
    const withLid = lid ? this.byLid.get(botId, lid) : undefined;
    if (withPhone && withLid && withPhone.id !== withLid.id) {
      this.merge(botId, withPhone, withLid, now);
      this.fill.run(null, null, pushName, now, withPhone.id);
      return { contactId: withPhone.id, chatJid };
    }
    const existing = withPhone ?? withLid;
    if (!existing) {
      const id = Number(this.insert.run(botId, phone, lid, pushName, now).lastInsertRowid);
      return { contactId: id, chatJid };
    }
    // A LID-only person whose number we learn now: their chat moves to the phone JID.
    if (phone && !existing.phone_jid && existing.lid_jid)
      this.moveChat(botId, existing.lid_jid, phone, existing.id, now);
    this.fill.run(phone, lid, pushName, now, existing.id);
    return { contactId: existing.id, chatJid };
  }

  /** The chat id for an address as a status or reaction names it, following LID ↔ phone. */
  chatIdOf(botId: string, jid: string): number | undefined {
    const direct = this.chatByJid.get(botId, jid);
    if (direct || !isLidJid(jid)) return direct?.id;
    const contact = this.byLid.get(botId, jid);
    return contact?.phone_jid ? this.chatByJid.get(botId, contact.phone_jid)?.id : undefined;
  }

  private merge(botId: string, keep: ContactRow, gone: ContactRow, now: number): void {
    if (gone.lid_jid) this.moveChat(botId, gone.lid_jid, keep.phone_jid ?? gone.lid_jid, keep.id, now);
    this.deleteContact.run(gone.id);
    this.fill.run(gone.phone_jid, gone.lid_jid, null, now, keep.id);
  }

  /** Re-keys the chat at `from` to `to`, or folds it into an existing chat at `to`. */
  private moveChat(botId: string, from: string, to: string, contactId: number, _now: number): void {
    const source = this.chatByJid.get(botId, from);
    if (!source || from === to) return;
    const target = this.chatByJid.get(botId, to);
    if (!target) {
      this.rekeyChat.run(to, contactId, source.id);
      return;
    }
    const unread = this.unreadOf.get(source.id)?.unread ?? 0;
    this.moveMessages.run(target.id, source.id);
    this.dropMessages.run(source.id); // what is left was already in the target chat
    this.dropChat.run(source.id);
    this.refreshChat.run(unread, target.id);
  }
}
