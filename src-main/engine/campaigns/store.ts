import type Database from 'better-sqlite3';
import {
  recipientStatusSchema,
  type Campaign,
  type CampaignDraft,
  type CampaignStatus,
  type Recipient,
  type RecipientStatus,
} from '../../../src-shared/campaigns';
import { ContractError } from '../../../src-shared/contract';
import { readDraft, type StoredDraft } from './stored-draft';

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

/**
 * Drafts read lately, by their stored text: every scheduler tick reads each active campaign's
 * draft (to skip unusable ones, then to send and to claim), and the text changes only on an edit.
 * Callers treat the result as read-only.
 */
const recentDrafts = new Map<string, StoredDraft>();
const RECENT_DRAFTS_MAX = 64;

/** The stored draft, read leniently: bad settings are reported, never thrown. */
export const storedDraft = (row: Pick<CampaignRow, 'draft'>): StoredDraft => {
  const known = recentDrafts.get(row.draft);
  if (known) return known;
  const read = readDraft(row.draft);
  if (recentDrafts.size >= RECENT_DRAFTS_MAX) recentDrafts.delete(recentDrafts.keys().next().value ?? '');
  recentDrafts.set(row.draft, read);
  return read;
};

/** Only a campaign that has not started may be edited (a scheduled one goes back to draft). */
export const canEdit = (row: Pick<CampaignRow, 'status' | 'started_at'>): boolean =>
  row.started_at === null && (row.status === 'draft' || row.status === 'scheduled');

/** The problem shown on a campaign whose stored settings cannot be used, saying what to do. */
export const problemOf = (row: CampaignRow, stored: StoredDraft = storedDraft(row)): Campaign['problem'] =>
  stored.issues
    ? {
        message: `This campaign is not sent: ${stored.issues.sentence} ${
          canEdit(row) ? 'Edit it to fix this.' : 'Duplicate it to send a fixed copy, or delete it.'
        }`,
        fields: stored.issues.fields,
      }
    : null;

/** The draft to send with; a campaign whose stored settings cannot be used is refused, in words. */
export const draftOf = (row: CampaignRow): CampaignDraft => {
  const stored = storedDraft(row);
  const problem = problemOf(row, stored);
  if (problem) throw new ContractError('invalid_state', problem.message);
  return stored.draft;
};

export const campaignRow = (sqlite: Database.Database, id: number): CampaignRow | undefined =>
  sqlite.prepare('SELECT * FROM campaigns WHERE id = ?').get(id) as CampaignRow | undefined;

/** Who was left out when planned, by reason; an unreadable column reads as nobody. */
const excludedOf = (json: string): Record<string, number> => {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number'));
  } catch {
    return {};
  }
};

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

export const toCampaign = (sqlite: Database.Database, row: CampaignRow, expectedFinishAt: number | null): Campaign => {
  const stored = storedDraft(row);
  return {
    id: row.id,
    botId: row.bot_id,
    name: row.name,
    status: row.status,
    draft: stored.draft,
    note: row.note,
    total: row.total,
    counts: countsOf(sqlite, row.id),
    excluded: excludedOf(row.excluded),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    expectedFinishAt,
    problem: problemOf(row, stored),
  };
};

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
