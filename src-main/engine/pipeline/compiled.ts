import type { AutomationConfig, AutoReplyRule, CustomCommand, MenuFlow } from '../../../src-shared/automations';
import { RegexGuard } from './stages/regex-guard';

/** Folds case and accents, so "Preço" matches "preco" the way people type on phones. */
export const fold = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

export type CompiledRule = AutoReplyRule & { folded: string; regexIndex: number | null };

/**
 * A bot's configuration in the shape the pipeline runs fastest: maps for commands and flow
 * triggers (one lookup per message), rules sorted once by priority, patterns folded once, and
 * every regular expression behind one guard. Rebuilt when the configuration is saved.
 */
export type CompiledConfig = {
  config: AutomationConfig;
  ownerDigits: ReadonlySet<string>;
  disabled: ReadonlySet<string>;
  custom: ReadonlyMap<string, CustomCommand>;
  rules: readonly CompiledRule[];
  regex: RegexGuard;
  flowsByTrigger: ReadonlyMap<string, MenuFlow>;
  flowsById: ReadonlyMap<string, MenuFlow>;
};

export const compileConfig = (
  config: AutomationConfig,
  onRegexDisabled: (rule: AutoReplyRule) => void = () => {},
): CompiledConfig => {
  const regexRules: AutoReplyRule[] = [];
  const rules = config.rules
    .map((rule, order) => ({ rule, order }))
    .filter(({ rule }) => rule.enabled)
    .sort((a, b) => b.rule.priority - a.rule.priority || a.order - b.order)
    .map(({ rule }): CompiledRule => {
      const regexIndex = rule.match === 'regex' ? regexRules.push(rule) - 1 : null;
      return { ...rule, folded: fold(rule.pattern), regexIndex };
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
    regex: new RegexGuard(
      regexRules.map((r) => r.pattern),
      50,
      (index) => {
        const rule = regexRules[index];
        if (rule) onRegexDisabled(rule);
      },
    ),
    flowsByTrigger,
    flowsById: new Map(config.flows.map((f) => [f.id, f])),
  };
};
