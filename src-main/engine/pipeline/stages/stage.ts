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

const formats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();
/** Date and time formatters per time zone, made once: building one costs far more than using it. */
const formatsFor = (timeZone: string) => {
  let entry = formats.get(timeZone);
  if (!entry) {
    entry = {
      date: new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium' }),
      time: new Intl.DateTimeFormat('en-GB', { timeZone, timeStyle: 'short' }),
    };
    formats.set(timeZone, entry);
  }
  return entry;
};

/** Template values every reply can use. */
export const replyValues = (ctx: StageContext, extra: Record<string, string | number> = {}) => {
  const now = ctx.clock.now();
  const format = formatsFor(ctx.compiled.config.timeZone);
  return {
    name: ctx.input.senderName ?? `+${digitsOf(ctx.input.senderJid)}`,
    phone: `+${digitsOf(ctx.input.senderJid)}`,
    group: ctx.world.group?.subject ?? '',
    date: format.date.format(now),
    time: format.time.format(now),
    ...extra,
  };
};
