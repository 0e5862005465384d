import type Database from 'better-sqlite3';
import {
  campaignDraftSchema,
  recipientStatusSchema,
  type Campaign,
  type CampaignDraft,
  type CampaignStatus,
  type Recipient,
  type RecipientStatus,
} from '../../../src-shared/campaigns';

export type CampaignRow = {
  id: number;
  bot_id: string;
  name: string;
  status: CampaignStatus;
  draft: string;
  note: string | null;
  excluded: string;
  total: number;
  next_send_at: number;
  since_pause: number;
  slowdown: number;
  fail_streak: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
};

export type RecipientRow = {
  id: number;
  campaign_id: number;
  contact_id: number | null;
  jid: string;
  phone: string;
  name: string | null;
  variant: number;
  text: string;
  wa_id: string;
  status: RecipientStatus;
  attempts: number;
  due_at: number;
  error: string | null;
  sent_at: number | null;
  delivered_at: number | null;
  read_at: number | null;
};

export const draftOf = (row: CampaignRow): CampaignDraft => campaignDraftSchema.parse(JSON.parse(row.draft));

export const campaignRow = (sqlite: Database.Database, id: number): CampaignRow | undefined =>
  sqlite.prepare('SELECT * FROM campaigns WHERE id = ?').get(id) as CampaignRow | undefined;

/** Recipients by status: one GROUP BY over the campaign's index. */
export const countsOf = (sqlite: Database.Database, id: number): Record<RecipientStatus, number> => {
  const counts = Object.fromEntries(recipientStatusSchema.options.map((s) => [s, 0])) as Record<
    RecipientStatus,
    number
  >;
  const rows = sqlite
    .prepare('SELECT status, count(*) AS n FROM campaign_recipients WHERE campaign_id = ? GROUP BY status')
    .all(id) as { status: RecipientStatus; n: number }[];
  for (const row of rows) counts[row.status] = row.n;
  return counts;
};

export const toCampaign = (sqlite: Database.Database, row: CampaignRow, expectedFinishAt: number | null): Campaign => ({
  id: row.id,
  botId: row.bot_id,
  name: row.name,
  status: row.status,
  draft: draftOf(row),
  note: row.note,
  total: row.total,
  counts: countsOf(sqlite, row.id),
  excluded: JSON.parse(row.excluded) as Record<string, number>,
  createdAt: row.created_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  expectedFinishAt,
});

export const toRecipient = (row: RecipientRow): Recipient => ({
  id: row.id,
  contactId: row.contact_id,
  phone: row.phone,
  name: row.name,
  variant: row.variant,
  text: row.text,
  status: row.status,
  attempts: row.attempts,
  error: row.error,
  sentAt: row.sent_at,
  deliveredAt: row.delivered_at,
  readAt: row.read_at,
});
