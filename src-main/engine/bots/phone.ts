import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { ContractError } from '../../../src-shared/contract';

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
  const parsed = parsePhoneNumberFromString(cleaned, defaultCountry);
  if (!parsed || !parsed.isValid()) {
    throw new ContractError(
      'invalid_input',
      `"${raw}" is not a valid phone number. Check the country code and the number of digits.`,
    );
  }
  return parsed.number;
};
