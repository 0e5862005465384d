import type { AutomationConfig } from '../../../src-shared/automations';
import { ContractError } from '../../../src-shared/contract';
import type { CommandRegistry } from '../pipeline/registry';

/**
 * What a save is refused for beyond the schema, because it needs the engine to know (the
 * built-in commands) or looks across fields: each sentence keyed by the field it concerns
 * (`commands.2.name`), so the form shows it there.
 */
export const configRefusals = (config: AutomationConfig, registry: CommandRegistry): Record<string, string> => {
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  config.commands.forEach((command, index) => {
    const key = `commands.${index}.name`;
    const taken = registry.find(command.name);
    if (taken) {
      fields[key] = `“${command.name}” is the built-in command ${taken.name}. Choose another trigger word.`;
    } else if (seen.has(command.name)) {
      fields[key] = `Another custom command is already called “${command.name}”. Choose another trigger word.`;
    }
    seen.add(command.name);
  });
  const both = config.optOut.optInWords.find((word) => config.optOut.words.includes(word));
  if (both) fields['optOut.optInWords'] = `“${both}” is an opt-out word too: keep it in one list only.`;
  return fields;
};

/** Throws the refusal when there is one: the sentences in the message, each also under its field. */
export const refuseIf = (fields: Record<string, string>): void => {
  const sentences = Object.values(fields);
  if (sentences.length === 0) return;
  const more = sentences.length > 2 ? ` (and ${sentences.length - 2} more)` : '';
  throw new ContractError('invalid_input', sentences.slice(0, 2).join(' ') + more, fields);
};
