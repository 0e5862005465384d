import type Database from 'better-sqlite3';
import type { Contact, ContactFilter, ContactKey } from '../../../src-shared/contacts';

/** A contacts row with its tags, as the queries here read it. */
type ContactRow = {
  id: number;
  bot_id: string;
  phone_jid: string | null;
  name: string | null;
  push_name: string | null;
  tags: string;
  fields: string;
  notes: string;
  source: Contact['source'];
  opted_out_at: number | null;
  opted_out_reason: string | null;
  created_at: number;
  updated_at: number;
  sort_name: string;
};

export const CONTACT_COLUMNS = `c.id, c.bot_id, c.phone_jid, c.name, c.push_name, c.fields, c.notes, c.source,
  c.opted_out_at, c.opted_out_reason, c.created_at, c.updated_at, c.sort_name,
  (SELECT json_group_array(tag) FROM (SELECT tag FROM contact_tags WHERE contact_id = c.id ORDER BY tag)) AS tags`;

export const phoneOf = (phoneJid: string | null): string | null =>
  phoneJid?.endsWith('@s.whatsapp.net') ? `+${phoneJid.split('@')[0] ?? ''}` : null;

export const jidOfPhone = (e164: string): string => `${e164.replace(/^\+/, '')}@s.whatsapp.net`;

export const toContact = (row: ContactRow): Contact => ({
  id: row.id,
  botId: row.bot_id,
  phone: phoneOf(row.phone_jid),
  name: row.name,
  pushName: row.push_name,
  tags: JSON.parse(row.tags) as string[],
  fields: JSON.parse(row.fields) as Record<string, string>,
  notes: row.notes,
  source: row.source,
  optedOutAt: row.opted_out_at,
  optedOutReason: row.opted_out_reason,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  sortName: row.sort_name,
});

/** The WHERE clause of a filter over `contacts c`, with its parameters. */
export const filterSql = (filter: ContactFilter): { where: string; params: (string | number)[] } => {
  const clauses = ['c.bot_id = ?'];
  const params: (string | number)[] = [filter.botId];
  const query = filter.query.trim().toLowerCase();
  if (query !== '') {
    const like = `%${query.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    // A number search only when it looks like one: "customer 01" is a name.
    const digits = /^[\d\s+().-]+$/.test(query) ? query.replace(/\D/g, '') : '';
    clauses.push(
      `(c.sort_name LIKE ? ESCAPE '\\' OR lower(coalesce(c.push_name, '')) LIKE ? ESCAPE '\\'${digits ? ' OR c.phone_jid LIKE ?' : ''})`,
    );
    params.push(like, like, ...(digits ? [`%${digits}%`] : []));
  }
  if (filter.tag !== null) {
    clauses.push('EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag = ?)');
    params.push(filter.tag);
  }
  if (filter.optedOut === 'subscribed') clauses.push('c.opted_out_at IS NULL');
  if (filter.optedOut === 'opted-out') clauses.push('c.opted_out_at IS NOT NULL');
  return { where: clauses.join(' AND '), params };
};

export const listContacts = (
  sqlite: Database.Database,
  filter: ContactFilter,
  after: ContactKey | undefined,
  limit: number,
): { contacts: Contact[]; total: number } => {
  const { where, params } = filterSql(filter);
  const page = after ? ' AND (c.sort_name, c.id) > (?, ?)' : '';
  const rows = sqlite
    .prepare(`SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE ${where}${page} ORDER BY c.sort_name, c.id LIMIT ?`)
    .all(...params, ...(after ? [after.sortName, after.id] : []), limit) as ContactRow[];
  const { n } = sqlite.prepare(`SELECT count(*) AS n FROM contacts c WHERE ${where}`).get(...params) as { n: number };
  return { contacts: rows.map(toContact), total: n };
};

/** The sort key of a contact, for the next page after it. */
export const sortKeyOf = (sqlite: Database.Database, id: number): ContactKey | null => {
  const row = sqlite.prepare('SELECT sort_name FROM contacts WHERE id = ?').get(id) as
    { sort_name: string } | undefined;
  return row ? { sortName: row.sort_name, id } : null;
};

export const contactById = (sqlite: Database.Database, botId: string, id: number): Contact | null => {
  const row = sqlite
    .prepare(`SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.id = ? AND c.bot_id = ?`)
    .get(id, botId) as ContactRow | undefined;
  return row ? toContact(row) : null;
};

export const contactsByIds = (sqlite: Database.Database, botId: string, ids: readonly number[]): Contact[] => {
  const rows = sqlite
    .prepare(
      `SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.bot_id = ? AND c.id IN (SELECT value FROM json_each(?)) ORDER BY c.sort_name, c.id`,
    )
    .all(botId, JSON.stringify(ids)) as ContactRow[];
  return rows.map(toContact);
};

export const allMatching = (sqlite: Database.Database, filter: ContactFilter): Contact[] => {
  const { where, params } = filterSql(filter);
  return (
    sqlite
      .prepare(`SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE ${where} ORDER BY c.sort_name, c.id`)
      .all(...params) as ContactRow[]
  ).map(toContact);
};

export const tagCounts = (sqlite: Database.Database, botId: string): { tag: string; count: number }[] =>
  sqlite
    .prepare(
      `SELECT t.tag, count(*) AS count FROM contact_tags t JOIN contacts c ON c.id = t.contact_id
         WHERE c.bot_id = ? GROUP BY t.tag ORDER BY t.tag`,
    )
    .all(botId) as { tag: string; count: number }[];
