import type Database from 'better-sqlite3';
import { IMPORT_ROWS_MAX, type CsvPreview, type ImportMapping, type ImportResult } from '../../../src-shared/contacts';
import { ContractError } from '../../../src-shared/contract';
import { guessMapping, readCsv, type CsvTable } from './csv';
import { phoneFromCell } from './phone-cell';
import { jidOfPhone } from './queries';

/**
 * Rows read between two yields to the event loop: the app stays responsive during a big import.
 * Normalizing a number costs ~0.1 ms (libphonenumber's full metadata), so 250 rows keep each
 * block near 25 ms; 2,000 made the loop's p99 delay ~290 ms in bench/contacts-import.bench.ts.
 */
const CHUNK = 250;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const firstRowIsData = (table: CsvTable, defaultCountry: string): number | null => {
  const first = table.rows[0]?.cells ?? [];
  const index = first.findIndex((cell) => /\d{6,}/.test(cell) && 'phone' in phoneFromCell(cell, defaultCountry));
  return index === -1 ? null : index;
};

const tableOf = (csv: string): CsvTable => {
  const table = readCsv(csv);
  if (table.rows.length === 0) throw new ContractError('invalid_input', 'The file has no rows.');
  if (table.rows.length > IMPORT_ROWS_MAX + 1) {
    throw new ContractError(
      'invalid_input',
      `The file has ${table.rows.length.toLocaleString('en')} rows; import at most ${IMPORT_ROWS_MAX.toLocaleString('en')} at a time.`,
    );
  }
  return table;
};

/** The columns, the first rows and a guessed mapping. Changes nothing. */
export const previewCsv = (csv: string, defaultCountry: string): CsvPreview => {
  const table = tableOf(csv);
  const dataColumn = firstRowIsData(table, defaultCountry);
  const width = Math.max(...table.rows.slice(0, 50).map((r) => r.cells.length));
  const headers =
    dataColumn === null
      ? Array.from({ length: width }, (_, i) => table.rows[0]?.cells[i] || `Column ${i + 1}`)
      : Array.from({ length: width }, (_, i) => `Column ${i + 1}`);
  const body = dataColumn === null ? table.rows.slice(1) : table.rows;
  return {
    columns: headers,
    sample: body.slice(0, 10).map((r) => r.cells),
    delimiter: table.delimiter,
    rows: body.length,
    mapping: guessMapping(headers, dataColumn),
  };
};

type GoodRow = { line: number; jid: string; name: string | null; tags: string[]; fields: Record<string, string> };

const splitTags = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(/[,;|]/)
    .map((t) => t.trim().slice(0, 40))
    .filter((t) => t !== '');

/**
 * Imports a CSV: every good row adds a contact or updates the one with that number, every bad row
 * is reported with its line and reason. Reading and checking yield to the event loop every few
 * thousand rows; the writing is one transaction, so the import commits whole or not at all.
 */
export const importCsv = async (args: {
  sqlite: Database.Database;
  botId: string;
  csv: string;
  mapping: ImportMapping;
  tags: string[];
  defaultCountry: string;
  now: number;
  progress(done: number, total: number): void;
}): Promise<ImportResult> => {
  const { mapping } = args;
  const table = tableOf(args.csv);
  const body = firstRowIsData(table, args.defaultCountry) === null ? table.rows.slice(1) : table.rows;
  const used = [mapping.phone, mapping.name, mapping.tags, ...Object.values(mapping.fields)].filter(
    (c): c is number => c !== null,
  );
  const width = Math.max(0, ...table.rows.map((r) => r.cells.length));
  const outside = used.find((column) => column >= width);
  if (outside !== undefined) {
    throw new ContractError(
      'invalid_input',
      `The file has ${width} columns; column ${outside + 1} does not exist. Check the mapping.`,
    );
  }
  const good: GoodRow[] = [];
  const skipped: ImportResult['skipped'] = [];
  const firstLineOf = new Map<string, number>();
  for (let start = 0; start < body.length; start += CHUNK) {
    for (const { line, cells } of body.slice(start, start + CHUNK)) {
      const phone = phoneFromCell(cells[mapping.phone] ?? '', args.defaultCountry);
      if ('problem' in phone) {
        skipped.push({ line, reason: `${phone.problem[0]?.toUpperCase() ?? ''}${phone.problem.slice(1)}.` });
        continue;
      }
      const earlier = firstLineOf.get(phone.phone);
      if (earlier !== undefined) {
        skipped.push({ line, reason: `${phone.phone} is already on line ${earlier} (duplicate).` });
        continue;
      }
      firstLineOf.set(phone.phone, line);
      const fields: Record<string, string> = {};
      for (const [key, column] of Object.entries(mapping.fields)) {
        const value = cells[column]?.slice(0, 500);
        if (value) fields[key] = value;
      }
      const name = mapping.name === null ? '' : (cells[mapping.name] ?? '').slice(0, 120);
      good.push({
        line,
        jid: jidOfPhone(phone.phone),
        name: name === '' ? null : name,
        tags: [...new Set([...args.tags, ...(mapping.tags === null ? [] : splitTags(cells[mapping.tags]))])],
        fields,
      });
    }
    args.progress(Math.min(body.length, start + CHUNK), body.length);
    await yieldToLoop();
  }
  const { added, updated } = writeRows(args.sqlite, args.botId, good, args.now);
  return { added, updated, skipped };
};

const writeRows = (sqlite: Database.Database, botId: string, rows: GoodRow[], now: number) => {
  const find = sqlite.prepare<[string, string], { id: number }>(
    'SELECT id FROM contacts WHERE bot_id = ? AND phone_jid = ?',
  );
  const insert = sqlite.prepare<[string, string, string | null, string, number, number], { id: number }>(
    `INSERT INTO contacts (bot_id, phone_jid, name, fields, source, updated_at, created_at)
       VALUES (?, ?, ?, ?, 'import', ?, ?) RETURNING id`,
  );
  const update = sqlite.prepare<[string | null, string, number, number]>(
    'UPDATE contacts SET name = coalesce(?, name), fields = json_patch(fields, ?), updated_at = ? WHERE id = ?',
  );
  const tag = sqlite.prepare<[number, string]>('INSERT OR IGNORE INTO contact_tags (contact_id, tag) VALUES (?, ?)');
  let added = 0;
  let updated = 0;
  sqlite.transaction(() => {
    for (const row of rows) {
      const existing = find.get(botId, row.jid);
      const fields = JSON.stringify(row.fields);
      let id: number;
      if (existing) {
        update.run(row.name, fields, now, existing.id);
        id = existing.id;
        updated += 1;
      } else {
        const inserted = insert.get(botId, row.jid, row.name, fields, now, now);
        if (!inserted) throw new Error('A contact could not be added.');
        id = inserted.id;
        added += 1;
      }
      for (const t of row.tags) tag.run(id, t);
    }
  })();
  return { added, updated };
};
