import type Database from 'better-sqlite3';
import type { Campaign, CampaignDraft, CampaignStatus, RecipientStatus } from '../../../src-shared/campaigns';
import { ContractError } from '../../../src-shared/contract';
import { toCsv } from '../../../src-shared/csv-cell';
import type { Clock } from '../clock';
import type { EngineEvents } from '../events';
import { planCampaign } from './plan';
import { knownFields, templateProblem } from './render';
import type { CampaignScheduler } from './scheduler';
import {
  campaignRow,
  canEdit,
  draftOf,
  storedDraft,
  toCampaign,
  toRecipient,
  type CampaignRow,
  type RecipientRow,
} from './store';

export type CampaignDeps = {
  sqlite: Database.Database;
  clock: Clock;
  events: EngineEvents;
  botExists(botId: string): boolean;
  /** Made after the service (it reports progress through it): read when first needed. */
  scheduler(): CampaignScheduler;
};

const CAN_PAUSE: CampaignStatus[] = ['scheduled', 'running'];
const CAN_CANCEL: CampaignStatus[] = ['draft', 'scheduled', 'running', 'paused'];

/** Campaigns as the user handles them: drafts, planning, pause, resume, cancel, reports. */
export const createCampaignService = (deps: CampaignDeps) => {
  const { sqlite, clock, events } = deps;

  const rowOrThrow = (id: number): CampaignRow => {
    const row = campaignRow(sqlite, id);
    if (!row) throw new ContractError('not_found', 'That campaign does not exist any more.');
    return row;
  };

  const view = (row: CampaignRow): Campaign => toCampaign(sqlite, row, deps.scheduler().expectedFinish(row.id));

  const changed = (id: number): Campaign => {
    const campaign = view(rowOrThrow(id));
    events.emit('campaign:progress', { campaign });
    return campaign;
  };

  const checkDraft = (botId: string, draft: CampaignDraft) => {
    const known = knownFields(sqlite, botId);
    draft.variants.forEach((variant, i) => {
      const problem = templateProblem(variant.text, known);
      if (problem) {
        // Under the variant's text in the form; the message line (and a toast) name the variant.
        throw new ContractError('invalid_input', draft.variants.length > 1 ? `Variant ${i + 1}: ${problem}` : problem, {
          [`draft.variants.${i}.text`]: problem,
        });
      }
    });
  };

  const setStatus = (id: number, from: CampaignStatus[], to: CampaignStatus, note: string | null, refusal: string) => {
    const row = rowOrThrow(id);
    if (!from.includes(row.status)) throw new ContractError('invalid_state', refusal.replace('{status}', row.status));
    sqlite.transaction(() => {
      sqlite.prepare('UPDATE campaigns SET status = ?, note = ? WHERE id = ?').run(to, note, id);
      if (to === 'cancelled') {
        sqlite
          .prepare("UPDATE campaign_recipients SET status = 'cancelled' WHERE campaign_id = ? AND status = 'queued'")
          .run(id);
      }
    })();
    deps.scheduler().wake();
    return changed(id);
  };

  return {
    /** Sent by the scheduler after it changed a campaign or its rows. */
    progress: (id: number): void => {
      const row = campaignRow(sqlite, id);
      if (row) events.emit('campaign:progress', { campaign: view(row) });
    },

    list: (botId?: string): Campaign[] =>
      (
        sqlite
          .prepare(`SELECT * FROM campaigns ${botId ? 'WHERE bot_id = ?' : ''} ORDER BY created_at DESC, id DESC`)
          .all(...(botId ? [botId] : [])) as CampaignRow[]
      ).map(view),

    get: (id: number): Campaign => view(rowOrThrow(id)),

    /** A new draft, or an edit of one that has not started (a scheduled one goes back to draft). */
    save(botId: string, id: number | undefined, draft: CampaignDraft): Campaign {
      if (!deps.botExists(botId)) throw new ContractError('not_found', 'That bot does not exist any more.');
      checkDraft(botId, draft);
      const json = JSON.stringify(draft);
      const existing = id === undefined ? undefined : rowOrThrow(id);
      if (existing && existing.bot_id !== botId)
        throw new ContractError('invalid_input', 'That campaign belongs to another bot.');
      if (existing && !canEdit(existing)) {
        throw new ContractError('invalid_state', 'This campaign has started; duplicate it to send an edited copy.');
      }
      // The write and the reply it makes in one transaction: a save that fails leaves nothing behind.
      const campaign = sqlite.transaction(() => {
        if (!existing) {
          const row = sqlite
            .prepare(
              "INSERT INTO campaigns (bot_id, name, status, draft, created_at) VALUES (?, ?, 'draft', ?, ?) RETURNING id",
            )
            .get(botId, draft.name, json, clock.now()) as { id: number };
          return view(rowOrThrow(row.id));
        }
        sqlite.prepare('DELETE FROM campaign_recipients WHERE campaign_id = ?').run(existing.id);
        sqlite
          .prepare(
            "UPDATE campaigns SET name = ?, draft = ?, status = 'draft', total = 0, excluded = '{}', note = NULL WHERE id = ?",
          )
          .run(draft.name, json, existing.id);
        return view(rowOrThrow(existing.id));
      })();
      events.emit('campaign:progress', { campaign });
      return campaign;
    },

    /** Plans every recipient's message and schedules the campaign. */
    async schedule(id: number): Promise<Campaign> {
      const row = rowOrThrow(id);
      if (row.status !== 'draft')
        throw new ContractError('invalid_state', `This campaign is ${row.status}; only a draft can be scheduled.`);
      const draft = draftOf(row);
      checkDraft(row.bot_id, draft);
      await planCampaign({ sqlite, campaignId: id, botId: row.bot_id, draft, now: clock.now() });
      deps.scheduler().wake();
      return changed(id);
    },

    pause: (id: number) =>
      setStatus(
        id,
        CAN_PAUSE,
        'paused',
        'Paused by you.',
        'Only a scheduled or sending campaign can be paused; this one is {status}.',
      ),
    resume: (id: number) =>
      setStatus(id, ['paused'], 'scheduled', null, 'Only a paused campaign can be resumed; this one is {status}.'),
    cancel: (id: number) =>
      setStatus(id, CAN_CANCEL, 'cancelled', 'Cancelled by you.', 'This campaign is already {status}.'),

    duplicate(id: number): Campaign {
      const row = rowOrThrow(id);
      // A flagged campaign's copy starts from its usable settings (the bad ones at their defaults).
      const draft = { ...storedDraft(row).draft, name: `${row.name} (copy)`.slice(0, 80), startAt: null };
      const copy = sqlite
        .prepare(
          "INSERT INTO campaigns (bot_id, name, status, draft, created_at) VALUES (?, ?, 'draft', ?, ?) RETURNING id",
        )
        .get(row.bot_id, draft.name, JSON.stringify(draft), clock.now()) as { id: number };
      return changed(copy.id);
    },

    remove(id: number): Record<string, never> {
      rowOrThrow(id);
      sqlite.prepare('DELETE FROM campaigns WHERE id = ?').run(id);
      return {};
    },

    recipients(args: { id: number; status: RecipientStatus | null; afterId: number; limit: number }) {
      rowOrThrow(args.id);
      const rows = sqlite
        .prepare(
          `SELECT * FROM campaign_recipients WHERE campaign_id = ? AND id > ? ${args.status ? 'AND status = ?' : ''} ORDER BY id LIMIT ?`,
        )
        .all(args.id, args.afterId, ...(args.status ? [args.status] : []), args.limit) as RecipientRow[];
      return rows.map(toRecipient);
    },

    /** The per-recipient report as CSV. */
    export(id: number) {
      const row = rowOrThrow(id);
      const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
      const rows = sqlite
        .prepare('SELECT * FROM campaign_recipients WHERE campaign_id = ? ORDER BY id')
        .all(id) as RecipientRow[];
      // Through the shared writer: names and texts come from customers, and a cell starting
      // with = + - @ would run as a formula in Excel.
      const csv = toCsv(
        ['phone', 'name', 'variant', 'status', 'attempts', 'error', 'sent_at', 'delivered_at', 'read_at', 'text'],
        rows.map((r) => [
          r.phone,
          r.name ?? '',
          r.variant + 1,
          r.status,
          r.attempts,
          r.error ?? '',
          iso(r.sent_at),
          iso(r.delivered_at),
          iso(r.read_at),
          r.text,
        ]),
      );
      const slug =
        row.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'campaign';
      return { fileName: `campaign-${slug}-report.csv`, csv };
    },
  };
};

export type CampaignService = ReturnType<typeof createCampaignService>;
