import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { bots } from './bots';
import { contacts } from './inbox';

/** App-wide settings as key → JSON value (the default country for phone numbers, …). */
export const appSettings = sqliteTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Message templates; an edit bumps `version` and keeps the text it replaced. */
export const templates = sqliteTable('templates', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  text: text('text').notNull(),
  /** `templateMediaSchema` as JSON, or null. */
  media: text('media'),
  version: integer('version').notNull().default(1),
  updatedAt: integer('updated_at').notNull(),
});

export const templateVersions = sqliteTable(
  'template_versions',
  {
    templateId: integer('template_id')
      .notNull()
      .references(() => templates.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    text: text('text').notNull(),
    media: text('media'),
    savedAt: integer('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.version] })],
);

/**
 * A campaign: its draft (`campaignDraftSchema` as JSON, validated on every save) and the state the
 * scheduler keeps. `next_send_at` is the throttle written down, so a restart never bursts.
 */
export const campaigns = sqliteTable(
  'campaigns',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    botId: text('bot_id')
      .notNull()
      .references(() => bots.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    status: text('status', { enum: ['draft', 'scheduled', 'running', 'paused', 'done', 'cancelled'] }).notNull(),
    draft: text('draft').notNull(),
    note: text('note'),
    /** JSON: reason → how many the plan left out. */
    excluded: text('excluded').notNull().default('{}'),
    total: integer('total').notNull().default(0),
    /** Earliest time the next message may go (throttle, pauses, backoff of the whole campaign). */
    nextSendAt: integer('next_send_at').notNull().default(0),
    /** Messages sent since the last long pause. */
    sincePause: integer('since_pause').notNull().default(0),
    /** Adaptive safety: 1 normally, 2 or more after WhatsApp pushed back (delays are multiplied). */
    slowdown: integer('slowdown').notNull().default(1),
    /** Failures in a row (a run pauses the campaign). */
    failStreak: integer('fail_streak').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
  },
  (t) => [index('campaigns_active').on(t.status, t.botId)],
);

/**
 * The campaign outbox: one row per recipient, written when the campaign is planned, with the
 * final text and WhatsApp message id fixed up front: a send repeated after a crash is the same
 * message, which WhatsApp keeps once.
 */
export const campaignRecipients = sqliteTable(
  'campaign_recipients',
  {
    id: integer('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    jid: text('jid').notNull(),
    phone: text('phone').notNull(),
    name: text('name'),
    variant: integer('variant').notNull(),
    text: text('text').notNull(),
    waId: text('wa_id').notNull(),
    status: text('status', {
      enum: ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'cancelled'],
    }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** A retry waits until then. */
    dueAt: integer('due_at').notNull().default(0),
    error: text('error'),
    sentAt: integer('sent_at'),
    deliveredAt: integer('delivered_at'),
    readAt: integer('read_at'),
    repliedAt: integer('replied_at'),
  },
  (t) => [
    // The scheduler reads only what is due: the next queued row of a campaign, by this index.
    index('campaign_recipients_due').on(t.campaignId, t.status, t.dueAt, t.id),
    // Receipts arrive by WhatsApp message id.
    index('campaign_recipients_wa_id').on(t.waId),
    // A customer's reply finds the campaign message it answers (every incoming private message).
    index('campaign_recipients_jid').on(t.jid, t.sentAt),
  ],
);

/** Messages a bot sent by campaign per local day: the daily cap and the warm-up read this. */
export const sendDays = sqliteTable(
  'send_days',
  {
    botId: text('bot_id')
      .notNull()
      .references(() => bots.id, { onDelete: 'cascade' }),
    /** YYYY-MM-DD in the campaign's time zone. */
    day: text('day').notNull(),
    sent: integer('sent').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.botId, t.day] })],
);
