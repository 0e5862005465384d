import type { CommandRegistry, CommandSpec } from './registry';

/** The commands every bot has. More (moderation, stickers, premium…) join as they are built. */
export const builtInCommands = (registry: CommandRegistry): CommandSpec[] => [
  {
    name: 'ping',
    summary: 'Checks that the bot is awake',
    permission: 'everyone',
    scope: 'both',
    run: () => 'pong 🏓',
  },
  {
    name: 'menu',
    aliases: ['help'],
    summary: 'Lists the commands you can use here',
    permission: 'everyone',
    scope: 'both',
    cooldownMs: 5_000,
    // Generated from the registry: only what the asker may use, here.
    run: (ctx) => {
      const lines = registry
        .list()
        .filter((spec) => ctx.allowed(spec))
        .map((spec) => `${ctx.prefix}${spec.name} — ${spec.summary}`);
      return ['*Commands*', ...lines].join('\n');
    },
  },
];
