import type { Clock } from '../../clock';
import type { CompiledConfig } from '../compiled';
import type { PipelineInput, PipelineOutcome, World } from '../world';

export type StageResult = Omit<PipelineOutcome, 'replies'>;

/** One message on its way through the pipeline. */
export type StageContext = {
  input: PipelineInput;
  /** The text, never empty here. */
  text: string;
  world: World;
  compiled: CompiledConfig;
  clock: Clock;
};

/** A stage answers (and so stops the message) or returns null to let it go on. */
export type Stage = (ctx: StageContext) => Promise<StageResult | null>;

export const digitsOf = (jid: string): string => jid.split('@')[0]?.split(':')[0] ?? '';

/** "@447911123456", as WhatsApp shows a mention in text. */
export const mention = (jid: string): string => `@${digitsOf(jid)}`;

/** Template values every reply can use. */
export const replyValues = (ctx: StageContext, extra: Record<string, string | number> = {}) => {
  const now = ctx.clock.now();
  const tz = ctx.compiled.config.timeZone;
  return {
    name: ctx.input.senderName ?? `+${digitsOf(ctx.input.senderJid)}`,
    phone: `+${digitsOf(ctx.input.senderJid)}`,
    group: ctx.world.group?.subject ?? '',
    date: new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'medium' }).format(now),
    time: new Intl.DateTimeFormat('en-GB', { timeZone: tz, timeStyle: 'short' }).format(now),
    ...extra,
  };
};
