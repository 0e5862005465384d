import type Database from 'better-sqlite3';
import type { GroupRole } from '../wa/transport';
import type { GroupFacts } from '../pipeline/world';

const bare = (jid: string): string => jid.replace(/:\d+@/, '@');

/**
 * What the pipeline reads from the store for each message, with statements prepared once. Group
 * facts are cached per chat and dropped whenever the group changes (members, admins, subject), so
 * a busy group costs one read per change, not one per message.
 */
export class AutomationFacts {
  private readonly groups = new Map<number, GroupFacts>();
  private readonly q;

  constructor(sqlite: Database.Database) {
    const p = sqlite.prepare.bind(sqlite);
    this.q = {
      members: p<[number], { jid: string; role: GroupRole }>('SELECT jid, role FROM group_members WHERE chat_id = ?'),
      subject: p<[number], { subject: string }>('SELECT subject FROM groups WHERE chat_id = ?'),
      phoneOfLid: p<[string, string], { phone_jid: string | null }>(
        'SELECT phone_jid FROM contacts WHERE bot_id = ? AND lid_jid = ?',
      ),
      earlier: p<[number, number], { one: number }>(
        'SELECT 1 AS one FROM messages WHERE chat_id = ? AND id < ? LIMIT 1',
      ),
      handoff: p<[number], { handoff_at: number | null }>('SELECT handoff_at FROM chats WHERE id = ?'),
      message: p<[number], { wa_id: string; sender_jid: string; from_me: number; kind: string }>(
        'SELECT wa_id, sender_jid, from_me, kind FROM messages WHERE id = ?',
      ),
      byWaId: p<[number, string], { id: number; kind: string }>(
        'SELECT id, kind FROM messages WHERE chat_id = ? AND wa_id = ? ORDER BY from_me LIMIT 1',
      ),
      optOut: p<[number, string, number, number]>(
        `UPDATE contacts SET opted_out_at = ?, opted_out_reason = ?, updated_at = ?
         WHERE id = (SELECT contact_id FROM chats WHERE id = ?) AND opted_out_at IS NULL`,
      ),
      // There is no opted-in column: the reason column keeps why the flag last changed, so the
      // contact's record says how they came back (and updated_at says when).
      optIn: p<[string, number, number]>(
        `UPDATE contacts SET opted_out_at = NULL, opted_out_reason = ?, updated_at = ?
         WHERE id = (SELECT contact_id FROM chats WHERE id = ?) AND opted_out_at IS NOT NULL`,
      ),
      privateChats: p<[string], { id: number }>(
        "SELECT id FROM chats WHERE bot_id = ? AND kind = 'user' ORDER BY last_ts DESC",
      ),
    };
  }

  /** A phone JID for a LID when the store knows it, so owners and premium members match either way. */
  phoneJid(botId: string, jid: string): string {
    if (!jid.endsWith('@lid')) return bare(jid);
    return this.q.phoneOfLid.get(botId, jid)?.phone_jid ?? jid;
  }

  group(chatId: number, botJid: string | null): GroupFacts | null {
    const cached = this.groups.get(chatId);
    if (cached) return cached;
    const subject = this.q.subject.get(chatId)?.subject;
    if (subject === undefined) return null;
    const members = new Map(this.q.members.all(chatId).map((m) => [m.jid, m.role] as const));
    const botRole = botJid ? members.get(bare(botJid)) : undefined;
    const facts: GroupFacts = { subject, members, botIsAdmin: botRole === 'admin' || botRole === 'superadmin' };
    this.groups.set(chatId, facts);
    return facts;
  }

  forgetGroup(chatId: number): void {
    this.groups.delete(chatId);
  }

  firstMessage(chatId: number, messageId: number): boolean {
    return this.q.earlier.get(chatId, messageId) === undefined;
  }

  handedOff(chatId: number): boolean {
    return (this.q.handoff.get(chatId)?.handoff_at ?? null) !== null;
  }

  message(messageId: number) {
    return this.q.message.get(messageId);
  }

  /** The stored row of a message quoted by its WhatsApp id. */
  quoted(chatId: number, waId: string) {
    return this.q.byWaId.get(chatId, waId);
  }

  optOut(chatId: number, reason: string, now: number): boolean {
    return this.q.optOut.run(now, reason, now, chatId).changes > 0;
  }

  /** Clears the opt-out of the chat's contact; false when they had not opted out. */
  optIn(chatId: number, reason: string, now: number): boolean {
    return this.q.optIn.run(reason, now, chatId).changes > 0;
  }

  privateChats(botId: string): number[] {
    return this.q.privateChats.all(botId).map((r) => r.id);
  }
}
