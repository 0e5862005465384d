import type Database from 'better-sqlite3';
import type { ChatContact } from '../../../src-shared/inbox';
import { phoneOfJid } from './jid';

type CardRow = {
  kind: 'user' | 'group';
  contact_id: number | null;
  name: string | null;
  push_name: string | null;
  phone_jid: string | null;
  notes: string | null;
  opted_out_at: number | null;
  opted_out_reason: string | null;
};

/**
 * The person behind a one-to-one chat as its contact card shows them. Read straight from the
 * contacts tables (the contacts engine owns the writes): a group, or a person whose contact was
 * deleted, has no card.
 */
export const createContactCards = (sqlite: Database.Database) => {
  const card = sqlite.prepare<[number], CardRow>(
    `SELECT c.kind, ct.id AS contact_id, ct.name, ct.push_name, ct.phone_jid, ct.notes, ct.opted_out_at,
       ct.opted_out_reason
     FROM chats c LEFT JOIN contacts ct ON ct.id = c.contact_id WHERE c.id = ?`,
  );
  const tags = sqlite.prepare<[number], { tag: string }>(
    'SELECT tag FROM contact_tags WHERE contact_id = ? ORDER BY tag',
  );
  return {
    /** undefined: no such chat; null: a group, or nobody on file. */
    of(chatId: number): ChatContact | null | undefined {
      const row = card.get(chatId);
      if (!row) return undefined;
      if (row.kind === 'group' || row.contact_id === null) return null;
      return {
        contactId: row.contact_id,
        name: row.name || null,
        pushName: row.push_name,
        phone: row.phone_jid ? phoneOfJid(row.phone_jid) : null,
        tags: tags.all(row.contact_id).map((t) => t.tag),
        notes: row.notes ?? '',
        optedOutAt: row.opted_out_at,
        optedOutReason: row.opted_out_reason,
      };
    },
  };
};
