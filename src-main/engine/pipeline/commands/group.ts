import type { GroupMemberAction } from '../../wa/transport';
import type { CommandContext, CommandSpec } from '../registry';
import { digitsOf, mention } from '../stages/stage';

const NOT_ADMIN = 'I need to be an admin of this group to do that. Make me an admin and try again.';

/** Why the bot cannot act on a member, or null when it can. */
const refusal = (ctx: CommandContext, jid: string, action: GroupMemberAction): string | null => {
  const group = ctx.world.group;
  if (!group) return 'This works in groups only.';
  if (!group.botIsAdmin) return NOT_ADMIN;
  const role = group.members.get(jid);
  if (!role) return `${mention(jid)} is not in this group.`;
  if (role === 'superadmin' && (action === 'remove' || action === 'demote')) {
    return `${mention(jid)} created this group: WhatsApp does not let anyone remove or demote them.`;
  }
  if (ctx.config.owners.some((o) => o.replace(/\D/g, '') === digitsOf(jid)) && action !== 'promote') {
    return `${mention(jid)} is my owner: I will not do that to them.`;
  }
  if (action === 'remove' && role === 'admin') return `${mention(jid)} is an admin: demote them first.`;
  return null;
};

const needTarget = (ctx: CommandContext, usage: string): string | null =>
  ctx.targets.length === 0 ? `Say who: ${ctx.prefix}${usage}, or reply to their message.` : null;

const memberAction =
  (action: GroupMemberAction, done: (who: string, many: boolean) => string): CommandSpec['run'] =>
  async (ctx) => {
    const missing = needTarget(ctx, `${ctx.name} @user`);
    if (missing) return missing;
    const lines: string[] = [];
    const ok: string[] = [];
    for (const jid of ctx.targets) {
      const why = refusal(ctx, jid, action);
      if (why) lines.push(why);
      else ok.push(jid);
    }
    if (ok.length > 0) {
      await ctx.world.updateMembers(ok, action);
      lines.unshift(done(ok.map(mention).join(', '), ok.length > 1));
    }
    await ctx.world.reply(lines.join('\n'), { mentions: ctx.targets });
    return null;
  };

/** on | off | set <text> for greetings. */
const greeting =
  (on: 'welcome' | 'goodbye', textKey: 'welcomeText' | 'goodbyeText'): CommandSpec['run'] =>
  (ctx) => {
    const [choice = ''] = ctx.args;
    const settings = ctx.world.groupSettings;
    const off = ctx.world.featureOn('welcome')
      ? ''
      : ' (welcome and goodbye messages are switched off for this bot: Bots › Features › Welcome)';
    if (choice === 'on' || choice === 'off') {
      ctx.world.saveGroupSettings({ [on]: choice === 'on' });
      return `${on === 'welcome' ? 'Welcome' : 'Goodbye'} messages are ${choice} in this group${choice === 'on' ? off : ''}.`;
    }
    if (choice === 'set') {
      const text = ctx.rest.replace(/^set\s*/i, '').trim();
      if (!text)
        return `Write the message after ${ctx.prefix}${on} set. You can use {{name}}, {{group}} and {{count}}.`;
      ctx.world.saveGroupSettings({ [on]: true, [textKey]: text });
      return `Saved. New members will see:\n${text}`;
    }
    const state = settings?.[on] ? 'on' : 'off';
    return `${on === 'welcome' ? 'Welcome' : 'Goodbye'} messages are ${state}. Use ${ctx.prefix}${on} on, off, or set <text>.`;
  };

/** Moderation and housekeeping for group admins. */
export const groupCommands: CommandSpec[] = [
  {
    name: 'tagall',
    aliases: ['everyone'],
    summary: 'Mentions every member',
    usage: 'tagall [message]',
    permission: 'admin',
    scope: 'groups',
    cooldownMs: 60_000,
    feature: 'tagAll',
    run: async (ctx) => {
      const members = [...(ctx.world.group?.members.keys() ?? [])].filter((jid) => jid !== ctx.world.botJid);
      const text = [ctx.rest || '📢 Attention, everyone!', '', ...members.map(mention)].join('\n');
      await ctx.world.reply(text, { mentions: members, plain: true });
      return null;
    },
  },
  {
    name: 'hidetag',
    summary: 'Sends a message that notifies every member without listing them',
    usage: 'hidetag <message>',
    permission: 'admin',
    scope: 'groups',
    cooldownMs: 60_000,
    feature: 'tagAll',
    run: async (ctx) => {
      if (!ctx.rest) return `Write the message: ${ctx.prefix}hidetag <message>.`;
      const members = [...(ctx.world.group?.members.keys() ?? [])].filter((jid) => jid !== ctx.world.botJid);
      await ctx.world.reply(ctx.rest, { mentions: members, plain: true });
      return null;
    },
  },
  {
    name: 'antilink',
    summary: 'Deletes links from members who are not admins',
    usage: 'antilink on|off',
    permission: 'admin',
    scope: 'groups',
    run: (ctx) => {
      const [choice] = ctx.args;
      if (choice !== 'on' && choice !== 'off') {
        return `Anti-link is ${ctx.world.groupSettings?.antilink ? 'on' : 'off'}. Use ${ctx.prefix}antilink on or off.`;
      }
      ctx.world.saveGroupSettings({ antilink: choice === 'on' });
      if (choice === 'off') return 'Anti-link is off.';
      if (!ctx.world.featureOn('antiLink')) {
        return 'Saved, but anti-link is switched off for this bot. The owner can turn it on in Wren: Bots › Features › Anti-link.';
      }
      return ctx.world.group?.botIsAdmin
        ? 'Anti-link is on: links from members who are not admins will be deleted.'
        : 'Anti-link is on, but I am not an admin here, so I can only warn. Make me an admin to delete links.';
    },
  },
  {
    name: 'welcome',
    summary: 'Greets new members',
    usage: 'welcome on|off|set <text>',
    permission: 'admin',
    scope: 'groups',
    run: greeting('welcome', 'welcomeText'),
  },
  {
    name: 'goodbye',
    summary: 'Says goodbye to members who leave',
    usage: 'goodbye on|off|set <text>',
    permission: 'admin',
    scope: 'groups',
    run: greeting('goodbye', 'goodbyeText'),
  },
  {
    name: 'warn',
    summary: 'Warns a member; at the limit they are removed',
    usage: 'warn @user [reason]',
    permission: 'admin',
    scope: 'groups',
    run: async (ctx) => {
      const missing = needTarget(ctx, 'warn @user [reason]');
      if (missing) return missing;
      const limit = ctx.world.groupSettings?.warnLimit ?? 3;
      const reason = ctx.args.filter((a) => !a.startsWith('@')).join(' ') || null;
      const lines: string[] = [];
      for (const jid of ctx.targets) {
        const role = ctx.world.group?.members.get(jid);
        if (role === 'admin' || role === 'superadmin') {
          lines.push(`${mention(jid)} is an admin: admins are not warned.`);
          continue;
        }
        const count = ctx.world.warnings(jid, { delta: 1, ...(reason ? { reason } : {}) });
        if (count < limit) {
          lines.push(`${mention(jid)} has been warned (${count}/${limit}).${reason ? ` Reason: ${reason}` : ''}`);
          continue;
        }
        const why = refusal(ctx, jid, 'remove');
        if (why) {
          lines.push(`${mention(jid)} reached ${limit} warnings, but I cannot remove them: ${why}`);
          continue;
        }
        ctx.world.warnings(jid, 'reset');
        await ctx.world.updateMembers([jid], 'remove');
        lines.push(`${mention(jid)} reached ${limit} warnings and was removed.`);
      }
      await ctx.world.reply(lines.join('\n'), { mentions: ctx.targets });
      return null;
    },
  },
  {
    name: 'unwarn',
    summary: 'Takes back one warning',
    usage: 'unwarn @user',
    permission: 'admin',
    scope: 'groups',
    run: async (ctx) => {
      const missing = needTarget(ctx, 'unwarn @user');
      if (missing) return missing;
      const limit = ctx.world.groupSettings?.warnLimit ?? 3;
      const lines = ctx.targets.map((jid) => {
        const count = ctx.world.warnings(jid, { delta: -1 });
        return `${mention(jid)} now has ${count}/${limit} warnings.`;
      });
      await ctx.world.reply(lines.join('\n'), { mentions: ctx.targets });
      return null;
    },
  },
  {
    name: 'warnings',
    summary: 'Shows how many warnings someone has',
    usage: 'warnings [@user]',
    permission: 'everyone',
    scope: 'groups',
    run: async (ctx) => {
      const limit = ctx.world.groupSettings?.warnLimit ?? 3;
      const who = ctx.targets.length > 0 ? ctx.targets : [ctx.input.senderJid];
      const lines = who.map((jid) => `${mention(jid)}: ${ctx.world.warnings(jid, { delta: 0 })}/${limit} warnings.`);
      await ctx.world.reply(lines.join('\n'), { mentions: who });
      return null;
    },
  },
  {
    name: 'kick',
    aliases: ['remove'],
    summary: 'Removes a member from the group',
    usage: 'kick @user',
    permission: 'admin',
    scope: 'groups',
    run: memberAction('remove', (who) => `Removed ${who} from the group.`),
  },
  {
    name: 'promote',
    summary: 'Makes a member an admin',
    usage: 'promote @user',
    permission: 'admin',
    scope: 'groups',
    run: memberAction('promote', (who, many) => `${who} ${many ? 'are' : 'is'} now ${many ? 'admins' : 'an admin'}.`),
  },
  {
    name: 'demote',
    summary: 'Takes admin rights away',
    usage: 'demote @user',
    permission: 'admin',
    scope: 'groups',
    run: memberAction(
      'demote',
      (who, many) => `${who} ${many ? 'are' : 'is'} no longer ${many ? 'admins' : 'an admin'}.`,
    ),
  },
  {
    name: 'mute',
    summary: 'Only admins may send messages',
    permission: 'admin',
    scope: 'groups',
    run: async (ctx) => {
      if (!ctx.world.group?.botIsAdmin) return NOT_ADMIN;
      await ctx.world.setAnnounce(true);
      return '🔇 The group is muted: only admins can send messages.';
    },
  },
  {
    name: 'unmute',
    summary: 'Everyone may send messages again',
    permission: 'admin',
    scope: 'groups',
    run: async (ctx) => {
      if (!ctx.world.group?.botIsAdmin) return NOT_ADMIN;
      await ctx.world.setAnnounce(false);
      return '🔊 The group is open: everyone can send messages.';
    },
  },
];
