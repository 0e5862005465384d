import type { CountryCode } from 'libphonenumber-js/max';
import { validPhone } from '../bots/phone';

export type PhoneCell = { phone: string } | { problem: string; shortened?: true };

/**
 * Characters that draw nothing but ride along when a number is copied from a phone, WhatsApp or a
 * web page: zero-width spaces and joiners, the word joiner, BOM, soft hyphen, and the bidi marks
 * and embeddings (WhatsApp Web wraps numbers in U+202A…U+202C).
 */
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** Hyphens, dashes and the minus sign people and word processors put between digit groups. */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63]/g;

/** Excel's scientific notation, in either decimal separator, with or without the exponent's sign. */
const SCIENTIFIC = /^(\d+)(?:[.,](\d+))?[eE]([+-]?\d+)$/;
/** A number a spreadsheet wrote with decimals: 447700900123.0 or 447700900123,00. */
const DECIMAL_ZERO = /^(\d+)[.,]0+$/;
/** A number with thousands separators: 447,700,900,123. */
const THOUSANDS = /^\d{1,3}(?:,\d{3}){2,}$/;

/**
 * A cell as plain text: full-width digits and plus signs (＋４４…) to ASCII (NFKC), invisible
 * characters dropped, every kind of dash a hyphen, every kind of space (non-breaking, thin,
 * narrow) one space.
 */
export const plainCell = (cell: string): string =>
  cell.normalize('NFKC').replace(INVISIBLE, '').replace(DASHES, '-').replace(/\s+/g, ' ').trim();

/**
 * One phone number as people keep them in spreadsheets, to E.164, or the reason it is not one.
 * Excel turns long numbers into 4.47700900123E+11 or 447700900123.0, keeps a leading apostrophe
 * or a ="…" formula to stop that, and people write 00 for +, spaces, dots, dashes and brackets.
 *
 * A number Excel showed in scientific notation with fewer digits than it has (6,28123E+11 for
 * 628123456789) lost its last digits for good; filling them with zeros would give a stranger's
 * number, which a campaign would then message. Those are refused, never guessed.
 */
export const phoneFromCell = (cell: string, defaultCountry: string): PhoneCell => {
  const shown = cell.trim();
  let raw = plainCell(cell).replace(/^'/, '');
  const formula = /^="(.*)"$/.exec(raw);
  if (formula) raw = (formula[1] ?? '').trim();
  raw = raw.replace(/^tel:/i, '');
  if (raw === '') return { problem: 'the phone number is empty' };
  const scientific = SCIENTIFIC.exec(raw);
  if (scientific) {
    const digits = integerOfScientific(scientific);
    if (digits === null) return { problem: `“${shown}” is not a phone number` };
    if ('shortened' in digits) {
      return {
        problem: `“${shown}” was shortened by a spreadsheet (its last digits are lost); format the column as text and export again`,
        shortened: true,
      };
    }
    raw = digits.digits;
  }
  raw = raw.replace(DECIMAL_ZERO, '$1');
  if (THOUSANDS.test(raw)) raw = raw.replace(/,/g, '');
  raw = raw.replace(/^00/, '+');
  if (!/^\+?[\d\s().\-/]+$/.test(raw)) return { problem: `“${shown}” is not a phone number` };
  const digitsOnly = raw.replace(/[^\d+]/g, '');
  const parsed = validPhone(digitsOnly, defaultCountry as CountryCode);
  if (!parsed) {
    return {
      problem: `“${shown}” is not a valid phone number (check the country code${
        digitsOnly.startsWith('+') ? '' : `; numbers without one are read as ${defaultCountry}`
      })`,
    };
  }
  return { phone: parsed };
};

/**
 * The digits a scientific-notation cell stands for: null when it is not a whole number, and
 * shortened when its digits do not reach its length (the spreadsheet rounded them away) or it is
 * longer than the 15 significant digits Excel keeps.
 */
const integerOfScientific = (match: RegExpExecArray): { digits: string } | { shortened: true } | null => {
  const [, whole = '', fraction = '', exponent = '0'] = match;
  const power = Number(exponent);
  if (power < 0) return null;
  const significant = (whole + fraction).replace(/^0+/, '');
  const leadingZeros = (whole + fraction).length - significant.length;
  const length = whole.length + power - leadingZeros;
  if (length <= 0) return null;
  const kept = significant.slice(0, length);
  // Digits past the decimal point after shifting: zeros are fine (4.4770090012300E+11), others
  // mean a fraction, which no phone number has.
  if (/[1-9]/.test(significant.slice(length))) return null;
  if (kept.length < length || length > 15) return { shortened: true };
  return { digits: kept };
};

/** A cell that is one number however it is written (before looking for several in it). */
const isOneNumber = (text: string): boolean =>
  SCIENTIFIC.test(text) || DECIMAL_ZERO.test(text) || THOUSANDS.test(text) || /^="[^"]*"$/.test(text);

/**
 * The numbers in a cell that may hold several: Google joins values with " ::: ", people write
 * "07700 900123 / 07700 900124", "…; …", "…, …", one per line, or "… or …". A slash with no
 * spaces splits only when both sides are whole numbers (7+ digits): "030/1234567" is one
 * German number.
 */
export const numbersInCell = (cell: string): string[] => {
  const text = plainCell(cell.replace(/\r?\n|\r/g, ' ; '));
  if (text === '' || isOneNumber(text.replace(/^'/, ''))) return text === '' ? [] : [text];
  return text
    .split(/\s*(?::::|[;|]|,(?!\d{3}(?:\D|$))|\s\/\s|\s(?:or|oder|ou|o)\s)\s*/i)
    .flatMap((part) => {
      const pieces = part.split('/');
      return pieces.length > 1 && pieces.every((p) => p.replace(/\D/g, '').length >= 7) ? pieces : [part];
    })
    .map((part) => part.trim())
    .filter((part) => part !== '');
};
