import { ContractError } from '../../../src-shared/contract';

const NOT_A_TABLE = 'This does not look like a contacts table';
const EXPORT_CSV = 'Export your contacts as CSV (comma, semicolon or tab separated text) and choose that file.';

/** The refusal every "not a contacts table" case shares: what it is, then what to do. */
export const notATable = (what: string, todo = EXPORT_CSV): ContractError =>
  new ContractError('invalid_input', `${NOT_A_TABLE}: ${what}. ${todo}`);

/** What the start of a file says it is, for files people pick by mistake instead of a CSV. */
const SIGNATURES: { is: (head: string) => boolean; what: string; todo?: string }[] = [
  {
    // P K 3 4: a zip archive, which .xlsx and .ods files are.
    is: (head) => head.startsWith(`PK${String.fromCharCode(3, 4)}`),
    what: 'it is a spreadsheet workbook or a zip file (.xlsx, .ods, .zip), not CSV text',
    todo: 'In Excel choose File › Save As › CSV UTF-8; in Google Sheets File › Download › CSV; then import that file.',
  },
  { is: (head) => /^%PDF-/.test(head), what: 'it is a PDF document' },
  { is: (head) => /^(?:\uFFFD|\u0089|\u2030)PNG/.test(head), what: 'it is an image (PNG)' },
  {
    is: (head) => /^(?:\uFFFD{3,4}[\s\S]{0,4}(?:JFIF|Exif)|\u00FF\u00D8\u00FF)/.test(head),
    what: 'it is an image (JPEG)',
  },
  { is: (head) => /^GIF8[79]a/.test(head), what: 'it is an image (GIF)' },
  { is: (head) => /^RIFF[\s\S]{4}WEBP/.test(head), what: 'it is an image (WebP)' },
  { is: (head) => /^\s*(?:<\?xml[^>]*>\s*)?<svg[\s>]/i.test(head), what: 'it is an image (SVG)' },
  { is: (head) => /^\s*<(?:!doctype html|html[\s>])/i.test(head), what: 'it is a web page (HTML)' },
  {
    is: (head) => /^\s*BEGIN:VCARD/i.test(head),
    what: 'it is a vCard (.vcf) file',
    todo: 'Wren imports CSV: in Google Contacts choose Export › Google CSV, in Outlook Export contacts › CSV, then import that file.',
  },
];

/** Characters no text file has: C0 controls other than tab, line breaks and form feed; DEL; C1. */
const isControl = (code: number) =>
  code <= 8 || code === 11 || (code >= 14 && code <= 31) || (code >= 0x7f && code <= 0x9f);

const countControls = (text: string): number => {
  let n = 0;
  for (let i = 0; i < text.length; i += 1) if (isControl(text.charCodeAt(i))) n += 1;
  return n;
};

/**
 * Refuses text that is no table at all before trying to read it as one: a binary file (NUL
 * bytes, control characters, or invalid UTF-8 that the reader replaced with U+FFFD dominating),
 * an image, a zip or .xlsx, a PDF, a web page, a vCard, or JSON. Without this, random bytes read
 * as one odd column and "imported" 0 rows with no word of why.
 */
export const refuseNonTable = (text: string): void => {
  const head = text.replace(/^\uFEFF/, '').slice(0, 64 * 1024);
  for (const { is, what, todo } of SIGNATURES) if (is(head)) throw notATable(what, todo);
  if (head.includes(String.fromCharCode(0))) throw notATable('it is a binary file, not text');
  const controls = countControls(head);
  const replaced = head.match(/\uFFFD/g)?.length ?? 0;
  // A CSV saved as Windows-1252 and read as UTF-8 shows U+FFFD for its accented letters only;
  // a binary file shows it (or control characters) everywhere.
  if (controls > head.length * 0.02 || replaced > head.length * 0.3) {
    throw notATable('it is a binary file, not text');
  }
  if (looksLikeJson(text)) throw notATable('it is a JSON file');
};

const looksLikeJson = (text: string): boolean => {
  const body = text.trim();
  if (!/^[[{]/.test(body) || !/[\]}]$/.test(body)) return false;
  // Parsing a big file whole would hold the event loop; its first characters say enough.
  if (body.length > 1024 * 1024) return /^[[{]\s*["{[\d\]}]/.test(body);
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
};
