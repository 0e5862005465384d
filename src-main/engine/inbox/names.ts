import type Database from 'better-sqlite3';
import type { MessageOrigin } from '../../../src-shared/inbox';

type NameRow = { phone_jid: string | null; lid_jid: string | null; name: string };

/**
 * The names a page of messages needs beyond its own rows: the name the business gave a sender
 * (which wins over the WhatsApp push name stored with the message) and the names of the campaigns
 * that sent the bot's messages. One query each per page, whatever its size.
 */
export class MessageNames {
  private readonly givenNames: Database.Statement<[string, string, string], NameRow>;
  private readonly campaignNames: Database.Statement<[string], { id: number; name: string }>;

  constructor(sqlite: Database.Database) {
    this.givenNames = sqlite.prepare(
      `SELECT phone_jid, lid_jid, name FROM contacts WHERE bot_id = ? AND name IS NOT NULL AND name != ''
         AND (phone_jid IN (SELECT value FROM json_each(?)) OR lid_jid IN (SELECT value FROM json_each(?)))`,
    );
    this.campaignNames = sqlite.prepare('SELECT id, name FROM campaigns WHERE id IN (SELECT value FROM json_each(?))');
  }

  /** The given name of each JID (phone or LID) that has one, for one bot. */
  given(botId: string, jids: Iterable<string>): Map<string, string> {
    const list = [...new Set(jids)];
    const names = new Map<string, string>();
    if (list.length === 0) return names;
    const json = JSON.stringify(list);
    for (const row of this.givenNames.all(botId, json, json)) {
      if (row.phone_jid) names.set(row.phone_jid, row.name);
      if (row.lid_jid) names.set(row.lid_jid, row.name);
    }
    return names;
  }

  /** Each stored origin ('bot:auto-reply', 'campaign:12', …) as the contract shows it. */
  origins(stored: Iterable<string | null>): Map<string, MessageOrigin> {
    const origins = new Map<string, MessageOrigin>();
    const campaignIds: number[] = [];
    for (const value of new Set(stored)) {
      if (value === null) continue;
      const parsed = parseOrigin(value);
      if (!parsed) continue;
      origins.set(value, parsed);
      if (parsed.by === 'campaign' && parsed.detail !== null) campaignIds.push(Number(parsed.detail));
    }
    if (campaignIds.length > 0) {
      const names = new Map(this.campaignNames.all(JSON.stringify(campaignIds)).map((r) => [r.id, r.name]));
      for (const [value, origin] of origins) {
        if (origin.by === 'campaign')
          origins.set(value, { by: 'campaign', detail: names.get(Number(origin.detail)) ?? null });
      }
    }
    return origins;
  }
}

/** The origin column's forms; anything else (a future form read by an older build) shows nothing. */
export const parseOrigin = (value: string): MessageOrigin | null => {
  if (value === 'person' || value === 'phone') return { by: value, detail: null };
  if (value === 'bot') return { by: 'bot', detail: null };
  if (value.startsWith('bot:')) return { by: 'bot', detail: value.slice(4) || null };
  const campaign = /^campaign:(\d+)$/.exec(value);
  if (campaign) return { by: 'campaign', detail: campaign[1] ?? null };
  return null;
};
