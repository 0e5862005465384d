import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { bots } from './bots';

/**
 * WhatsApp auth state per bot: the creds document (type 'creds', id '') and every signal key
 * (pre-key, session, sender-key, app-state-sync-key, ...). Values are JSON in Baileys' BufferJSON
 * encoding. Deleting a bot deletes its session.
 */
export const waAuth = sqliteTable(
  'wa_auth',
  {
    botId: text('bot_id')
      .notNull()
      .references(() => bots.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    id: text('id').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.botId, t.type, t.id] })],
);
