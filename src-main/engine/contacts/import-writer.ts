import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ImportResult } from '../../../src-shared/contacts';
import { phoneOf } from './queries';
import { pastDeadline, sliceDeadline, yieldToLoop, type WriteWatch } from './slices';

/**
 * Writes an import's checked rows in slices of a few milliseconds, each its own transaction, so
 * bot replies and UI calls run between them; and keeps it all or nothing all the same.
 *
 * Why not one transaction: 100,000 rows took ~3 s in one, and the engine has one connection, so
 * nothing else could run meanwhile. Keeping one transaction open across yields would not help:
 * every other write on that connection would join it, to be lost with it on a kill or a failure.
 *
 * Instead each slice records, in its own transaction, how to undo what it wrote (the contacts it
 * added; the name, fields and tags it replaced) in `contact_import_undo`. Completing the import is
 * one small delete of its `contact_imports` row. A failure undoes the slices written so far; a
 * kill leaves the undo rows on disk, and the next start undoes them before anything reads the
 * contacts (`undoInterruptedImports`). Either way nothing of the import remains.
 *
 * Edits made by someone else meanwhile are kept, and said: each row carries what its contact
 * looked like when the row was checked, and a value changed since then is not overwritten (the
 * row gets a note instead). An undo leaves alone a contact changed since the import wrote it.
 */

/** A checked row, ready to write. */
export type ImportRow = {
  line: number;
  jid: string;
  name: string | null;
  tags: string[];
  fields: Record<string, string>;
  /** The contact with this number when the row was checked, or null if there was none. */
  base: {
    id: number;
    name: string | null;
    fields: Record<string, string>;
    fieldsText: string;
    updatedAt: number;
  } | null;
};

/** What one slice did, to take it back: [id, fingerprint] added; [id, name, fields, updated_at, tags added, fingerprint] changed. */
type Undo = {
  added: [number, number][];
  changed: [number, string | null, string, number, string[], number][];
};

type Current = { id: number; name: string | null; fields: string; updated_at: number };
type State = {
  name: string | null;
  fields: string;
  notes: string;
  opted_out_at: number | null;
  phone_jid: string | null;
};

/** FNV-1a: a short fingerprint of what a contact looked like, stored instead of a copy of it. */
const fingerprint = (state: State, tags: string[]): number => {
  const text = JSON.stringify([state.name, state.fields, state.notes, state.opted_out_at, state.phone_jid, tags]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
};

const sorted = (tags: Iterable<string>) => [...new Set(tags)].sort();

const statements = (sqlite: Database.Database) => ({
  begin: sqlite.prepare<[string, string, number]>(
    'INSERT INTO contact_imports (id, bot_id, started_at) VALUES (?, ?, ?)',
  ),
  saveUndo: sqlite.prepare<[string, number, string]>(
    'INSERT INTO contact_import_undo (import_id, slice, undo) VALUES (?, ?, ?)',
  ),
  finish: sqlite.prepare<[string]>('DELETE FROM contact_imports WHERE id = ?'),
  find: sqlite.prepare<[string, string], Current>(
    'SELECT id, name, fields, updated_at FROM contacts WHERE bot_id = ? AND phone_jid = ?',
  ),
  insert: sqlite.prepare<[string, string, string | null, string, number, number], { id: number }>(
    `INSERT INTO contacts (bot_id, phone_jid, name, fields, source, updated_at, created_at)
       VALUES (?, ?, ?, ?, 'import', ?, ?) RETURNING id`,
  ),
  update: sqlite.prepare<[string | null, string, number, number], State>(
    `UPDATE contacts SET name = ?, fields = json_patch(fields, ?), updated_at = ? WHERE id = ?
       RETURNING name, fields, notes, opted_out_at, phone_jid`,
  ),
  tagsOf: sqlite.prepare<[number], { tag: string }>('SELECT tag FROM contact_tags WHERE contact_id = ?'),
  tag: sqlite.prepare<[number, string]>('INSERT OR IGNORE INTO contact_tags (contact_id, tag) VALUES (?, ?)'),
  stateOf: sqlite.prepare<[number], State>(
    'SELECT name, fields, notes, opted_out_at, phone_jid FROM contacts WHERE id = ?',
  ),
  remove: sqlite.prepare<[number]>('DELETE FROM contacts WHERE id = ?'),
  restore: sqlite.prepare<[string | null, string, number, number]>(
    'UPDATE contacts SET name = ?, fields = ?, updated_at = ? WHERE id = ?',
  ),
  untag: sqlite.prepare<[number, string]>('DELETE FROM contact_tags WHERE contact_id = ? AND tag = ?'),
  slices: sqlite.prepare<[string], { slice: number; undo: string }>(
    'SELECT slice, undo FROM contact_import_undo WHERE import_id = ? ORDER BY slice DESC',
  ),
  dropSlice: sqlite.prepare<[string, number]>('DELETE FROM contact_import_undo WHERE import_id = ? AND slice = ?'),
  unfinished: sqlite.prepare<[], { id: string }>('SELECT id FROM contact_imports'),
});

type Statements = ReturnType<typeof statements>;

type Tally = { added: number; updated: number; notes: ImportResult['skipped'] };

/**
 * One row: add the contact, or update it without overwriting what changed since it was checked.
 * `quiet`: nothing else wrote since the row was checked, so its contact is as the row says.
 */
const writeRow = (
  s: Statements,
  botId: string,
  row: ImportRow,
  now: number,
  quiet: boolean,
  undo: Undo,
  tally: Tally,
) => {
  const { base } = row;
  const current = !quiet
    ? s.find.get(botId, row.jid)
    : base && { id: base.id, name: base.name, fields: base.fieldsText, updated_at: base.updatedAt };
  const phone = phoneOf(row.jid) ?? row.jid;
  if (!current) {
    if (base) {
      tally.notes.push({ line: row.line, reason: `${phone} was deleted while the import ran; it was not added back.` });
      return;
    }
    const fields = JSON.stringify(row.fields);
    const inserted = s.insert.get(botId, row.jid, row.name, fields, now, now);
    if (!inserted) throw new Error('A contact could not be added.');
    for (const t of row.tags) s.tag.run(inserted.id, t);
    const state = { name: row.name, fields, notes: '', opted_out_at: null, phone_jid: row.jid };
    undo.added.push([inserted.id, fingerprint(state, sorted(row.tags))]);
    tally.added += 1;
    return;
  }
  const seen: { name: string | null; fields: Record<string, string> } = base ?? { name: null, fields: {} };
  const kept: string[] = [];
  let name = current.name;
  if (row.name !== null && row.name !== current.name) {
    if (current.name === seen.name) name = row.name;
    else kept.push(`its name “${current.name ?? ''}” (the file says “${row.name}”)`);
  }
  const have = JSON.parse(current.fields) as Record<string, string>;
  const patch: Record<string, string> = {};
  for (const [key, value] of Object.entries(row.fields)) {
    if (have[key] === value) continue;
    if (have[key] === seen.fields[key]) patch[key] = value;
    else kept.push(`its ${key} “${have[key] ?? ''}” (the file says “${value}”)`);
  }
  if (kept.length > 0) {
    tally.notes.push({
      line: row.line,
      reason: `${phone} was changed while the import ran; kept ${kept.join(' and ')}.`,
    });
  }
  const before = new Set(s.tagsOf.all(current.id).map((t) => t.tag));
  const after = s.update.get(name, JSON.stringify(patch), now, current.id);
  if (!after) throw new Error('A contact could not be updated.');
  const added = row.tags.filter((t) => !before.has(t));
  for (const t of added) s.tag.run(current.id, t);
  undo.changed.push([
    current.id,
    current.name,
    current.fields,
    current.updated_at,
    added,
    fingerprint(after, sorted([...before, ...added])),
  ]);
  tally.updated += 1;
};

/** Takes back one slice, newest change first; a contact someone changed since is left as it is. */
const undoSlice = (s: Statements, importId: string, slice: { slice: number; undo: string }) => {
  const undo = JSON.parse(slice.undo) as Undo;
  const unchanged = (id: number, print: number) => {
    const state = s.stateOf.get(id);
    return state !== undefined && fingerprint(state, sorted(s.tagsOf.all(id).map((t) => t.tag))) === print;
  };
  for (const [id, name, fields, updatedAt, tags, print] of undo.changed.reverse()) {
    if (!unchanged(id, print)) continue;
    s.restore.run(name, fields, updatedAt, id);
    for (const t of tags) s.untag.run(id, t);
  }
  for (const [id, print] of undo.added.reverse()) if (unchanged(id, print)) s.remove.run(id);
  s.dropSlice.run(importId, slice.slice);
};

/** Takes back every slice of an import, one transaction per slice, yielding between them. */
const undoImport = async (sqlite: Database.Database, s: Statements, importId: string) => {
  for (const slice of s.slices.all(importId)) {
    sqlite.transaction(() => undoSlice(s, importId, slice))();
    await yieldToLoop();
  }
  sqlite.transaction(() => s.finish.run(importId))();
};

/**
 * Undoes the imports a killed process left half written, before anything reads the contacts.
 * Runs at start, in one transaction: a kill during it leaves the same work for the next start.
 */
export const undoInterruptedImports = (sqlite: Database.Database): number => {
  const s = statements(sqlite);
  const unfinished = s.unfinished.all();
  if (unfinished.length === 0) return 0;
  sqlite.transaction(() => {
    for (const { id } of unfinished) {
      for (const slice of s.slices.all(id)) undoSlice(s, id, slice);
      s.finish.run(id);
    }
  })();
  return unfinished.length;
};

/**
 * Writes the rows, all or nothing: added and updated counts, and notes for rows where someone
 * else's change was kept. On failure what was written is undone and the error is rethrown.
 */
export const writeImport = async (args: {
  sqlite: Database.Database;
  botId: string;
  rows: ImportRow[];
  now: number;
  /** Whether anything else wrote since the rows were checked (else each contact is read again). */
  watch?: WriteWatch;
  /** Called after each slice commits (tests take a copy of the file here, as a kill would leave it). */
  onSlice?: (written: number) => void;
}): Promise<Tally> => {
  const { sqlite, botId, rows, now } = args;
  const s = statements(sqlite);
  const importId = randomUUID();
  const tally: Tally = { added: 0, updated: 0, notes: [] };
  const { watch } = args;
  // Someone may have written since the last row was checked (a listener of the progress event).
  watch?.resumed();
  sqlite.transaction(() => s.begin.run(importId, botId, now))();
  watch?.mine();
  let next = 0;
  try {
    for (let slice = 0; next < rows.length; slice += 1) {
      watch?.resumed();
      const quiet = watch?.quiet ?? false;
      const deadline = sliceDeadline();
      next = sqlite.transaction(() => {
        const undo: Undo = { added: [], changed: [] };
        let i = next;
        while (i < rows.length) {
          const row = rows[i];
          i += 1;
          if (row) writeRow(s, botId, row, now, quiet, undo, tally);
          if (pastDeadline(deadline)) break;
        }
        s.saveUndo.run(importId, slice, JSON.stringify(undo));
        return i;
      })();
      watch?.mine();
      args.onSlice?.(next);
      await yieldToLoop();
    }
  } catch (error) {
    // If undoing fails too (the disk is full), its rows stay and the next start undoes them;
    // the error to report is still the first one.
    await undoImport(sqlite, s, importId).catch(() => undefined);
    throw error;
  }
  // The import's one atomic step: from here on it is whole.
  sqlite.transaction(() => s.finish.run(importId))();
  return tally;
};
