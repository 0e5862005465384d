import type { AutomationConfig, Permission, Scope } from '../../../src-shared/automations';
import type { PipelineFeature, PipelineInput, World } from './world';

export type { Permission, Scope };

export type CommandContext = {
  input: PipelineInput;
  world: World;
  config: AutomationConfig;
  /** The name as typed (an alias, perhaps), lower case. */
  name: string;
  args: string[];
  rest: string;
  prefix: string;
  /** Whom the command is about: mentioned, replied to, or typed as a number (never the bot). */
  targets: string[];
  /** Commands the asker may use here, for menus: `.name — summary`. */
  available(): { name: string; summary: string }[];
};

export type CommandSpec = {
  name: string;
  aliases?: readonly string[];
  /** One line for the menu. */
  summary: string;
  /** How to call it, after the prefix ("warn @user [reason]"). */
  usage?: string;
  permission: Permission;
  scope: Scope;
  /** How long one chat waits before the same command runs again there. */
  cooldownMs?: number;
  /** The bot's feature switch this command belongs to: off, the command is off too. */
  feature?: PipelineFeature;
  /** The answer (sent quoting the command), or null when the command answered itself or not at all. */
  run(ctx: CommandContext): string | null | Promise<string | null>;
};

const NAME = /^[\p{L}\p{N}_-]+$/u;

/** Commands by name and alias: one map lookup per message, never a scan. */
export class CommandRegistry {
  private readonly byName = new Map<string, CommandSpec>();
  private readonly specs: CommandSpec[] = [];

  register(spec: CommandSpec): void {
    const names = [spec.name, ...(spec.aliases ?? [])].map((n) => n.toLowerCase());
    for (const name of names) {
      if (!NAME.test(name)) throw new Error(`"${name}" cannot be a command name: use letters and digits.`);
      const taken = this.byName.get(name);
      if (taken) throw new Error(`"${name}" is already the command or alias of "${taken.name}".`);
    }
    for (const name of names) this.byName.set(name, spec);
    this.specs.push(spec);
  }

  find(name: string): CommandSpec | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** Whether a name is taken by a command or an alias. */
  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  list(): readonly CommandSpec[] {
    return this.specs;
  }
}
