import { blob, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { messages } from './inbox';

/**
 * The file a message carries (photo, video, voice note, document, sticker). The bytes live in the
 * content-addressed media folder (named by their SHA-256, so one file sent twice is stored once);
 * this row says what the file is, where WhatsApp keeps it until downloaded, and a small thumbnail
 * the chat shows without touching the file.
 */
export const media = sqliteTable('media', {
  messageId: integer('message_id')
    .primaryKey()
    .references(() => messages.id, { onDelete: 'cascade' }),
  mime: text('mime').notNull(),
  fileName: text('file_name'),
  /** Bytes, when known (WhatsApp says up front; a simulated photo only once made). */
  size: integer('size'),
  width: integer('width'),
  height: integer('height'),
  seconds: integer('seconds'),
  /** remote (not downloaded yet), stored, failed (with `error`), too-large (over the cap). */
  state: text('state', { enum: ['remote', 'stored', 'failed', 'too-large'] }).notNull(),
  /** SHA-256 of the bytes once stored: the file's name in the media folder. */
  sha256: text('sha256'),
  /** A small JPEG for the chat view. */
  thumb: blob('thumb', { mode: 'buffer' }),
  /** How the transport fetches the file from WhatsApp (opaque to everything else). */
  ref: text('ref'),
  error: text('error'),
});
