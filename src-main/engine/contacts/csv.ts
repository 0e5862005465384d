import Papa from 'papaparse';
import type { ImportMapping } from '../../../src-shared/contacts';

export type CsvTable = {
  delimiter: ',' | ';' | '\t';
  /** Every non-empty row with the line of the file it starts on (1-based). */
  rows: { line: number; cells: string[] }[];
};

/**
 * Reads CSV text as spreadsheets write it: a UTF-8 BOM, `,` `;` or tab between fields, quoted
 * fields holding delimiters and line breaks. Line numbers count the breaks inside quoted fields,
 * so a reported line is the one a text editor shows.
 */
export const readCsv = (text: string): CsvTable => {
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

const PHONE =
  /^(phone|mobile|cell|number|whatsapp|tel|telephone|phone number|mobile number|msisdn|celular|telefono|teléfono|handy)$/i;
const NAME = /^(name|full name|fullname|contact|contact name|customer|nombre|nom)$/i;
const TAGS = /^(tags?|labels?|groups?|segments?|lists?|etiquetas?|étiquettes?|etiketten?)$/i;

/** A header turned into a template variable name: letters, digits and _ only. */
export const fieldName = (header: string): string =>
  header
    .trim()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);

const RESERVED = new Set(['name', 'first_name', 'phone']);

/** Which column is which, guessed from the headers; every other named column is a custom field. */
export const guessMapping = (headers: string[], phoneColumn: number | null): ImportMapping => {
  const find = (pattern: RegExp) => {
    const index = headers.findIndex((h) => pattern.test(h.trim()));
    return index === -1 ? null : index;
  };
  const phone = phoneColumn ?? find(PHONE) ?? 0;
  const name = find(NAME);
  const tags = find(TAGS);
  const fields: Record<string, number> = {};
  headers.forEach((header, index) => {
    if (index === phone || index === name || index === tags) return;
    const key = fieldName(header);
    if (key && !RESERVED.has(key) && !/^column_\d+$/.test(key) && !(key in fields)) fields[key] = index;
  });
  return { phone, name, tags, fields };
};
