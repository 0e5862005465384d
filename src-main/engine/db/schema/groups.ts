import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { chats } from './inbox';

/** What a group chat is: its subject and settings as WhatsApp last told them. */
export const groups = sqliteTable('groups', {
  chatId: integer('chat_id')
    .primaryKey()
    .references(() => chats.id, { onDelete: 'cascade' }),
  subject: text('subject').notNull(),
  description: text('description'),
  ownerJid: text('owner_jid'),
  /** Only admins may send messages. */
  announce: integer('announce', { mode: 'boolean' }).notNull().default(false),
  updatedAt: integer('updated_at').notNull(),
});

/** Who is in a group, and who may run it (the pipeline's group-admin commands read this too). */
export const groupMembers = sqliteTable(
  'group_members',
  {
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    /** A phone JID when WhatsApp tells it, else a LID. */
    jid: text('jid').notNull(),
    role: text('role', { enum: ['member', 'admin', 'superadmin'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.jid] })],
);
