import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { ContractError } from '../../../../src-shared/contract';
import { formErrors, type FormErrors } from '../../lib/errors';
import { renderTemplate } from '../../../../src-shared/template';
import { WEEKDAYS, type AutoReplyRule, type BusinessHours } from '../../../../src-shared/automations';

/**
 * Small pure helpers for the Automations editors: reading what people type into lists, and
 * placing the engine's refusals next to the field they are about.
 */

const LIST_LABEL: Record<string, string> = { rules: 'Auto-reply', commands: 'Custom command', flows: 'Menu flow' };

/** "rules.4.reply" → "Auto-reply 5": another item in a list, in the page's words. */
const describeWhere = (where: string): string | null => {
  const [, list = '', index = ''] = /^(\w+)\.(\d+)\b/.exec(where) ?? [];
  const label = LIST_LABEL[list];
  return label ? `${label} ${Number(index) + 1}` : null;
};

/**
 * The engine's refusal for one editor, through lib/errors.ts's `formErrors`: `at` is where the
 * edited item sits ("rules.2"), or '' for the top-level settings; `known` are the fields the
 * editor shows ("pattern", "optOut.words"). The call's own field (`patch.`, when the contract's
 * schema refused it) is left out. A sentence about another item of the list goes to the general
 * line, saying which item ("Auto-reply 6: Write the reply."); nothing is ever lost.
 */
export const editorErrors = (error: unknown, at: string, known: readonly string[]): FormErrors => {
  if (!(error instanceof ContractError)) return formErrors(error);
  const prefix = at ? `${at}.` : '';
  const fields: Record<string, string> = {};
  for (const [path, sentence] of Object.entries(error.fields)) {
    const key = path.replace(/^patch\./, '');
    const elsewhere = prefix && !key.startsWith(prefix) ? describeWhere(key) : null;
    fields[key] = elsewhere ? `${elsewhere}: ${sentence}` : sentence;
  }
  return formErrors(new ContractError(error.code, error.message, fields), {
    ...(prefix ? { prefix } : {}),
    known,
  });
};

/** Whether the form has anything to show. */
export const hasErrors = (errors: FormErrors): boolean =>
  errors.general !== null || Object.keys(errors.fields).length > 0;

/**
 * A settings draft edited: the sentences about what changed go (a value at `key` or one level
 * below it, `hours.start`), the others stay until the next save. `aliases` names draft keys the
 * engine knows by another path (the typed `words` text is `optOut.words`).
 */
export const clearChanged = (
  errors: FormErrors,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  aliases: Record<string, string> = {},
): FormErrors => {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const isGroup = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  /** [path, and everything below it too] */
  const cleared: [string, boolean][] = [];
  for (const key of Object.keys(after)) {
    const a = before[key];
    const b = after[key];
    if (same(a, b)) continue;
    const path = aliases[key] ?? key;
    if (isGroup(a) && isGroup(b)) {
      // A group of settings: only its own sentence and those of the values that changed.
      cleared.push([path, false]);
      for (const sub of Object.keys(b)) if (!same(a[sub], b[sub])) cleared.push([`${path}.${sub}`, true]);
    } else cleared.push([path, true]);
  }
  const fields = Object.fromEntries(
    Object.entries(errors.fields).filter(
      ([field]) => !cleared.some(([path, below]) => field === path || (below && field.startsWith(`${path}.`))),
    ),
  );
  return Object.keys(fields).length === Object.keys(errors.fields).length ? errors : { ...errors, fields };
};

const plainWord = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The word a confirmation tells customers to send ("Reply START to receive them again") when the
 * bot would not answer it, or null: the promise must be one the bot keeps.
 */
export const unkeptPromise = (confirmation: string, words: readonly string[]): string | null => {
  const promised = /\b(?:reply|send|text|write)\s+["“'‘*_]?([\p{L}\p{N}]+)/iu.exec(confirmation)?.[1];
  if (!promised) return null;
  return words.some((word) => plainWord(word) === plainWord(promised)) ? null : promised;
};

/** Why a prefix cannot be used, or null: the same rules the engine applies on save. */
export const prefixProblem = (prefix: string, existing: readonly string[]): string | null => {
  const p = prefix.trim();
  if (p === '') return 'Type a symbol such as . ! or /.';
  if ([...p].length > 3) return 'A prefix is at most 3 characters.';
  if (/[\p{L}\p{N}\s]/u.test(p)) return 'A prefix is a symbol such as . ! or /, not a letter or digit.';
  if (existing.includes(p)) return `${p} is already a prefix.`;
  return null;
};

/** "+44 7911 123456", "0044…" → "+447911123456"; null when it is not a number with a country code. */
export const toE164 = (text: string): string | null => {
  const compact = text.trim().replace(/^00/, '+');
  if (!compact.startsWith('+')) return null;
  const parsed = parsePhoneNumberFromString(compact);
  if (parsed?.number) return parsed.number;
  const digits = compact.replace(/[\s().-]/g, '');
  return /^\+\d{7,15}$/.test(digits) ? digits : null;
};

/** "menu, Hi ,, hello" → ["menu", "hi", "hello"]: trimmed, lower case, no blanks or repeats. */
export const splitWords = (text: string): string[] => [
  ...new Set(
    text
      .split(',')
      .map((w) => w.trim().toLowerCase())
      .filter(Boolean),
  ),
];

export const toggleDay = (days: readonly number[], day: number): number[] =>
  days.includes(day) ? days.filter((d) => d !== day) : [...days, day].sort((a, b) => a - b);

/** An end before the start keeps the business open past midnight. */
export const crossesMidnight = (hours: Pick<BusinessHours, 'start' | 'end'>): boolean => hours.end < hours.start;

/** "Mon–Fri", "Mon, Wed, Sat", "Every day": runs of three or more days read as a range. */
export const daysSummary = (days: readonly number[]): string => {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 0) return 'No days';
  if (sorted.length === 7) return 'Every day';
  const runs: number[][] = [];
  for (const day of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === day - 1) run.push(day);
    else runs.push([day]);
  }
  return runs
    .flatMap((run) => {
      const first = WEEKDAYS[run[0] ?? 0];
      const last = WEEKDAYS[run[run.length - 1] ?? 0];
      return run.length >= 3 ? [`${first}–${last}`] : run.map((d) => WEEKDAYS[d] ?? '');
    })
    .join(', ');
};

/** "Open Mon–Fri, 09:00–18:00" (with "next day" for hours past midnight). */
export const hoursSummary = (hours: BusinessHours): string => {
  if (!hours.enabled) return 'Business hours are off: the bot answers the same way at any time.';
  if (hours.days.length === 0) return 'Closed every day: the away message answers everyone.';
  const overnight = crossesMidnight(hours) ? ' (next day)' : '';
  return `Open ${daysSummary(hours.days)}, ${hours.start}–${hours.end}${overnight}.`;
};

/** The order rules are tried in: higher priority first, ties in list order. */
export const orderRules = (rules: readonly AutoReplyRule[]): AutoReplyRule[] =>
  rules
    .map((rule, order) => ({ rule, order }))
    .sort((a, b) => b.rule.priority - a.rule.priority || a.order - b.order)
    .map(({ rule }) => rule);

/** A reply as a customer would read it, with sample values for its {{variables}}. */
export const sampleReply = (template: string, now = new Date()): string =>
  renderTemplate(template, {
    name: 'Ana',
    phone: '+44 7911 123456',
    group: 'Corner Shop fans',
    date: now.toLocaleDateString(),
    time: now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
    args: 'large',
  });

/** A whole number from a number input, kept within the engine's limits. */
export const clampInt = (value: string, min: number, max: number, fallback: number): number => {
  const n = Math.round(Number(value));
  if (value.trim() === '' || !Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
};
