import {
  ruleWords,
  type AutomationConfig,
  type AutoReplyRule,
  type CustomCommand,
  type MenuFlow,
} from '../../../src-shared/automations';
import { RegexGuard, type RegexGuardOptions } from './stages/regex-guard';

/** Folds case and accents, so "Preço" matches "preco" the way people type on phones. */
export const fold = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** A rule ready to run: its words and phrases folded once (as typed, for the test panel), or its regex's index. */
export type CompiledRule = AutoReplyRule & {
  phrases: readonly { folded: string; typed: string }[];
  regexIndex: number | null;
};

/** What compiling tells the caller about regex rules, so it can say so in the bot's log. */
export type RegexHooks = Pick<RegexGuardOptions, 'sliceMs' | 'budgetMs' | 'now'> & {
  /** A rule kept taking too long to check and was switched off. */
  onRegexPaused?(rule: AutoReplyRule): void;
  /** A rule's pattern cannot run at all; the rule is left out. */
  onRegexSkipped?(rule: AutoReplyRule, problem: string): void;
};

/**
 * A bot's configuration in the shape the pipeline runs fastest: maps for commands and flow
 * triggers (one lookup per message), rules sorted once by priority, patterns folded once, and
 * every regular expression compiled once for the linear-time engine. Rebuilt when the
 * configuration is saved.
 */
export type CompiledConfig = {
  config: AutomationConfig;
  ownerDigits: ReadonlySet<string>;
  disabled: ReadonlySet<string>;
  custom: ReadonlyMap<string, CustomCommand>;
  rules: readonly CompiledRule[];
  regex: RegexGuard;
  /** Enabled regex rules whose pattern cannot run (left out of `rules`), with the reason. */
  skipped: readonly { rule: AutoReplyRule; problem: string }[];
  flowsByTrigger: ReadonlyMap<string, MenuFlow>;
  flowsById: ReadonlyMap<string, MenuFlow>;
};

export const compileConfig = (config: AutomationConfig, hooks: RegexHooks = {}): CompiledConfig => {
  const sorted = config.rules
    .map((rule, order) => ({ rule, order }))
    .filter(({ rule }) => rule.enabled)
    .sort((a, b) => b.rule.priority - a.rule.priority || a.order - b.order)
    .map(({ rule }) => rule);
  const regexRules = sorted.filter((rule) => rule.match === 'regex');
  const regexIndexOf = new Map(regexRules.map((rule, index) => [rule, index]));
  const skipped: { rule: AutoReplyRule; problem: string }[] = [];
  const regex = new RegexGuard(
    regexRules.map((r) => r.pattern),
    {
      ...(hooks.sliceMs === undefined ? {} : { sliceMs: hooks.sliceMs }),
      ...(hooks.budgetMs === undefined ? {} : { budgetMs: hooks.budgetMs }),
      ...(hooks.now ? { now: hooks.now } : {}),
      onPaused: (index) => {
        const rule = regexRules[index];
        if (rule) hooks.onRegexPaused?.(rule);
      },
      onSkipped: (index, problem) => {
        const rule = regexRules[index];
        if (!rule) return;
        skipped.push({ rule, problem });
        hooks.onRegexSkipped?.(rule, problem);
      },
    },
  );
  const rules = sorted.flatMap((rule): CompiledRule[] => {
    if (rule.match !== 'regex') {
      const phrases = ruleWords(rule).map((typed) => ({ folded: fold(typed), typed }));
      return [{ ...rule, phrases: phrases.filter((p) => p.folded !== ''), regexIndex: null }];
    }
    const regexIndex = regexIndexOf.get(rule) ?? -1;
    return regex.runs(regexIndex) ? [{ ...rule, phrases: [], regexIndex }] : [];
  });
  const flowsByTrigger = new Map<string, MenuFlow>();
  for (const flow of config.flows) {
    if (!flow.enabled) continue;
    for (const word of flow.triggers) if (!flowsByTrigger.has(fold(word))) flowsByTrigger.set(fold(word), flow);
  }
  return {
    config,
    ownerDigits: new Set(config.owners.map((phone) => phone.replace(/\D/g, ''))),
    disabled: new Set(config.disabledCommands),
    custom: new Map(config.commands.filter((c) => c.enabled).map((c) => [c.name, c])),
    rules,
    regex,
    skipped,
    flowsByTrigger,
    flowsById: new Map(config.flows.map((f) => [f.id, f])),
  };
};
