/**
 * Writing CSV that spreadsheets open safely, and reading back what Wren wrote.
 *
 * Every CSV Wren writes (contacts, campaign reports, later analytics) holds text that customers
 * chose: a WhatsApp name like `=HYPERLINK("http://evil","Click")` or `@SUM(A1)` is a formula to
 * Excel, LibreOffice and Google Sheets, which run it when the file is opened. OWASP's advice
 * (CSV injection) is followed: a cell that begins with = + - @ tab or carriage return gets a
 * leading apostrophe, which spreadsheets read as "this is text", and is quoted.
 *
 * No dependencies: both the engine and the renderer may write CSV.
 */

/**
 * A cell that needs the apostrophe: a formula start, possibly behind apostrophes already (so
 * `'=x` written by someone else becomes `''=x` and reads back as `'=x`, not as `=x`).
 */
const NEEDS_APOSTROPHE = /^'*[=+\-@\t\r]/;

export type CsvValue = string | number | boolean | null | undefined;

/** A value as one CSV cell: neutralised if a spreadsheet would run it, quoted where needed. */
export const csvCell = (value: CsvValue): string => {
  const text = value === null || value === undefined ? '' : String(value);
  if (NEEDS_APOSTROPHE.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  // Quoted like RFC 4180 (and Papa.unparse before): separators, quotes, line breaks, and edge
  // spaces that a reader would otherwise trim away.
  if (/[",;\r\n\t]/.test(text) || /^\s|\s$/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
};

/**
 * The UTF-8 byte order mark. Excel reads a CSV without it in the PC's legacy code page, so "João"
 * shows as "JoÃ£o" and Arabic as noise; with it, Excel reads UTF-8. Readers (Wren's own import,
 * papaparse, LibreOffice, Google Sheets) skip it.
 */
export const CSV_BOM = '\uFEFF';

/** A whole CSV file: the BOM, the header row, then the rows, comma-separated, CRLF line ends. */
export const toCsv = (header: readonly string[], rows: readonly (readonly CsvValue[])[]): string =>
  CSV_BOM + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n');

/**
 * A cell as Wren wrote it, read back: the apostrophe `csvCell` put before a formula start is taken
 * off again, so a name `=Ana=` or a phone `+447…` imports as it was exported. Cells that were not
 * neutralised (no apostrophe followed by a formula start) come back unchanged.
 */
export const restoreCsvCell = (cell: string): string =>
  cell.startsWith("'") && NEEDS_APOSTROPHE.test(cell.slice(1)) ? cell.slice(1) : cell;
