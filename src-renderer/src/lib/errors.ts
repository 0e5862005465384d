import { ContractError } from '../../../src-shared/contract';

/** The sentence to show a person: the engine's own message when it sent one. */
export const errorMessage = (error: unknown): string => {
  if (error instanceof ContractError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
};

/**
 * A refusal split for a form: a sentence per field it concerns (keyed by the input's path joined
 * with dots, as the engine sends it) and what is left for the form's own message line.
 */
export type FormErrors = { fields: Record<string, string>; general: string | null };

export const NO_ERRORS: FormErrors = { fields: {}, general: null };

/**
 * `prefix` strips the part of the path the form does not see (`draft.` for a campaign's draft).
 * Fields the form does not show (`known`, when given) fall back to the general line, so no
 * sentence is ever lost.
 */
export const formErrors = (
  error: unknown,
  options: { prefix?: string; known?: readonly string[] } = {},
): FormErrors => {
  if (!(error instanceof ContractError) || Object.keys(error.fields).length === 0) {
    return { fields: {}, general: errorMessage(error) };
  }
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const [path, message] of Object.entries(error.fields)) {
    const key = options.prefix && path.startsWith(options.prefix) ? path.slice(options.prefix.length) : path;
    const shown = !options.known || options.known.some((k) => key === k || key.startsWith(`${k}.`));
    if (shown) fields[key] = message;
    else rest.push(message);
  }
  return { fields, general: rest.length > 0 ? rest.join(' ') : null };
};

/** The sentence for one field: its own path or anything under it (`variants` covers `variants.0.text`). */
export const fieldError = (errors: FormErrors, key: string): string | null => {
  const own = errors.fields[key];
  if (own) return own;
  const nested = Object.entries(errors.fields).find(([path]) => path.startsWith(`${key}.`));
  return nested ? nested[1] : null;
};

/** Editing a field clears its sentence (and those under it); the others stay until the next save. */
export const clearField = (errors: FormErrors, key: string): FormErrors => {
  const fields = Object.fromEntries(
    Object.entries(errors.fields).filter(([path]) => path !== key && !path.startsWith(`${key}.`)),
  );
  return Object.keys(fields).length === Object.keys(errors.fields).length ? errors : { ...errors, fields };
};
