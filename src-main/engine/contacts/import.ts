import type Database from 'better-sqlite3';
import type { CsvPreview, ImportMapping, ImportResult } from '../../../src-shared/contacts';
import { ContractError } from '../../../src-shared/contract';
import { guessMapping } from './columns';
import { readTable, type CsvRow, type CsvTable } from './csv';
import { writeImport, type ImportRow } from './import-writer';
import { phoneFromCell } from './phone-cell';
import { jidOfPhone } from './queries';
import { mappedColumns, readRow } from './row';
import { runSliced, watchOtherWrites, type WriteWatch } from './slices';
import { notATable, refuseNonTable } from './sniff';

/** Rows the column guess looks at (headers first, then what the cells hold). */
const GUESS_ROWS = 50;

/** The column of a first row that is already data (a phone number), or null for a header. */
const firstRowIsData = (table: CsvTable, defaultCountry: string): number | null => {
  const first = table.rows[0]?.cells ?? [];
  const index = first.findIndex((cell) => /\d{6,}/.test(cell) && 'phone' in phoneFromCell(cell, defaultCountry));
  return index === -1 ? null : index;
};

/** The file as a table with its header (or "Column N" names) and the rows below it. */
const tableOf = async (csv: string, defaultCountry: string) => {
  refuseNonTable(csv);
  const table = await readTable(csv);
  const dataColumn = firstRowIsData(table, defaultCountry);
  const width = Math.max(...table.rows.slice(0, GUESS_ROWS).map((r) => r.cells.length));
  const headers =
    dataColumn === null
      ? Array.from({ length: width }, (_, i) => table.rows[0]?.cells[i] || `Column ${i + 1}`)
      : Array.from({ length: width }, (_, i) => `Column ${i + 1}`);
  const body = dataColumn === null ? table.rows.slice(1) : table.rows;
  return { table, dataColumn, headers, body };
};

/** The columns, the first rows and a guessed mapping. Changes nothing. */
export const previewCsv = async (csv: string, defaultCountry: string): Promise<CsvPreview> => {
  const { table, dataColumn, headers, body } = await tableOf(csv, defaultCountry);
  return {
    columns: headers,
    sample: body.slice(0, 10).map((r) => r.cells),
    delimiter: table.delimiter,
    rows: body.length,
    mapping: guessMapping(
      headers,
      body.slice(0, GUESS_ROWS).map((r) => r.cells),
      defaultCountry,
      dataColumn,
    ),
  };
};

const sentence = (problem: string) => `${problem[0]?.toUpperCase() ?? ''}${problem.slice(1)}.`;

/**
 * Reads and checks every row through the mapping, in slices: the rows to write (each with what its
 * contact looked like now, so later edits by someone else are not overwritten), and every bad row
 * with its line and reason. Refuses a file whose phone columns hold no numbers at all.
 */
export const checkRows = async (args: {
  sqlite: Database.Database;
  botId: string;
  body: CsvRow[];
  headers: string[];
  mapping: ImportMapping;
  tags: string[];
  /** Tags in the bot's spelling, without repeats whatever their case. */
  spellTags(tags: Iterable<string>): string[];
  defaultCountry: string;
  progress(done: number, total: number): void;
}): Promise<{
  rows: ImportRow[];
  skipped: ImportResult['skipped'];
  notes: ImportResult['skipped'];
  watch: WriteWatch;
}> => {
  const { body, mapping } = args;
  const find = args.sqlite.prepare<
    [string, string],
    { id: number; name: string | null; fields: string; updated_at: number }
  >('SELECT id, name, fields, updated_at FROM contacts WHERE bot_id = ? AND phone_jid = ?');
  const watch = watchOtherWrites(args.sqlite);
  const rows: ImportRow[] = [];
  const skipped: ImportResult['skipped'] = [];
  const notes: ImportResult['skipped'] = [];
  const firstLineOf = new Map<string, number>();
  let digits = false;
  let next = 0;
  let reported = 0;
  await runSliced(() => {
    const source = body[next];
    if (!source) return false;
    next += 1;
    const { line, cells } = source;
    const read = readRow(cells, mapping, args.defaultCountry);
    if (!read.ok) {
      digits ||= read.digits;
      skipped.push({ line, reason: sentence(read.problem) });
    } else {
      digits = true;
      const { contact } = read;
      const earlier = firstLineOf.get(contact.phone);
      if (earlier !== undefined) {
        skipped.push({ line, reason: `${contact.phone} is already on line ${earlier} (duplicate).` });
      } else {
        firstLineOf.set(contact.phone, line);
        if (contact.note) notes.push({ line, reason: `${contact.phone} ${contact.note}` });
        const jid = jidOfPhone(contact.phone);
        const base = find.get(args.botId, jid);
        rows.push({
          line,
          jid,
          name: contact.name,
          tags: args.spellTags([...args.tags, ...contact.tags]),
          fields: contact.fields,
          base: base
            ? {
                id: base.id,
                name: base.name,
                fields: JSON.parse(base.fields) as Record<string, string>,
                fieldsText: base.fields,
                updatedAt: base.updated_at,
              }
            : null,
        });
      }
    }
    if (next - reported >= 1000 || next === body.length) {
      reported = next;
      args.progress(next, body.length);
    }
    return true;
  }, watch.resumed);
  if (!digits && body.length > 0) {
    const named = [mapping.phone, ...(mapping.morePhones ?? []).map((p) => p.column)]
      .map((c) => `“${args.headers[c] ?? `Column ${c + 1}`}”`)
      .join(', ');
    throw notATable(
      `no column holds phone numbers (${named} has none)`,
      'Choose the column with the numbers, or export your contacts as CSV with a phone column.',
    );
  }
  return { rows, skipped, notes, watch };
};

/**
 * Imports a CSV: every good row adds a contact or updates the one with that number, every bad row
 * is reported with its line and reason. Reading, checking and writing run in slices with the event
 * loop free between them; the import still lands whole or not at all (see import-writer.ts).
 */
export const importCsv = async (args: {
  sqlite: Database.Database;
  botId: string;
  csv: string;
  mapping: ImportMapping;
  tags: string[];
  spellTags(tags: Iterable<string>): string[];
  defaultCountry: string;
  now: number;
  progress(done: number, total: number): void;
}): Promise<ImportResult> => {
  const { headers, body } = await tableOf(args.csv, args.defaultCountry);
  const width = body.reduce((most, r) => Math.max(most, r.cells.length), headers.length);
  const outside = mappedColumns(args.mapping).find((column) => column >= width);
  if (outside !== undefined) {
    throw new ContractError(
      'invalid_input',
      `The file has ${width} columns; column ${outside + 1} does not exist. Check the mapping.`,
    );
  }
  const checked = await checkRows({ ...args, body, headers });
  const written = await writeImport({
    sqlite: args.sqlite,
    botId: args.botId,
    rows: checked.rows,
    now: args.now,
    watch: checked.watch,
  });
  const notes = [...checked.notes, ...written.notes].sort((a, b) => a.line - b.line);
  return { added: written.added, updated: written.updated, skipped: checked.skipped, notes };
};
