import { z } from 'zod';

/**
 * Characters that draw nothing: format characters (zero-width space and joiners, word joiner, BOM,
 * soft hyphen, bidi marks), controls, separators, lone combining marks, and the blank letters
 * people paste to look nameless (Hangul fillers, the braille blank, the Mongolian vowel separator).
 */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Z}\p{M}\s\u115F\u1160\u3164\uFFA0\u2800\u180E]/gu;

/** Whether a person would see anything of this text. */
export const hasVisibleText = (text: string): boolean => text.replace(INVISIBLE, '') !== '';

/**
 * A name typed by a person: trimmed, not empty, not made only of characters that draw nothing
 * (a contact or bot named "\u200B" would show as a blank row nobody can tell apart or click).
 */
export const visibleName = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Give the ${what} a name.`)
    .max(max, `Keep the name under ${max + 1} characters.`)
    // An empty name already has its own message from min(1).
    .refine(
      (name) => name === '' || hasVisibleText(name),
      `Give the ${what} a name with letters or digits you can see (this one is all blank characters).`,
    );
