import { fieldNameProblem, TAG_MAX } from '../../../../src-shared/contacts';
import type { FormErrors } from '../../lib/errors';

/**
 * The checks the contact forms make before asking the engine, and where each sentence goes: the
 * same sentences the engine would send, under the field they concern, so a person never meets
 * `contact.fields.x: …`.
 */

/** A counter shows once text reaches this share of its limit. */
const COUNTER_FROM = 0.8;

/** "1,650 / 2,000" once text nears its limit, else null (no counter to distract). */
export const counterText = (length: number, max: number): string | null =>
  length >= max * COUNTER_FROM ? `${length.toLocaleString('en')} / ${max.toLocaleString('en')}` : null;

export type FieldDraft = { key: number; name: string; value: string };

/** A field's name as sent: trimmed, runs of spaces as one ("favourite  cake" is "favourite cake"). */
export const fieldNameOf = (row: FieldDraft): string => row.name.trim().replace(/\s+/g, ' ');

/** The engine names a refused field by its path (`fields.favourite cake`); the form by its row. */
const engineKey = (row: FieldDraft): string => `fields.${fieldNameOf(row)}`;
const rowKey = (row: FieldDraft): string => `row.${row.key}`;

/** Custom-field rows checked as the engine will: a name for each value, a good name, no repeats. */
export const checkFieldRows = (rows: readonly FieldDraft[]): FormErrors => {
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const name = fieldNameOf(row);
    if (name === '' && row.value.trim() === '') continue;
    const problem =
      name === ''
        ? 'Give this field a name, or remove the row.'
        : seen.has(name)
          ? `Two fields are called “${name}”; rename one.`
          : fieldNameProblem(name);
    seen.add(name);
    if (problem !== null) fields[rowKey(row)] = problem;
  }
  return { fields, general: null };
};

/** The sentence for a row: the form's own check, else the engine's for the field of that name. */
export const rowError = (errors: FormErrors, row: FieldDraft): string | null =>
  errors.fields[rowKey(row)] ?? (fieldNameOf(row) === '' ? null : (errors.fields[engineKey(row)] ?? null));

/** Editing a row clears its sentences (the form's and the engine's). */
export const clearRow = (errors: FormErrors, row: FieldDraft): FormErrors => {
  const fields = Object.fromEntries(
    Object.entries(errors.fields).filter(([key]) => key !== rowKey(row) && key !== engineKey(row)),
  );
  return { ...errors, fields };
};

/** Tags typed as "vip, spring sale" → ['vip', 'spring sale'], blanks dropped. */
const typedTags = (text: string): string[] =>
  text
    .split(/[,;]/)
    .map((tag) => tag.trim().replace(/\s+/g, ' '))
    .filter((tag) => tag !== '');

const same = (a: string, b: string) => a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();

/**
 * What typing `text` does to a contact's tags: one tag whatever its case (a chip "VIP" is not
 * added again as "vip"), written as the bot already spells it (a suggestion "VIP" wins over the
 * typed "vip"), or the sentence saying why it cannot be a tag.
 */
export const addTags = (
  current: readonly string[],
  text: string,
  suggestions: readonly string[] = [],
): { tags: string[]; problem: string | null } => {
  const tags = [...current];
  for (const typed of typedTags(text)) {
    if (typed.length > TAG_MAX) {
      return {
        tags: [...current],
        problem: `Keep tags under ${TAG_MAX + 1} characters (“${typed.slice(0, 20)}…” is ${typed.length}).`,
      };
    }
    if (tags.some((tag) => same(tag, typed))) continue;
    tags.push(suggestions.find((s) => same(s, typed)) ?? typed);
  }
  return { tags, problem: null };
};
