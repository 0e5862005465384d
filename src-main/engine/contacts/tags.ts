import type Database from 'better-sqlite3';

/**
 * Tags are one tag whatever their case: "VIP", "vip" and "Vip" tag the same people, shown in the
 * spelling the bot saw first. Writers spell every tag through a `TagSpeller` (so the table only
 * ever holds one spelling per tag and per bot, and campaigns and filters can match tags exactly,
 * through the tag index); `mergeTagCase` folds the spellings older versions stored side by side.
 */

/** The key two spellings of one tag share: Unicode case folded ("ÉTÉ" and "été"), NFC. */
export const tagKey = (tag: string): string => tag.normalize('NFC').toLowerCase();

/** Tags A to Z as a person reads them: "apple" before "Banana", "Été" with the e's. */
export const compareTags = (a: string, b: string): number =>
  a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);

export type TagSpeller = {
  /** The bot's spelling of `tag`: the first seen, or `tag` itself, which then becomes it. */
  spell: (tag: string) => string;
  /** Tags spelled and without repeats ("VIP", "vip" → "VIP"), in order. */
  spellAll: (tags: Iterable<string>) => string[];
};

/** Each spelling of each tag of a bot, the first-seen one (oldest row) first. */
const spellingsOf = (sqlite: Database.Database, botId: string | null) =>
  sqlite
    .prepare(
      `SELECT c.bot_id AS botId, t.tag AS tag, min(t.rowid) AS first FROM contact_tags t
         JOIN contacts c ON c.id = t.contact_id ${botId === null ? '' : 'WHERE c.bot_id = ?'}
         GROUP BY c.bot_id, t.tag ORDER BY first`,
    )
    .all(...(botId === null ? [] : [botId])) as { botId: string; tag: string; first: number }[];

/** A speller that knows the bot's tags as stored now (build one per logical change). */
export const tagSpeller = (sqlite: Database.Database, botId: string): TagSpeller => {
  const known = new Map<string, string>();
  for (const { tag } of spellingsOf(sqlite, botId)) {
    const key = tagKey(tag);
    if (!known.has(key)) known.set(key, tag);
  }
  const spell = (tag: string): string => {
    const key = tagKey(tag);
    const spelled = known.get(key);
    if (spelled !== undefined) return spelled;
    known.set(key, tag);
    return tag;
  };
  return { spell, spellAll: (tags) => [...new Set([...tags].map(spell))] };
};

/**
 * Folds tags that differ only by case into the first-seen spelling, for every bot, in one
 * transaction: run at start, it rewrites nothing once the table is clean (one grouped read).
 * Returns how many tag rows were renamed or merged away.
 */
export const mergeTagCase = (sqlite: Database.Database): number =>
  sqlite.transaction(() => {
    const first = new Map<string, string>();
    const renames: { botId: string; from: string; to: string }[] = [];
    for (const { botId, tag } of spellingsOf(sqlite, null)) {
      const key = `${botId}\u0000${tagKey(tag)}`;
      const spelled = first.get(key);
      if (spelled === undefined) first.set(key, tag);
      else renames.push({ botId, from: tag, to: spelled });
    }
    if (renames.length === 0) return 0;
    const ofBot = 'contact_id IN (SELECT id FROM contacts WHERE bot_id = ?)';
    // A contact with both spellings keeps the first one; the others are renamed to it.
    const rename = sqlite.prepare(`UPDATE OR IGNORE contact_tags SET tag = ? WHERE tag = ? AND ${ofBot}`);
    const drop = sqlite.prepare(`DELETE FROM contact_tags WHERE tag = ? AND ${ofBot}`);
    let changed = 0;
    for (const { botId, from, to } of renames) {
      changed += rename.run(to, from, botId).changes;
      changed += drop.run(from, botId).changes;
    }
    return changed;
  })();
