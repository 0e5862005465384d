import type { Stage, StageContext } from './stage';
import { mention } from './stage';

/** Web addresses and WhatsApp group invites, as people paste them. */
const LINK =
  /(?:https?:\/\/|www\.)\S+|chat\.whatsapp\.com\/\S+|\b[a-z0-9][a-z0-9-]*\.(?:com|net|org|io|me|ly|gg|co|info|xyz|link|app|shop|site|online|br|uk|in)(?:\/\S*)?\b/iu;

export const hasLink = (text: string): boolean => LINK.test(text);

/** Who moderation never touches: group admins, the bot's owners and the bot itself. */
const exempt = (ctx: StageContext): boolean => {
  const role = ctx.world.group?.members.get(ctx.input.senderJid);
  return role === 'admin' || role === 'superadmin' || ctx.world.roles.has('owner') || ctx.world.roles.has('admin');
};

/**
 * Anti-link: in a group with it on, a link from a member who is not an admin is deleted (when the
 * bot is an admin and so may delete it) and the sender is warned; at the group's warning limit the
 * bot removes them.
 */
export const moderationStage: Stage = async (ctx) => {
  const { world, input } = ctx;
  if (
    !input.isGroup ||
    !world.featureOn('antiLink') ||
    !world.groupSettings?.antilink ||
    !hasLink(ctx.text) ||
    exempt(ctx)
  )
    return null;
  const limit = world.groupSettings.warnLimit;
  if (!world.group?.botIsAdmin) {
    await world.reply(`${mention(input.senderJid)}, links are not allowed in this group.`, {
      mentions: [input.senderJid],
    });
    world.note('The link stays: the bot is not an admin of this group, so it cannot delete it.');
    return { stage: 'moderation', detail: 'Anti-link warned the sender (the bot is not an admin)' };
  }
  await world.deleteMessage();
  const count = world.warnings(input.senderJid, { delta: 1, reason: 'Posted a link' });
  if (count >= limit) {
    world.warnings(input.senderJid, 'reset');
    await world.updateMembers([input.senderJid], 'remove');
    await world.reply(`${mention(input.senderJid)} posted links ${count} times and was removed.`, {
      mentions: [input.senderJid],
      plain: true,
    });
  } else {
    await world.reply(`${mention(input.senderJid)}, links are not allowed in this group. Warning ${count}/${limit}.`, {
      mentions: [input.senderJid],
      plain: true,
    });
  }
  return { stage: 'moderation', detail: 'Anti-link deleted a link from a member who is not an admin' };
};
