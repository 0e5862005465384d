import type { CountryCode } from 'libphonenumber-js/max';
import { validPhone } from '../bots/phone';

/**
 * A phone number as people keep them in spreadsheets, to E.164, or the reason it is not one.
 * Excel turns long numbers into 4.47700900123E+11 or 447700900123.0, keeps a leading apostrophe
 * or a ="…" formula to stop that, and people write 00 for +, spaces, dots, dashes and brackets.
 */
export const phoneFromCell = (cell: string, defaultCountry: string): { phone: string } | { problem: string } => {
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
