import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bots } from './bots';

/**
 * The people a bot talks to. WhatsApp addresses one person by phone-number JID
 * (`447…@s.whatsapp.net`) or by LID (`…@lid`); both point at one row once known.
 */
export const contacts = sqliteTable(
  'contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    botId: text('bot_id')
      .notNull()
      .references(() => bots.id, { onDelete: 'cascade' }),
    phoneJid: text('phone_jid'),
    lidJid: text('lid_jid'),
    /** What the person calls themselves (WhatsApp push name). */
    pushName: text('push_name'),
    /** They answered an opt-out word (STOP…): campaigns leave them out. */
    optedOutAt: integer('opted_out_at'),
    optedOutReason: text('opted_out_reason'),
    /** The name the business gave them (by hand or import); shown before the push name. */
    name: text('name'),
    notes: text('notes').notNull().default(''),
    /** Custom fields as a JSON object of strings (template variables). */
    fields: text('fields').notNull().default('{}'),
    source: text('source', { enum: ['whatsapp', 'manual', 'import'] })
      .notNull()
      .default('whatsapp'),
    /** Lowercased name (else number) kept by the writers: the Contacts page sorts and pages by it. */
    sortName: text('sort_name').notNull().default(''),
    createdAt: integer('created_at').notNull().default(0),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('contacts_sorted').on(t.botId, t.sortName, t.id),
    uniqueIndex('contacts_phone')
      .on(t.botId, t.phoneJid)
      .where(sql`phone_jid IS NOT NULL`),
    uniqueIndex('contacts_lid')
      .on(t.botId, t.lidJid)
      .where(sql`lid_jid IS NOT NULL`),
  ],
);

/** A contact's tags; campaigns pick their audience by tag, through the tag index. */
export const contactTags = sqliteTable(
  'contact_tags',
  {
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.tag] }), index('contact_tags_tag').on(t.tag, t.contactId)],
);

export const chats = sqliteTable(
  'chats',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    botId: text('bot_id')
      .notNull()
      .references(() => bots.id, { onDelete: 'cascade' }),
    /** The chat's one address: the phone JID of a person when known (else the LID), or the group JID. */
    jid: text('jid').notNull(),
    kind: text('kind', { enum: ['user', 'group'] }).notNull(),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    /** A group's subject; people are named from their contact. */
    title: text('title'),
    lastMessageId: integer('last_message_id'),
    /** Sort key of the chat list: the time of the newest message (or of creation). */
    lastTs: integer('last_ts').notNull(),
    unread: integer('unread').notNull().default(0),
    pinnedAt: integer('pinned_at'),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    mutedUntil: integer('muted_until'),
    /** A menu flow handed this chat to a person: automation stays quiet here until resumed. */
    handoffAt: integer('handoff_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('chats_jid').on(t.botId, t.jid),
    // The chat list: pinned first, then newest, paged by (last_ts, id).
    index('chats_list').on(t.botId, t.archived, t.lastTs, t.id),
    // The same list across every bot ("All bots"), paged by the same key.
    index('chats_list_all').on(t.archived, t.lastTs, t.id),
    // Pinned chats are a few per bot: this keeps reading them from scanning every chat.
    index('chats_pinned')
      .on(t.archived, t.pinnedAt)
      .where(sql`pinned_at IS NOT NULL`),
  ],
);

export const messages = sqliteTable(
  'messages',
  {
    // The rowid itself (no AUTOINCREMENT bookkeeping on the hottest insert path); the FTS index
    // is keyed by it.
    id: integer('id').primaryKey(),
    botId: text('bot_id')
      .notNull()
      .references(() => bots.id, { onDelete: 'cascade' }),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    /** WhatsApp's message id: unique within a chat and direction. */
    waId: text('wa_id').notNull(),
    fromMe: integer('from_me', { mode: 'boolean' }).notNull(),
    senderJid: text('sender_jid').notNull(),
    senderName: text('sender_name'),
    ts: integer('ts').notNull(),
    kind: text('kind').notNull(),
    /** The text, or a media caption. */
    text: text('text'),
    /** Outgoing only: pending (in the outbox), sent, delivered, read, played, failed. */
    status: text('status'),
    error: text('error'),
    quotedWaId: text('quoted_wa_id'),
    quotedText: text('quoted_text'),
    quotedSender: text('quoted_sender'),
    forwarded: integer('forwarded', { mode: 'boolean' }).notNull().default(false),
    editedAt: integer('edited_at'),
    /** The sender deleted it for everyone; with anti-delete on, `text` keeps the original. */
    deletedAt: integer('deleted_at'),
    /** JSON array of JIDs the bot's message mentions (tag-all, hidden tags); null for most. */
    mentions: text('mentions'),
    /**
     * Who sent one of the bot's own messages: 'person' (in Wren), 'bot:<stage>', 'campaign:<id>',
     * or 'phone' (the linked phone itself); null for others' messages and rows from before 0010.
     */
    origin: text('origin'),
    /** Starred in Wren: kept on this PC only. */
    starredAt: integer('starred_at'),
    /** Deleted for me: hidden in Wren, still on WhatsApp. */
    hiddenAt: integer('hidden_at'),
  },
  (t) => [
    uniqueIndex('messages_wa_id').on(t.chatId, t.fromMe, t.waId),
    // A thread, newest first, paged by (ts, id).
    index('messages_thread').on(t.chatId, t.ts, t.id),
    // The outbox: a bot's pending messages in the order they were written. Partial (0014): over
    // every message, each status change moved its entry, and the index took a tenth of the pages
    // a commit wrote at 1,000 messages a second; pending ones are a handful at any time.
    index('messages_outbox')
      .on(t.botId, t.id)
      .where(sql`status = 'pending'`),
    // A chat's starred messages, newest first: a handful among thousands, so a partial index.
    index('messages_starred')
      .on(t.chatId, t.ts, t.id)
      .where(sql`starred_at IS NOT NULL`),
  ],
);

export const reactions = sqliteTable(
  'reactions',
  {
    messageId: integer('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    senderJid: text('sender_jid').notNull(),
    emoji: text('emoji').notNull(),
    ts: integer('ts').notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.senderJid] })],
);
