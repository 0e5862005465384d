import type { CommandSpec } from '../registry';
import { mention } from '../stages/stage';

/** Commands for the bot's owners: premium members and broadcasts. */
export const ownerCommands: CommandSpec[] = [
  {
    name: 'premium',
    summary: 'Adds, removes or lists premium members',
    usage: 'premium add|del|list [@user]',
    permission: 'owner',
    scope: 'both',
    run: async (ctx) => {
      const [action = 'list'] = ctx.args;
      if (action === 'list') {
        const list = ctx.world.premiumList();
        if (list.length === 0) return 'There are no premium members yet.';
        await ctx.world.reply(['*Premium members*', ...list.map(mention)].join('\n'), { mentions: list });
        return null;
      }
      if (action !== 'add' && action !== 'del' && action !== 'remove') {
        return `Use ${ctx.prefix}premium add @user, ${ctx.prefix}premium del @user or ${ctx.prefix}premium list.`;
      }
      if (ctx.targets.length === 0) return `Say who: ${ctx.prefix}premium ${action} @user, or reply to their message.`;
      const lines = ctx.targets.map((jid) => {
        const changed = ctx.world.premium(action === 'add' ? 'add' : 'remove', jid);
        if (action === 'add')
          return changed ? `${mention(jid)} is now premium.` : `${mention(jid)} was already premium.`;
        return changed ? `${mention(jid)} is no longer premium.` : `${mention(jid)} was not premium.`;
      });
      await ctx.world.reply(lines.join('\n'), { mentions: ctx.targets });
      return null;
    },
  },
  {
    name: 'broadcast',
    aliases: ['bc'],
    summary: 'Sends a message to every private chat of the bot, slowly and safely',
    usage: 'broadcast <message>',
    permission: 'owner',
    scope: 'both',
    cooldownMs: 60_000,
    run: (ctx) => {
      if (!ctx.rest) return `Write the message: ${ctx.prefix}broadcast <message>.`;
      const count = ctx.world.broadcast(ctx.rest);
      if (count === 0) return 'There is nobody to broadcast to yet: the bot has no private chats.';
      return `Broadcasting to ${count} chat${count === 1 ? '' : 's'}, one every few seconds so the number stays safe.`;
    },
  },
];
