/** Who may run a command. Owners may run everything; group admins what is for admins; and so on. */
export type Permission = 'owner' | 'admin' | 'premium' | 'everyone';
/** Where a command works. */
export type Scope = 'groups' | 'private' | 'both';

export type CommandContext = {
  botId: string;
  chatId: number;
  chatJid: string;
  isGroup: boolean;
  senderJid: string;
  /** The name as typed (an alias, perhaps), lower case. */
  name: string;
  args: string[];
  rest: string;
  prefix: string;
  /** What the asker may run (for menus). */
  allowed(command: CommandSpec): boolean;
};

export type CommandSpec = {
  name: string;
  aliases?: readonly string[];
  /** One line for the menu. */
  summary: string;
  permission: Permission;
  scope: Scope;
  /** How long one chat waits before the same command runs again there. */
  cooldownMs?: number;
  /** The answer, or null for none. */
  run(ctx: CommandContext): string | null | Promise<string | null>;
};

/** Commands by name and alias: one map lookup per message, never a scan. */
export class CommandRegistry {
  private readonly byName = new Map<string, CommandSpec>();
  private readonly specs: CommandSpec[] = [];

  register(spec: CommandSpec): void {
    const names = [spec.name, ...(spec.aliases ?? [])].map((n) => n.toLowerCase());
    for (const name of names) {
      if (!/^[\p{L}\p{N}_-]+$/u.test(name))
        throw new Error(`"${name}" cannot be a command name: use letters and digits.`);
      const taken = this.byName.get(name);
      if (taken) throw new Error(`"${name}" is already the command or alias of "${taken.name}".`);
    }
    for (const name of names) this.byName.set(name, spec);
    this.specs.push(spec);
  }

  find(name: string): CommandSpec | undefined {
    return this.byName.get(name.toLowerCase());
  }

  list(): readonly CommandSpec[] {
    return this.specs;
  }
}
