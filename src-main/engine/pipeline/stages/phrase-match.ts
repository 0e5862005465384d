/**
 * Whole-word matching of a rule's words and phrases in a message, both already folded (case and
 * accents gone, spaces collapsed; see compiled.ts). "price" answers "Price?" and "the price is",
 * never "priceless"; a phrase is matched the same way as a run of words. Plain scans, linear in
 * the message for each phrase: nothing a customer sends can make it slow.
 */

const WORD = /[\p{L}\p{N}_]/u;
/** Scripts written without spaces between words: any position is a word edge there. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;

/** Whether `a` and `b`, side by side, run on as one word (so a match may not end between them). */
const joined = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && WORD.test(a) && WORD.test(b) && !UNSPACED.test(a) && !UNSPACED.test(b);

/** The character before `index` and at `index`, by code point (an emoji or CJK char is one). */
const before = (text: string, index: number) =>
  index > 0 ? String.fromCodePoint(text.codePointAt(index - 1) ?? 0) : undefined;
const charAt = (text: string, index: number) =>
  index < text.length ? String.fromCodePoint(text.codePointAt(index) ?? 0) : undefined;

const lastChar = (text: string) => [...text].at(-1);

/** Whether the phrase stands as whole words at `index` of the text. */
const standsAt = (text: string, phrase: string, index: number): boolean =>
  !joined(before(text, index), charAt(phrase, 0)) && !joined(lastChar(phrase), charAt(text, index + phrase.length));

export const containsPhrase = (text: string, phrase: string): boolean => {
  if (!phrase) return false;
  for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
    if (standsAt(text, phrase, at)) return true;
  }
  return false;
};

export const startsWithPhrase = (text: string, phrase: string): boolean =>
  phrase !== '' && text.startsWith(phrase) && standsAt(text, phrase, 0);

/** Punctuation around the whole message ("Price?", "¡Hola!") is not part of what was said. */
const PUNCTUATION_AROUND = /^[\p{P}\s]+|[\p{P}\s]+$/gu;

export const isPhrase = (text: string, phrase: string): boolean => {
  if (text === phrase) return true;
  const bare = phrase.replace(PUNCTUATION_AROUND, '');
  return bare !== '' && text.replace(PUNCTUATION_AROUND, '') === bare;
};
