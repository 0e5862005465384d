import type Database from 'better-sqlite3';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * Searching contacts the way message search folds text (FTS5's `remove_diacritics`): "joao" finds
 * João and "ELODIE" finds Élodie, and a number typed the way people say it at home ("07911 123456"
 * to a UK bot, "(555) 123-4567" to a US one) finds the contact stored as +447911123456.
 *
 * No index can serve "contains", so a search reads the bot's rows once, in table order (tens of
 * milliseconds for 100,000 contacts): SQLite's own LIKE compares the plain-ASCII names most rows
 * have, and only names with other characters are folded in JavaScript (and remembered).
 */

/**
 * Letters that carry their "accent" in the letter itself, so Unicode does not decompose them.
 * (ß, æ, œ and þ stay: they fold to two letters, which a one-letter GLOB class cannot match.)
 */
const BASE_LETTER: Record<string, string> = { ı: 'i', ø: 'o', đ: 'd', ł: 'l', ħ: 'h', ŧ: 't', ð: 'd' };

/** Case and accents folded: "João" → "joao", "ÉLODIE" → "elodie", "Çağrı" → "cagri". */
export const foldText = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ıøđłħŧð]/g, (ch) => BASE_LETTER[ch] ?? ch)
    .normalize('NFC');

/** Folded names kept between searches: typing "j", "jo", "joa" folds the same names each time. */
const FOLD_CACHE_MAX = 250_000;

/** Registers `wren_fold(text)` on a connection, for the names with more than ASCII in them. */
export const registerFold = (sqlite: Database.Database): void => {
  const cache = new Map<string, string>();
  sqlite.function('wren_fold', { deterministic: true }, (text: unknown) => {
    if (typeof text !== 'string') return '';
    let folded = cache.get(text);
    if (folded === undefined) {
      if (cache.size >= FOLD_CACHE_MAX) cache.clear();
      folded = foldText(text);
      cache.set(text, folded);
    }
    return folded;
  });
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** What a typed number may stand for: the digits to look for inside stored numbers. */
export const numberPatterns = (query: string, countries: readonly string[]): string[] => {
  if (!/^[\d\s+().\-/]+$/.test(query)) return [];
  const digits = query.replace(/\D/g, '');
  if (digits.length === 0) return [];
  const patterns = new Set([digits]);
  if (!query.trim().startsWith('+') && !digits.startsWith('00')) {
    // A national number: the trunk prefix ("0" in the UK, "1" in the US…) is no part of the
    // international form, so a whole number is read as the bot's country would dial it, and a
    // partial one is looked for without its leading zeros.
    for (const country of countries) {
      const parsed = parsePhoneNumberFromString(query, country as CountryCode);
      if (parsed && parsed.nationalNumber.length >= 6) patterns.add(parsed.number.slice(1));
    }
    const national = digits.replace(/^0+/, '');
    if (national.length >= 3) patterns.add(national);
  }
  return [...patterns];
};

/**
 * The clause (over `contacts c`) and parameters for a typed search: names folded, numbers read in
 * the bot's country. An empty query is no clause.
 */
export const searchSql = (query: string, countries: readonly string[]): { clause: string; params: string[] } | null => {
  const folded = foldText(query.trim());
  if (folded === '') return null;
  const like = `%${escapeLike(folded)}%`;
  const numbers = numberPatterns(query, countries);
  // SQLite's LIKE ignores ASCII case itself; only names with other characters need folding
  // (length in characters differs from length in bytes), and only for a query with letters.
  const fold = /\p{L}/u.test(folded);
  const folding = (column: string) =>
    `(length(${column}) <> octet_length(${column}) AND wren_fold(${column}) LIKE ? ESCAPE '\\')`;
  const clauses = [
    `c.sort_name LIKE ? ESCAPE '\\'`,
    `c.push_name LIKE ? ESCAPE '\\'`,
    ...(fold ? [folding('c.sort_name'), folding('c.push_name')] : []),
    ...numbers.map(() => 'c.phone_jid LIKE ?'),
  ];
  return {
    clause: `(${clauses.join(' OR ')})`,
    params: [like, like, ...(fold ? [like, like] : []), ...numbers.map((digits) => `%${digits}%@%`)],
  };
};

/**
 * The country a number belongs to (+44… → GB), or null when it tells none. A number outside the
 * ranges libphonenumber knows (a demo bot's fictional +44 7700 900…) names its calling code's main
 * country, which is what its customers dial at home.
 */
export const countryOfPhone = (phone: string | null): string | null => {
  const parsed = phone === null ? undefined : parsePhoneNumberFromString(phone);
  return parsed?.country ?? parsed?.getPossibleCountries()[0] ?? null;
};
