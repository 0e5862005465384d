import { regexProblem } from '../../../src-shared/automations';

/** A stored regex rule switched off on load, for the bot's log. */
export type SwitchedOff = { name: string; pattern: string; problem: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A configuration document as stored, with every enabled regex rule whose pattern Wren can no
 * longer run switched off: written by a version that accepted look-arounds or back-references,
 * such a rule would otherwise fail the whole document's validation and reset the bot to defaults.
 * Works on the raw JSON, before the schema, and changes nothing else.
 */
export const switchOffStaleRegexRules = (raw: unknown): { doc: unknown; switchedOff: SwitchedOff[] } => {
  if (!isRecord(raw) || !Array.isArray(raw.rules)) return { doc: raw, switchedOff: [] };
  const switchedOff: SwitchedOff[] = [];
  const rules = raw.rules.map((rule: unknown) => {
    if (!isRecord(rule) || rule.match !== 'regex' || rule.enabled === false || typeof rule.pattern !== 'string') {
      return rule;
    }
    const problem = regexProblem(rule.pattern);
    if (!problem) return rule;
    switchedOff.push({ name: typeof rule.name === 'string' ? rule.name : '', pattern: rule.pattern, problem });
    return { ...rule, enabled: false };
  });
  return { doc: switchedOff.length > 0 ? { ...raw, rules } : raw, switchedOff };
};
