import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { Audience, CampaignDraft } from '../../../src-shared/campaigns';
import { ContractError } from '../../../src-shared/contract';
import { renderFor } from './render';

type AudienceRow = {
  id: number;
  phone_jid: string | null;
  name: string | null;
  push_name: string | null;
  fields: string;
  opted_out_at: number | null;
};

const COLUMNS = 'c.id, c.phone_jid, c.name, c.push_name, c.fields, c.opted_out_at';

/**
 * One page of the audience, by contact id: a page at a time so reading 100,000 contacts never
 * holds the event loop (a statement being iterated would block other writes on the connection).
 * `+c.bot_id` keeps SQLite on the id range: through a bot_id index every page would scan and sort
 * all the bot's contacts.
 */
const audiencePage = (
  sqlite: Database.Database,
  botId: string,
  audience: Audience,
  afterId: number,
  limit: number,
): AudienceRow[] => {
  switch (audience.kind) {
    case 'all':
      return sqlite
        .prepare(`SELECT ${COLUMNS} FROM contacts c WHERE +c.bot_id = ? AND c.id > ? ORDER BY c.id LIMIT ?`)
        .all(botId, afterId, limit) as AudienceRow[];
    case 'contacts':
      return sqlite
        .prepare(
          `SELECT ${COLUMNS} FROM contacts c WHERE +c.bot_id = ? AND c.id > ?
             AND c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id LIMIT ?`,
        )
        .all(botId, afterId, JSON.stringify(audience.ids), limit) as AudienceRow[];
    case 'tags': {
      // Per contact through the (contact_id, tag) key, so each page costs the same.
      const tags = [...new Set(audience.tags)];
      const matching =
        'SELECT count(*) FROM contact_tags t WHERE t.contact_id = c.id AND t.tag IN (SELECT value FROM json_each(?))';
      const test = audience.match === 'all' ? `(${matching}) = ${tags.length}` : `(${matching}) > 0`;
      return sqlite
        .prepare(`SELECT ${COLUMNS} FROM contacts c WHERE +c.bot_id = ? AND c.id > ? AND ${test} ORDER BY c.id LIMIT ?`)
        .all(botId, afterId, JSON.stringify(tags), limit) as AudienceRow[];
    }
  }
};

const PAGE = 1000;
/** Longest stretch of rendering before the event loop gets a turn. */
const SLICE_MS = 8;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A WhatsApp-style message id, fixed at planning: a resend after a crash is the same message. */
export const newWaId = (): string => `3EB0${randomBytes(10).toString('hex').toUpperCase()}`;

/**
 * Expands the audience into one row per recipient with its final text and message id. Texts are
 * rendered in chunks with the event loop free between them; the rows are written in one
 * transaction that also moves the campaign to scheduled, so a plan is all there or not at all.
 */
export const planCampaign = async (args: {
  sqlite: Database.Database;
  campaignId: number;
  botId: string;
  draft: CampaignDraft;
  now: number;
}): Promise<void> => {
  const { sqlite, draft, campaignId } = args;
  const excluded: Record<string, number> = {};
  const leaveOut = (reason: string) => {
    excluded[reason] = (excluded[reason] ?? 0) + 1;
  };
  const seen = new Set<string>();
  const rows: { contactId: number; jid: string; phone: string; name: string | null; variant: number; text: string }[] =
    [];
  let afterId = 0;
  let sliceStart = performance.now();
  for (;;) {
    const people = audiencePage(sqlite, args.botId, draft.audience, afterId, PAGE);
    if (people.length === 0) break;
    afterId = people[people.length - 1]?.id ?? afterId;
    for (const person of people) {
      if (person.opted_out_at !== null) leaveOut('opted out');
      else if (!person.phone_jid) leaveOut('no phone number');
      else if (seen.has(person.phone_jid)) leaveOut('duplicate number');
      else {
        seen.add(person.phone_jid);
        const phone = `+${person.phone_jid.split('@')[0] ?? ''}`;
        const name = person.name ?? person.push_name;
        const variant = rows.length % draft.variants.length;
        const facts = {
          contactId: person.id,
          name,
          phone,
          fields: JSON.parse(person.fields) as Record<string, string>,
        };
        rows.push({
          contactId: person.id,
          jid: person.phone_jid,
          phone,
          name,
          variant,
          text: renderFor(draft.variants[variant]?.text ?? '', facts),
        });
      }
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToLoop();
        sliceStart = performance.now();
      }
    }
    await yieldToLoop();
    sliceStart = performance.now();
  }
  if (rows.length === 0) {
    const why = Object.entries(excluded).map(([reason, n]) => `${n} ${reason}`);
    throw new ContractError(
      'invalid_input',
      `Nobody to send to${why.length ? ` (left out: ${why.join(', ')})` : ''}. Choose another audience or add contacts.`,
    );
  }
  const insert = sqlite.prepare(
    `INSERT INTO campaign_recipients (campaign_id, contact_id, jid, phone, name, variant, text, wa_id, status, due_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0)`,
  );
  sqlite.transaction(() => {
    const current = sqlite.prepare('SELECT status FROM campaigns WHERE id = ?').get(campaignId) as
      { status: string } | undefined;
    if (current?.status !== 'draft')
      throw new ContractError('invalid_state', 'The campaign changed while it was being planned; try again.');
    sqlite.prepare('DELETE FROM campaign_recipients WHERE campaign_id = ?').run(campaignId);
    for (const row of rows)
      insert.run(campaignId, row.contactId, row.jid, row.phone, row.name, row.variant, row.text, newWaId());
    sqlite
      .prepare(
        `UPDATE campaigns SET status = 'scheduled', total = ?, excluded = ?, next_send_at = ?, since_pause = 0,
           slowdown = 1, fail_streak = 0, note = NULL WHERE id = ?`,
      )
      .run(rows.length, JSON.stringify(excluded), Math.max(args.now, draft.startAt ?? 0), campaignId);
  })();
};
