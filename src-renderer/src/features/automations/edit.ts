import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { renderTemplate } from '../../../../src-shared/template';
import { WEEKDAYS, type AutoReplyRule, type BusinessHours } from '../../../../src-shared/automations';

/**
 * Small pure helpers for the Automations editors: reading what people type into lists, and
 * placing the engine's refusals ("rules.2.pattern: …") next to the field they are about.
 */

/**
 * The engine's refusal split by field: `path` is where the edited item sits ("rules.2"), or ''
 * for the top-level settings (then "hours.start" belongs to the field "hours").
 */
export type PlacedErrors = { fields: Record<string, string>; other: string | null };

/** One issue per "where: what" part; a message without a path is kept whole. */
const ISSUE = /(?:^|; )([\w.]+): /g;

const LIST_LABEL: Record<string, string> = { rules: 'Auto-reply', commands: 'Custom command', flows: 'Menu flow' };

/** "rules.4.reply" → "Auto-reply 5": another item in a list, in the page's words. */
const describeWhere = (where: string): string => {
  const [, list = '', index = ''] = /^(\w+)\.(\d+)\b/.exec(where) ?? [];
  const label = LIST_LABEL[list];
  return label ? `${label} ${Number(index) + 1}` : where;
};

export const placeErrors = (message: string, path: string): PlacedErrors => {
  const starts = [...message.matchAll(ISSUE)];
  if (starts.length === 0) return { fields: {}, other: message };
  const fields: Record<string, string> = {};
  const other: string[] = [];
  starts.forEach((match, i) => {
    // The engine names the call's field too ("patch.rules.2.pattern"); the editors think in config keys.
    const where = (match[1] ?? '').replace(/^patch\./, '');
    const from = (match.index ?? 0) + match[0].length;
    const to = starts[i + 1]?.index ?? message.length;
    const text = message.slice(from, to);
    const inside = path === '' ? where : where.startsWith(`${path}.`) ? where.slice(path.length + 1) : null;
    const field = inside?.split('.')[0];
    if (field && !(field in fields)) fields[field] = text;
    else other.push(where === path ? text : `${describeWhere(where)}: ${text}`);
  });
  return { fields, other: other.length > 0 ? other.join('; ') : null };
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
