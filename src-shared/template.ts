/**
 * Reply templates: `{{name}}` is replaced by a value, `{{name|there}}` falls back to "there" when
 * the value is missing or empty. Unknown names without a fallback become empty, so a customer
 * never sees braces; the editors list the names a template may use.
 *
 * A name is words of letters (any script), digits and _, with spaces between them: custom fields
 * may be called "favourite cake". Runs of spaces inside count as one (`{{favourite  cake}}`).
 */
const VARIABLE = /\{\{\s*([\p{L}\p{M}\p{N}_]+(?:\s+[\p{L}\p{M}\p{N}_]+)*)\s*(?:\|([^}]*))?\}\}/gu;

const nameOf = (raw: string): string => raw.replace(/\s+/g, ' ');

export const renderTemplate = (template: string, values: Readonly<Record<string, string | number | null>>): string =>
  template.replace(VARIABLE, (_all, raw: string, fallback: string | undefined) => {
    const name = nameOf(raw);
    // Own properties only: `{{constructor}}` or `{{toString}}` must never reach Object.prototype.
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return value === undefined || value === null || value === '' ? (fallback ?? '').trim() : String(value);
  });

/** The variable names a template uses, in order of first use. */
export const templateVariables = (template: string): string[] => [
  ...new Set([...template.matchAll(VARIABLE)].map((m) => nameOf(m[1] ?? ''))),
];

/** The variable names a template uses with no fallback anywhere: the ones a contact must fill. */
export const variablesWithoutFallback = (template: string): string[] => {
  const uses = [...template.matchAll(VARIABLE)].map((m) => ({
    name: nameOf(m[1] ?? ''),
    fallback: m[2] !== undefined,
  }));
  const covered = new Set(uses.filter((u) => u.fallback).map((u) => u.name));
  return [...new Set(uses.map((u) => u.name))].filter((name) => !covered.has(name));
};
