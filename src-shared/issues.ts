import { z } from 'zod';

/**
 * How a refused input is told to a person. zod's own wording ("Too small: expected number to be
 * >=5") and its paths ("draft.throttle.delayMaxSeconds") are for developers; a form shows a
 * sentence under the field it concerns, and a toast shows the same sentence with the field named
 * in words. Schemas that carry their own message ("Give the bot a name.") keep it.
 */

/** `delayMaxSeconds` → "Delay max seconds"; list positions are left out of the name. */
export const fieldLabel = (path: readonly PropertyKey[]): string => {
  const named = path.filter((part): part is string => typeof part === 'string' && !/^\d+$/.test(part));
  const last = named.at(-1);
  if (!last) return 'This value';
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'This value';
};

const plural = (n: number | bigint, one: string) => `${n} ${one}${Number(n) === 1 ? '' : 's'}`;

type RawIssue = z.core.$ZodRawIssue;

/** The sentence for one of zod's built-in checks, without the field's name. */
const builtInWording = (issue: RawIssue): string | undefined => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required.';
      if (issue.expected === 'number' || issue.expected === 'int') return 'must be a number.';
      if (issue.expected === 'string') return 'must be text.';
      if (issue.expected === 'boolean') return 'must be yes or no.';
      if (issue.expected === 'array') return 'must be a list.';
      return 'has the wrong kind of value.';
    case 'too_small': {
      const n = issue.minimum;
      if (issue.origin === 'string')
        return Number(n) <= 1 ? 'cannot be empty.' : `needs at least ${plural(n, 'character')}.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `needs at least ${plural(n, 'item')}.`;
      return issue.inclusive === false ? `must be more than ${n}.` : `must be at least ${n}.`;
    }
    case 'too_big': {
      const n = issue.maximum;
      if (issue.origin === 'string') return `can be at most ${plural(n, 'character')} long.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `can have at most ${plural(n, 'item')}.`;
      return issue.inclusive === false ? `must be less than ${n}.` : `must be at most ${n}.`;
    }
    case 'invalid_value':
      return issue.values.length <= 6
        ? `must be one of: ${issue.values.map((v) => String(v)).join(', ')}.`
        : 'is not one of the choices.';
    case 'invalid_format':
      return issue.format === 'regex' ? 'is not in the expected form.' : `must be a valid ${issue.format}.`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}.`;
    case 'unrecognized_keys':
      return `has fields Wren does not know: ${issue.keys.join(', ')}.`;
    case 'invalid_key':
      return 'has a name that is not allowed.';
    case 'invalid_union':
      return 'is not in a form Wren accepts.';
    default:
      return undefined;
  }
};

/** Built-in messages read as sentences that start with the field's name. */
z.config({
  customError: (issue) => {
    const wording = builtInWording(issue);
    return wording ? `${fieldLabel(issue.path ?? [])} ${wording}` : undefined;
  },
});

/** Every refused field's path, joined with dots, and its sentence: the UI puts each under its field. */
export const issueFields = (error: z.ZodError): Record<string, string> => {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    if (!(key in fields)) fields[key] = issue.message;
  }
  return fields;
};

/** One sentence (or a few) for a toast: the messages, never the paths. */
export const describeIssues = (error: z.ZodError): string => {
  const seen = new Set<string>();
  for (const issue of error.issues) seen.add(issue.message.trim());
  const messages = [...seen].slice(0, 3).map((m) => (/[.!?]$/.test(m) ? m : `${m}.`));
  const more = seen.size > 3 ? ` (and ${seen.size - 3} more)` : '';
  return messages.join(' ') + more;
};
