import type Database from 'better-sqlite3';
import type { Contact, ContactFilter, ContactKey } from '../../../src-shared/contacts';
import { searchSql } from './search';
import { compareTags } from './tags';

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
  tags: (JSON.parse(row.tags) as string[]).sort(compareTags),
  fields: JSON.parse(row.fields) as Record<string, string>,
  notes: row.notes,
  source: row.source,
  optedOutAt: row.opted_out_at,
  optedOutReason: row.opted_out_reason,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  sortName: row.sort_name,
});

/**
 * The WHERE clause of a filter over `contacts c`, with its parameters. `countries`: how a number
 * typed without its country code is read (the bot's own country first). A search reads every row
 * of the bot, and does that five times faster in table order than through the bot's index (which
 * holds neither the WhatsApp name nor the number): the unary + keeps SQLite off that index.
 */
export const filterSql = (
  filter: ContactFilter,
  countries: readonly string[] = [],
): { where: string; params: (string | number)[]; searching: boolean } => {
  const search = searchSql(filter.query, countries);
  const clauses = [search ? '+c.bot_id = ?' : 'c.bot_id = ?'];
  const params: (string | number)[] = [filter.botId];
  if (search) {
    clauses.push(search.clause);
    params.push(...search.params);
  }
  if (filter.tag !== null) {
    clauses.push('EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag = ?)');
    params.push(filter.tag);
  }
  if (filter.optedOut === 'subscribed') clauses.push('c.opted_out_at IS NULL');
  if (filter.optedOut === 'opted-out') clauses.push('c.opted_out_at IS NOT NULL');
  return { where: clauses.join(' AND '), params, searching: search !== null };
};

export const listContacts = (
  sqlite: Database.Database,
  filter: ContactFilter,
  after: ContactKey | undefined,
  limit: number,
  countries: readonly string[] = [],
): { contacts: Contact[]; total: number } => {
  const { where, params, searching } = filterSql(filter, countries);
  const from = after ? 'WHERE (sort_name, id) > (?, ?)' : '';
  const keys = after ? [after.sortName, after.id] : [];
  if (searching) {
    // A search reads every row of the bot anyway: one pass counts the matches and keeps the
    // page's keys (the window count), and only that page is then read whole.
    const rows = sqlite
      .prepare(
        `SELECT ${CONTACT_COLUMNS}, p.total AS total FROM (
           SELECT id, sort_name, total FROM (
             SELECT c.id AS id, c.sort_name AS sort_name, count(*) OVER () AS total FROM contacts c WHERE ${where}
           ) ${from} ORDER BY sort_name, id LIMIT ?
         ) p JOIN contacts c ON c.id = p.id ORDER BY p.sort_name, p.id`,
      )
      .all(...params, ...keys, limit) as (ContactRow & { total: number })[];
    const total = rows[0]?.total ?? (after ? countOf(sqlite, where, params) : 0);
    return { contacts: rows.map(toContact), total };
  }
  const rows = sqlite
    .prepare(
      `SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE ${where}${after ? ' AND (c.sort_name, c.id) > (?, ?)' : ''}
         ORDER BY c.sort_name, c.id LIMIT ?`,
    )
    .all(...params, ...keys, limit) as ContactRow[];
  return { contacts: rows.map(toContact), total: countOf(sqlite, where, params) };
};

const countOf = (sqlite: Database.Database, where: string, params: (string | number)[]): number =>
  (sqlite.prepare(`SELECT count(*) AS n FROM contacts c WHERE ${where}`).get(...params) as { n: number }).n;

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

export const allMatching = (
  sqlite: Database.Database,
  filter: ContactFilter,
  countries: readonly string[] = [],
): Contact[] => {
  const { where, params } = filterSql(filter, countries);
  return (
    sqlite
      .prepare(`SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE ${where} ORDER BY c.sort_name, c.id`)
      .all(...params) as ContactRow[]
  ).map(toContact);
};

/** The bot's tags A to Z whatever their case ("apple", "Banana"), each with how many carry it. */
export const tagCounts = (sqlite: Database.Database, botId: string): { tag: string; count: number }[] =>
  (
    sqlite
      .prepare(
        `SELECT t.tag, count(*) AS count FROM contact_tags t JOIN contacts c ON c.id = t.contact_id
           WHERE c.bot_id = ? GROUP BY t.tag`,
      )
      .all(botId) as { tag: string; count: number }[]
  ).sort((a, b) => compareTags(a.tag, b.tag));

/** The bot's own number (E.164), which tells the country its customers' local numbers are in. */
export const botPhone = (sqlite: Database.Database, botId: string): string | null =>
  (sqlite.prepare('SELECT phone FROM bots WHERE id = ?').get(botId) as { phone: string | null } | undefined)?.phone ??
  null;
