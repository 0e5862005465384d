/**
 * Reply templates: `{{name}}` is replaced by a value, `{{name|there}}` falls back to "there" when
 * the value is missing or empty. Unknown names without a fallback become empty, so a customer
 * never sees braces; the editors list the names a template may use.
 */
const VARIABLE = /\{\{\s*([\p{L}\p{N}_]+)\s*(?:\|([^}]*))?\}\}/gu;

export const renderTemplate = (template: string, values: Readonly<Record<string, string | number | null>>): string =>
  template.replace(VARIABLE, (_all, name: string, fallback: string | undefined) => {
    // Own properties only: `{{constructor}}` or `{{toString}}` must never reach Object.prototype.
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return value === undefined || value === null || value === '' ? (fallback ?? '').trim() : String(value);
  });

/** The variable names a template uses, in order of first use. */
export const templateVariables = (template: string): string[] => [
  ...new Set([...template.matchAll(VARIABLE)].map((m) => m[1] ?? '')),
];
