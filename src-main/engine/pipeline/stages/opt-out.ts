import { fold } from '../compiled';
import type { CommandLog } from './command';
import type { Stage } from './stage';

/** "STOP!", "Stop." and "¡Alta!" are the word itself. */
const bare = (text: string) => fold(text).replace(/^[¡¿]+|[.!¡?¿]+$/gu, '');

/**
 * A contact who answers an opt-out word (STOP, PARAR…) in a private chat is marked opted out
 * (campaigns leave them out) and gets one confirmation; saying it again is not answered twice.
 * An opted-out contact who answers an opt-in word (START, ALTA…) is taken back, with its own
 * confirmation; from anyone else that word goes on down the pipeline (it may open a menu). Both
 * changes are written to the run log, where the business looks for what its bot did.
 */
export const createOptOutStage =
  (log: CommandLog): Stage =>
  async (ctx) => {
    const settings = ctx.compiled.config.optOut;
    if (!settings.enabled || ctx.input.isGroup) return null;
    const said = bare(ctx.text);
    const typed = ctx.text.trim().slice(0, 40);
    if (settings.words.some((word) => fold(word) === said)) {
      const fresh = ctx.world.optOut(`Replied “${typed}”`);
      if (fresh) {
        log(ctx, { command: said, result: 'opted out of campaigns', ms: 0 });
        if (settings.confirmation) await ctx.world.reply(settings.confirmation, { plain: true });
      }
      return {
        stage: 'opt-out',
        detail: fresh ? 'The contact opted out of campaigns' : 'The contact had already opted out',
      };
    }
    if (!settings.optInWords.some((word) => fold(word) === said)) return null;
    if (!ctx.world.optIn(`Opted back in: replied “${typed}”`)) return null;
    log(ctx, { command: said, result: 'opted back in to campaigns', ms: 0 });
    if (settings.optInConfirmation) await ctx.world.reply(settings.optInConfirmation, { plain: true });
    return { stage: 'opt-in', detail: 'The contact opted back in: campaigns reach them again' };
  };
