import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { bots } from './bots';
import { chats } from './inbox';

/**
 * A bot's automations as one JSON document, validated with `automationConfigSchema` on every
 * save: the page saves a part at a time, and one row means a save is one atomic change.
 */
export const automationConfigs = sqliteTable('automation_configs', {
  botId: text('bot_id')
    .primaryKey()
    .references(() => bots.id, { onDelete: 'cascade' }),
  config: text('config').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Members the owner made premium (they may run premium commands). */
export const premiumMembers = sqliteTable(
  'premium_members',
  {
    botId: text('bot_id')
      .notNull()
      .references(() => bots.id, { onDelete: 'cascade' }),
    jid: text('jid').notNull(),
    addedAt: integer('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.botId, t.jid] })],
);

/** A group's moderation and greetings (`groupSettingsSchema` as JSON). */
export const groupSettings = sqliteTable('group_settings', {
  chatId: integer('chat_id')
    .primaryKey()
    .references(() => chats.id, { onDelete: 'cascade' }),
  settings: text('settings').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Warnings given to a member of a group; at the group's limit the bot removes them. */
export const warnings = sqliteTable(
  'warnings',
  {
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    jid: text('jid').notNull(),
    count: integer('count').notNull(),
    lastReason: text('last_reason'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.jid] })],
);

/** Every command run: who, where, what, the result and how long it took (newest kept, see pruning). */
export const commandRuns = sqliteTable(
  'command_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    botId: text('bot_id')
      .notNull()
      .references(() => bots.id, { onDelete: 'cascade' }),
    chatId: integer('chat_id').references(() => chats.id, { onDelete: 'set null' }),
    senderJid: text('sender_jid').notNull(),
    command: text('command').notNull(),
    result: text('result').notNull(),
    ms: real('ms').notNull(),
    ts: integer('ts').notNull(),
  },
  (t) => [index('command_runs_bot').on(t.botId, t.id)],
);
