import type { CommandSpec } from '../registry';

/** Commands everyone has: ping, the menu, and the bot's figures. */
export const basicCommands: CommandSpec[] = [
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
    // Generated from the registry and the custom commands: only what the asker may use, here.
    run: (ctx) =>
      ['*Commands*', ...ctx.available().map((c) => `${ctx.prefix}${c.name}${c.summary ? ` — ${c.summary}` : ''}`)].join(
        '\n',
      ),
  },
  {
    name: 'stats',
    summary: 'The bot’s chats, messages and commands',
    permission: 'admin',
    scope: 'both',
    cooldownMs: 30_000,
    run: (ctx) => ['*Stats*', ...ctx.world.stats()].join('\n'),
  },
];
