/**
 * The `{{first_name}}` of a contact: the given name an import kept (the custom field
 * `given_name`), else a first name read from the full name, else null (the template's fallback
 * shows). Names come from WhatsApp profiles and spreadsheets, so "Smith, John", "Dr. Ana Lima",
 * "<img src=x>" or "+44 7700 900123" must never greet anyone as "Smith," or "<img".
 */

/** Field name under which an import keeps the given name ("First name" column). */
export const GIVEN_NAME_FIELD = 'given_name';

/** Titles and honorifics said before a name, compared without case, dots or accents. */
// Not "Don" or "Dona": they are first names too.
const TITLES = new Set(
  'mr mrs ms miss mx dr prof sir dame rev sr sra srta dra herr frau mme mlle sig sigra ing'.split(' '),
);

/** Letters of any script (with their combining marks). */
const LETTER = /\p{L}/u;
/** Punctuation and symbols around a word: brackets, quotes, commas, dots, emoji… */
const EDGES = /^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu;

const plain = (word: string): string => word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\./g, '');

/** The first word of a name that is a name: with letters, not a title, edges stripped. */
const firstWord = (words: readonly string[]): string | null => {
  for (const raw of words) {
    // "<img" and "src=x>" are markup, "+44" a number: a word with letters, not inside markup.
    if (/[<>=@/\\]/.test(raw)) continue;
    const word = raw.replace(EDGES, '');
    if (word === '' || !LETTER.test(word)) continue;
    if (TITLES.has(plain(word))) continue;
    return word;
  }
  return null;
};

/** "Smith, John" → John; "Dr. Ana Lima" → Ana; "Madonna" → Madonna; "<img +44" → null. */
export const firstNameOf = (name: string | null | undefined): string | null => {
  const text = (name ?? '').normalize('NFC').trim();
  if (text === '') return null;
  // "Family, Given": one comma between two parts that both hold letters (a list style, not a
  // sentence), the way exports and phone books write it.
  const comma = /^([^,]+),([^,]+)$/.exec(text);
  if (comma && LETTER.test(comma[1] ?? '') && LETTER.test(comma[2] ?? '')) {
    const given = firstWord((comma[2] ?? '').split(/\s+/));
    if (given !== null) return given;
  }
  return firstWord(text.split(/\s+/));
};

/** The contact's first name: its given-name field when it has one, else read from its name. */
export const firstNameFor = (contact: {
  name: string | null | undefined;
  fields?: Readonly<Record<string, string>> | undefined;
}): string | null => {
  // A given name is kept whole ("Mary Ann"), as long as it reads as a name.
  const given = (contact.fields?.[GIVEN_NAME_FIELD] ?? '').normalize('NFC').trim();
  if (LETTER.test(given) && !/[<>=@/\\]/.test(given)) return given.replace(EDGES, '');
  return firstNameOf(contact.name);
};
