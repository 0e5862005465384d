import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { ContractError } from '../../../src-shared/contract';

/**
 * Ofcom keeps 07700 900000–900999 for drama: no real phone has these numbers, libphonenumber
 * calls them invalid, and Wren's simulated customers use them. They are accepted as UK mobiles.
 */
const FICTIONAL_UK = /^\+447700900\d{3}$/;

/** E.164 of a valid number (or of the fictional UK range), else null. */
export const validPhone = (text: string, defaultCountry?: CountryCode): string | null => {
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  if (!parsed) return null;
  return parsed.isValid() || FICTIONAL_UK.test(parsed.number) ? parsed.number : null;
};

/**
 * Normalizes what a person typed to E.164 (+447911123456), or says exactly what to change.
 * Without a default country the number must carry its country code.
 */
export const normalizePhone = (input: string, defaultCountry?: CountryCode): string => {
  const raw = input.trim();
  if (raw.length === 0) throw new ContractError('invalid_input', 'Enter a phone number.');
  const cleaned = raw.replace(/^00/, '+');
  if (!cleaned.startsWith('+') && defaultCountry === undefined) {
    throw new ContractError(
      'invalid_input',
      `"${raw}" has no country code. Start it with + and the country code, for example +44 7911 123456.`,
    );
  }
  const parsed = validPhone(cleaned, defaultCountry);
  if (!parsed) {
    throw new ContractError(
      'invalid_input',
      `"${raw}" is not a valid phone number. Check the country code and the number of digits.`,
    );
  }
  return parsed;
};
