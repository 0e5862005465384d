import type Database from 'better-sqlite3';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { GroupInfo as GroupView, GroupMember as MemberView } from '../../../src-shared/inbox';
import type { GroupInfo, GroupParticipantsEvent, GroupRole } from '../wa/transport';
import { bareJid, phoneOfJid } from './jid';
import type { Ingested, InboxWriter } from './writer';

type MemberRow = { jid: string; role: GroupRole; push_name: string | null };
type GroupRow = {
  chat_id: number;
  subject: string;
  description: string | null;
  owner_jid: string | null;
  announce: number;
  updated_at: number;
};

const ROLE_ORDER: Record<GroupRole, number> = { superadmin: 0, admin: 1, member: 2 };

/**
 * Groups a bot is in: subject, settings and members as WhatsApp reports them, and a notice in the
 * thread for each join, leave and admin change (as WhatsApp shows them). Each change is one
 * transaction; the same event twice changes nothing twice.
 */
export class GroupStore {
  private readonly upsertGroup: Database.Statement<[number, string, string | null, string | null, number, number]>;
  private readonly setTitle: Database.Statement<[string, number]>;
  private readonly clearMembers: Database.Statement<[number]>;
  private readonly putMember: Database.Statement<[number, string, GroupRole]>;
  private readonly addMember: Database.Statement<[number, string]>;
  private readonly dropMember: Database.Statement<[number, string]>;
  private readonly setRole: Database.Statement<[GroupRole, number, string]>;
  private readonly groupRow: Database.Statement<[number], GroupRow>;
  private readonly memberRows: Database.Statement<[string, number], MemberRow>;
  private readonly nameOf: Database.Statement<[string, string, string], { push_name: string | null }>;
  private readonly applyInfo: (botId: string, info: GroupInfo, now: number) => number;
  private readonly applyEvent: (botId: string, event: GroupParticipantsEvent, botJid: string | null) => Ingested | null;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly writer: InboxWriter,
  ) {
    this.upsertGroup = sqlite.prepare(
      `INSERT INTO groups (chat_id, subject, description, owner_jid, announce, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (chat_id) DO UPDATE SET subject = excluded.subject, description = excluded.description,
         owner_jid = excluded.owner_jid, announce = excluded.announce, updated_at = excluded.updated_at`,
    );
    this.setTitle = sqlite.prepare('UPDATE chats SET title = ? WHERE id = ?');
    this.clearMembers = sqlite.prepare('DELETE FROM group_members WHERE chat_id = ?');
    this.putMember = sqlite.prepare('INSERT OR REPLACE INTO group_members (chat_id, jid, role) VALUES (?, ?, ?)');
    this.addMember = sqlite.prepare("INSERT OR IGNORE INTO group_members (chat_id, jid, role) VALUES (?, ?, 'member')");
    this.dropMember = sqlite.prepare('DELETE FROM group_members WHERE chat_id = ? AND jid = ?');
    this.setRole = sqlite.prepare('UPDATE group_members SET role = ? WHERE chat_id = ? AND jid = ?');
    this.groupRow = sqlite.prepare('SELECT * FROM groups WHERE chat_id = ?');
    this.memberRows = sqlite.prepare(
      // The name the business gave a member wins over their WhatsApp name, as everywhere.
      `SELECT g.jid, g.role, coalesce(nullif(ct.name, ''), ct.push_name) AS push_name FROM group_members g
       LEFT JOIN contacts ct ON ct.bot_id = ? AND (ct.phone_jid = g.jid OR ct.lid_jid = g.jid)
       WHERE g.chat_id = ?`,
    );
    this.nameOf = sqlite.prepare(
      `SELECT coalesce(nullif(name, ''), push_name) AS push_name FROM contacts
       WHERE bot_id = ? AND (phone_jid = ? OR lid_jid = ?) LIMIT 1`,
    );

    this.applyInfo = sqlite.transaction((botId: string, info: GroupInfo, now: number) => {
      const chatId = writer.chatForJid(botId, info.jid, null, null, now);
      this.upsertGroup.run(chatId, info.subject, info.description, info.ownerJid, info.announce ? 1 : 0, now);
      this.setTitle.run(info.subject, chatId);
      this.clearMembers.run(chatId);
      for (const member of info.members) this.putMember.run(chatId, bareJid(member.jid), member.role);
      return chatId;
    });

    this.applyEvent = sqlite.transaction(
      (botId: string, event: GroupParticipantsEvent, botJid: string | null): Ingested | null => {
        const chatId = writer.chatForJid(botId, event.jid, null, null, event.ts);
        const members = event.members.map(bareJid);
        for (const jid of members) {
          if (event.action === 'add') this.addMember.run(chatId, jid);
          else if (event.action === 'remove') this.dropMember.run(chatId, jid);
          else this.setRole.run(event.action === 'promote' ? 'admin' : 'member', chatId, jid);
        }
        const text = this.notice(botId, event, members, botJid);
        // One notice per event: its id is made from what happened, so a replayed event adds none.
        const id = `sys-${event.ts}-${event.action}-${members.join(',')}`;
        const stored = writer.ingest(
          botId,
          [
            {
              id,
              chatJid: event.jid,
              senderJid: event.byJid ?? members[0] ?? event.jid,
              senderName: null,
              fromMe: false,
              ts: event.ts,
              text,
              kind: 'system',
              offline: true,
            },
          ],
          false,
          event.ts,
        );
        return stored[0] ?? null;
      },
    );
  }

  /** The bot joined a group, or its subject, settings or members changed; returns its chat. */
  apply(botId: string, info: GroupInfo, now: number): number {
    return this.applyInfo(botId, info, now);
  }

  /** People joined, left, or changed role: members updated and a notice in the thread. */
  participants(botId: string, event: GroupParticipantsEvent, botJid: string | null): Ingested | null {
    return this.applyEvent(botId, event, botJid);
  }

  /** Whether WhatsApp has told Wren about this group yet. */
  known(chatId: number): boolean {
    return this.groupRow.get(chatId) !== undefined;
  }

  read(botId: string, chatId: number, botJid: string | null): GroupView | null {
    const group = this.groupRow.get(chatId);
    if (!group) return null;
    const members: MemberView[] = this.memberRows.all(botId, chatId).map((m) => ({
      jid: m.jid,
      phone: phoneOfJid(m.jid),
      name: m.push_name,
      role: m.role,
      isBot: m.jid === botJid,
    }));
    members.sort(
      (a, b) =>
        ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
        Number(b.isBot) - Number(a.isBot) ||
        // People with a WhatsApp name before bare numbers, as the phone lists them.
        Number(a.name === null) - Number(b.name === null) ||
        (a.name ?? a.phone ?? a.jid).localeCompare(b.name ?? b.phone ?? b.jid),
    );
    return {
      chatId,
      subject: group.subject,
      description: group.description,
      ownerJid: group.owner_jid,
      announce: group.announce === 1,
      members,
      updatedAt: group.updated_at,
    };
  }

  /** "Ana Souza added +44 7911 123402", as WhatsApp words it. */
  private notice(botId: string, event: GroupParticipantsEvent, members: string[], botJid: string | null): string {
    const name = (jid: string) => (jid === botJid ? 'You' : this.displayName(botId, jid));
    const who = members.map(name).join(', ');
    const by = event.byJid ? name(bareJid(event.byJid)) : null;
    // "You are", "Ana is", "Ana, Ben are".
    const are = members.length > 1 || members[0] === botJid ? 'are' : 'is';
    const admins = members.length > 1 ? 'admins' : 'an admin';
    switch (event.action) {
      case 'add':
        return by ? `${by} added ${who}` : `${who} joined`;
      case 'remove':
        return by ? `${by} removed ${who}` : `${who} left`;
      case 'promote':
        return `${who} ${are} now ${admins}`;
      case 'demote':
        return `${who} ${are} no longer ${admins}`;
    }
  }

  private displayName(botId: string, jid: string): string {
    const named = this.nameOf.get(botId, jid, jid)?.push_name;
    if (named) return named;
    const phone = phoneOfJid(jid);
    return phone ? (parsePhoneNumberFromString(phone)?.formatInternational() ?? phone) : (jid.split('@')[0] ?? jid);
  }
}
