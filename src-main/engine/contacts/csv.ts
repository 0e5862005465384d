import { IMPORT_ROWS_MAX } from '../../../src-shared/contacts';
import { ContractError } from '../../../src-shared/contract';
import { restoreCsvCell } from '../../../src-shared/csv-cell';
import { runSliced } from './slices';

export type Delimiter = ',' | ';' | '\t';

export type CsvRow = { line: number; cells: string[] };

export type CsvTable = {
  delimiter: Delimiter;
  /** Every non-empty row with the line of the file it starts on (1-based). */
  rows: CsvRow[];
};

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Reads CSV records one at a time, so a 40 MB file is read in slices between which the engine
 * answers other calls. RFC 4180 as spreadsheets write it: quoted fields hold delimiters, quotes
 * ("") and line breaks; CRLF, LF or CR end a record. Line numbers count the breaks inside quoted
 * fields, so a reported line is the one a text editor shows. A quote that never closes is taken
 * as a plain character (a lone " in a name must not swallow the rest of the file).
 */
export const csvReader = (text: string, delimiter: Delimiter, from = 0, firstLine = 1) => {
  const sep = delimiter.charCodeAt(0);
  let pos = text.charCodeAt(from) === 0xfeff ? from + 1 : from;
  let line = firstLine;

  const endOfLine = (at: number): number => {
    if (text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF) return at + 2;
    return at + 1;
  };

  /** An unquoted field from `start`: up to the next delimiter or line end. */
  const plainField = (start: number): [string, number] => {
    let i = start;
    for (; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (c === sep || c === LF || c === CR) break;
    }
    return [text.slice(start, i), i];
  };

  /** A quoted field from the quote at `start`, or null when it never closes. */
  const quotedField = (start: number): [string, number, number] | null => {
    let value = '';
    let from = start + 1;
    for (;;) {
      const close = text.indexOf('"', from);
      if (close === -1) return null;
      value += text.slice(from, close);
      if (text.charCodeAt(close + 1) === QUOTE) {
        value += '"';
        from = close + 2;
        continue;
      }
      // Anything between the closing quote and the delimiter is kept (`"a"b` reads as ab).
      const [rest, end] = plainField(close + 1);
      const breaks = value.match(/\r\n|\r|\n/g)?.length ?? 0;
      return [value + rest, end, breaks];
    }
  };

  return {
    get done() {
      return pos >= text.length;
    },
    /** How far into the text reading is (for progress). */
    get position() {
      return pos;
    },
    /** The next record with the line it starts on, or null at the end. */
    next(): CsvRow | null {
      if (pos >= text.length) return null;
      const cells: string[] = [];
      const startLine = line;
      for (;;) {
        let value: string;
        let end: number;
        const quoted = text.charCodeAt(pos) === QUOTE ? quotedField(pos) : null;
        if (quoted) {
          [value, end] = quoted;
          line += quoted[2];
        } else {
          [value, end] = plainField(pos);
        }
        cells.push(value);
        if (end >= text.length) {
          pos = end;
          return { line: startLine, cells };
        }
        if (text.charCodeAt(end) === sep) {
          pos = end + 1;
          // A delimiter at the very end of the text still ends a (last, empty) field.
          if (pos < text.length) continue;
          cells.push('');
          return { line: startLine, cells };
        }
        pos = endOfLine(end);
        line += 1;
        return { line: startLine, cells };
      }
    },
  };
};

/** Records looked at to tell the delimiter. */
const SNIFF_RECORDS = 30;

/**
 * Which of tab, semicolon and comma separates the fields, from the content: each is tried on the
 * first records (quotes respected), and the one that splits them most consistently into the
 * columns of the first row (more than one) wins. A row may have fewer cells than the header (an
 * editor trimmed its empty trailing ones), never more. Names and addresses hold commas in a tab-
 * or semicolon-separated file, but not in the same number on every line, and rarely in the
 * header; papaparse's guess looks only at how much the count changes from line to line, so a
 * tab-separated file of "Smith, Ana" names with some trailing cells trimmed read as commas.
 */
export const detectDelimiter = (text: string): Delimiter => {
  let best: { delimiter: Delimiter; fit: number; exact: number } | null = null;
  // On a tie the rarer character wins: a tab or a semicolon on every line is deliberate.
  for (const delimiter of ['\t', ';', ','] as const) {
    const reader = csvReader(text, delimiter);
    const widths: number[] = [];
    while (widths.length < SNIFF_RECORDS) {
      const row = reader.next();
      if (!row) break;
      if (row.cells.some((c) => c.trim() !== '')) widths.push(row.cells.length);
    }
    // The first row with several cells sets the width (a title line above the header has one).
    const width = widths.find((w) => w > 1);
    if (width === undefined) continue;
    const fit = widths.filter((w) => w > 1 && w <= width).length / widths.length;
    const exact = widths.filter((w) => w === width).length / widths.length;
    if (!best || fit > best.fit || (fit === best.fit && exact > best.exact)) best = { delimiter, fit, exact };
  }
  return best?.delimiter ?? ',';
};

/**
 * The whole table, read in slices: rows with any text, cells trimmed, and the apostrophe Wren's
 * export puts before a formula start taken off again. Refuses more rows than one import takes.
 */
export const readTable = async (text: string): Promise<CsvTable> => {
  // Excel's hint line ("sep=;") names the delimiter and is no row.
  const hint = /^\uFEFF?sep=([,;\t])\r?\n/i.exec(text.slice(0, 16));
  const delimiter = hint ? (hint[1] as Delimiter) : detectDelimiter(text);
  const reader = hint ? csvReader(text, delimiter, hint[0].length, 2) : csvReader(text, delimiter);
  const rows: CsvRow[] = [];
  await runSliced(() => {
    const row = reader.next();
    if (!row) return false;
    // In place: a 100,000-row file is allocation enough for the garbage collector.
    const { cells } = row;
    let text = false;
    for (let i = 0; i < cells.length; i += 1) {
      const cell = restoreCsvCell((cells[i] ?? '').trim());
      cells[i] = cell;
      text ||= cell !== '';
    }
    if (text) rows.push(row);
    if (rows.length > IMPORT_ROWS_MAX + 1) {
      throw new ContractError(
        'invalid_input',
        `The file has more than ${IMPORT_ROWS_MAX.toLocaleString('en')} rows; import at most ${IMPORT_ROWS_MAX.toLocaleString('en')} at a time (split the file).`,
      );
    }
    return true;
  });
  if (rows.length === 0) throw new ContractError('invalid_input', 'The file has no rows.');
  return { delimiter, rows };
};
