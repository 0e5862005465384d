import type Database from 'better-sqlite3';
import { BUILT_IN_FIELDS } from '../../../src-shared/contacts';
import { firstNameFor } from '../../../src-shared/first-name';
import { seeded, spin, spintaxProblem } from '../../../src-shared/spintax';
import { renderTemplate, variablesWithoutFallback } from '../../../src-shared/template';

/** What a template may fill in for one contact. */
export type RecipientFacts = {
  contactId: number | null;
  name: string | null;
  phone: string;
  fields: Record<string, string>;
};

export const valuesFor = (facts: RecipientFacts): Record<string, string | null> => ({
  ...facts.fields,
  name: facts.name,
  first_name: firstNameFor({ name: facts.name, fields: facts.fields }),
  phone: facts.phone,
});

/**
 * One recipient's final text: spintax chosen by a generator seeded with the contact (so the
 * preview shows exactly what the plan will send them), then variables filled.
 */
export const renderFor = (text: string, facts: RecipientFacts): string =>
  renderTemplate(spin(text, seeded(facts.contactId ?? 0)), valuesFor(facts));

/**
 * Custom field names any of the bot's contacts has, or any contact of any bot with `null`
 * (templates are shared by all bots).
 */
export const knownFields = (sqlite: Database.Database, botId: string | null): Set<string> => {
  const query = 'SELECT DISTINCT j.key AS key FROM contacts c, json_each(c.fields) j';
  const rows = (
    botId === null ? sqlite.prepare(query).all() : sqlite.prepare(`${query} WHERE c.bot_id = ?`).all(botId)
  ) as { key: string }[];
  return new Set(rows.map((r) => r.key));
};

/** Variables no contact can fill and that have no fallback. */
export const unknownVariables = (text: string, known: Set<string>): string[] =>
  variablesWithoutFallback(text).filter(
    (name) => !(BUILT_IN_FIELDS as readonly string[]).includes(name) && !known.has(name),
  );

/** Why a text cannot be sent as a template, in words that say what to change; null when fine. */
export const templateProblem = (text: string, known: Set<string>): string | null => {
  const spintax = spintaxProblem(text);
  if (spintax) return spintax;
  const [unknown] = unknownVariables(text, known);
  return unknown
    ? `{{${unknown}}} is not a field any contact has. Add it to your contacts or give it a fallback: {{${unknown}|…}}.`
    : null;
};
