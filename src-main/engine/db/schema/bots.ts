import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const bots = sqliteTable('bots', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['whatsapp', 'demo'] }).notNull(),
  status: text('status').notNull(),
  statusReason: text('status_reason'),
  phone: text('phone'),
  jid: text('jid'),
  /** The user wants this bot running: it starts again with the app. Cleared by stop. */
  autoStart: integer('auto_start', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  lastOnlineAt: integer('last_online_at'),
  /**
   * When `linkedPhone` first came online on this bot: a number's campaign warm-up counts from
   * here. Kept across relinks of the same number; a different number starts it again.
   */
  linkedAt: integer('linked_at'),
  linkedPhone: text('linked_phone'),
});

export const botFeatures = sqliteTable(
  'bot_features',
  {
    botId: text('bot_id')
      .notNull()
      .references(() => bots.id, { onDelete: 'cascade' }),
    feature: text('feature').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.botId, t.feature] })],
);

export const botEvents = sqliteTable(
  'bot_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    botId: text('bot_id')
      .notNull()
      .references(() => bots.id, { onDelete: 'cascade' }),
    ts: integer('ts').notNull(),
    kind: text('kind').notNull(),
    level: text('level').notNull(),
    message: text('message').notNull(),
  },
  // Newest-first paging by (ts, id) within one bot, optionally filtered by kind.
  (t) => [
    index('bot_events_page').on(t.botId, t.ts, t.id),
    index('bot_events_kind_page').on(t.botId, t.kind, t.ts, t.id),
  ],
);
