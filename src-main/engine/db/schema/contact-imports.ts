import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { bots } from './bots';

/**
 * Contact imports under way. A big import writes its rows in short slices, each its own
 * transaction, so the engine answers calls and customers between them; what each slice changed
 * is kept here (in the slice's own transaction) until the import completes, when its row is
 * deleted in one small step. An import that fails, or whose process is killed, is undone from
 * these rows (at once, or when the engine next starts): an import lands whole or not at all.
 */
export const contactImports = sqliteTable('contact_imports', {
  id: text('id').primaryKey(),
  botId: text('bot_id')
    .notNull()
    .references(() => bots.id, { onDelete: 'cascade' }),
  startedAt: integer('started_at').notNull(),
});

/** What one slice of an import changed, as JSON: the contacts it added, the values it replaced. */
export const contactImportUndo = sqliteTable(
  'contact_import_undo',
  {
    importId: text('import_id')
      .notNull()
      .references(() => contactImports.id, { onDelete: 'cascade' }),
    slice: integer('slice').notNull(),
    undo: text('undo').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.slice] })],
);
