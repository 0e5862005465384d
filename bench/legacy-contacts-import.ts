/**
 * Today's contacts import (before the sliced writer of issue 12), kept only as the baseline of
 * bench/contacts-import.bench.ts: papaparse's delimiter guess, the phone cell reader, rows checked
 * in 250-row chunks, then every row written in one synchronous transaction. Not used by the app.
 */
import type Database from 'better-sqlite3';
import type { CountryCode } from 'libphonenumber-js/max';
import Papa from 'papaparse';
import { IMPORT_ROWS_MAX, type ImportMapping, type ImportResult } from '../src-shared/contacts';
import { ContractError } from '../src-shared/contract';
import { validPhone } from '../src-main/engine/bots/phone';
import { jidOfPhone } from '../src-main/engine/contacts/queries';

type CsvTable = {
  delimiter: ',' | ';' | '\t';
  rows: { line: number; cells: string[] }[];
};

/**
 * Reads CSV text as spreadsheets write it: a UTF-8 BOM, `,` `;` or tab between fields, quoted
 * fields holding delimiters and line breaks. Line numbers count the breaks inside quoted fields,
 * so a reported line is the one a text editor shows.
 */
const readCsv = (text: string): CsvTable => {
  const body = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(body, { delimitersToGuess: [',', ';', '\t'], skipEmptyLines: false });
  const guessed = parsed.meta.delimiter;
  const delimiter = guessed === ';' || guessed === '\t' ? guessed : ',';
  const rows: CsvTable['rows'] = [];
  let line = 1;
  for (const cells of parsed.data) {
    const breaks = cells.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    if (cells.some((cell) => cell.trim() !== '')) rows.push({ line, cells: cells.map((cell) => cell.trim()) });
    line += 1 + breaks;
  }
  return { delimiter, rows };
};

/**
 * A phone number as people keep them in spreadsheets, to E.164, or the reason it is not one.
 * Excel turns long numbers into 4.47700900123E+11 or 447700900123.0, keeps a leading apostrophe
 * or a ="…" formula to stop that, and people write 00 for +, spaces, dots, dashes and brackets.
 */
const phoneFromCell = (cell: string, defaultCountry: string): { phone: string } | { problem: string } => {
  let raw = cell.trim().replace(/^'/, '');
  const formula = /^="(.*)"$/.exec(raw);
  if (formula) raw = formula[1] ?? '';
  if (raw === '') return { problem: 'the phone number is empty' };
  const scientific = /^(\d+)(?:[.,](\d+))?[eE]\+?(\d+)$/.exec(raw);
  if (scientific) {
    const [, whole = '', fraction = '', exponent = '0'] = scientific;
    const digits = whole + fraction;
    const length = whole.length + Number(exponent);
    // Excel keeps 15 significant digits: a number longer than what it shows lost its last digits.
    if (length < digits.length || length > 15) {
      return { problem: `“${cell.trim()}” was shortened by a spreadsheet; format the column as text and export again` };
    }
    raw = digits.padEnd(length, '0');
  }
  raw = raw.replace(/\.0+$/, '').replace(/^00/, '+');
  if (!/^\+?[\d\s().\-/]+$/.test(raw)) return { problem: `“${cell.trim()}” is not a phone number` };
  const digitsOnly = raw.replace(/[^\d+]/g, '');
  const parsed = validPhone(digitsOnly, defaultCountry as CountryCode);
  if (!parsed) {
    return {
      problem: `“${cell.trim()}” is not a valid phone number (check the country code${
        digitsOnly.startsWith('+') ? '' : `; numbers without one are read as ${defaultCountry}`
      })`,
    };
  }
  return { phone: parsed };
};

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
export const legacyImportCsv = async (args: {
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
