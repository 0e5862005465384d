import { fold } from '../compiled';
import type { Stage } from './stage';

/**
 * A contact who answers an opt-out word (STOP, PARAR…) in a private chat is marked opted out
 * (campaigns leave them out) and gets one confirmation; saying it again is not answered twice.
 */
export const optOutStage: Stage = async (ctx) => {
  const settings = ctx.compiled.config.optOut;
  if (!settings.enabled || ctx.input.isGroup) return null;
  const said = fold(ctx.text).replace(/[.!¡?¿]+$/u, '');
  if (!settings.words.some((word) => fold(word) === said)) return null;
  const fresh = ctx.world.optOut(`Replied “${ctx.text.trim().slice(0, 40)}”`);
  if (fresh && settings.confirmation) await ctx.world.reply(settings.confirmation, { plain: true });
  return {
    stage: 'opt-out',
    detail: fresh ? 'The contact opted out of campaigns' : 'The contact had already opted out',
  };
};
