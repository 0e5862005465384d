import type { AutoReplyRule } from '../../../src-shared/automations';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import { builtInRegistry } from './builtins';
import type { CompiledConfig } from './compiled';
import { SenderLimiter } from './rate-limit';
import { Cooldowns, createAutoReplyStage } from './stages/auto-reply';
import { createCommandStage, type CommandLog } from './stages/command';
import { createFlowStage, FlowSessions } from './stages/flow';
import { moderationStage } from './stages/moderation';
import { createOptOutStage } from './stages/opt-out';
import type { Stage, StageContext } from './stages/stage';
import type { PipelineInput, PipelineOutcome, World } from './world';

export type { PipelineInput, PipelineOutcome, World };

export type PipelineDeps = {
  clock: Clock;
  logger: Logger;
  /** The bot's automations, compiled (cached by the caller and rebuilt on save). */
  config(botId: string): CompiledConfig;
  /** Every command run: who, where, what, result, how long. */
  logRun: CommandLog;
};

/** A regex rule that ran out of time is reported once (the guard has switched it off). */
export type RegexDisabled = (botId: string, rule: AutoReplyRule) => void;

/**
 * Every incoming message runs through one ordered pipeline after the inbox stored it (anti-delete
 * bookkeeping is the inbox's: it keeps what was said before any stage runs):
 * moderation → opt-out and opt-in → menu flow → prefix command → auto-reply and away message.
 * A stage that answers stops the message. The bot never answers itself, anything from before it was listening,
 * or status broadcasts; in a chat handed to a person only moderation and opt-out still run.
 */
export const createPipeline = (deps: PipelineDeps) => {
  const registry = builtInRegistry();
  const limiter = new SenderLimiter(deps.clock);
  const flows = new FlowSessions(deps.clock);
  const cooldowns = new Cooldowns(deps.clock);
  const always: Stage[] = [moderationStage, createOptOutStage(deps.logRun)];
  const automated: Stage[] = [
    createFlowStage(flows),
    createCommandStage({ registry, limiter, logger: deps.logger, log: deps.logRun }),
    createAutoReplyStage(cooldowns),
  ];
  let handled = 0;

  return {
    registry,
    /** Closes every open menu of a conversation (the test panel's Reset). */
    resetFlow: (botId: string, chatId: number, senderJid: string) => flows.end(`${botId}|${chatId}|${senderJid}`),

    async handle(input: PipelineInput, world: World): Promise<PipelineOutcome> {
      if (input.fromMe || input.offline || !input.text?.trim() || input.chatJid === 'status@broadcast') {
        return { stage: 'skipped', detail: 'Not answered: the bot’s own, old, or not a text', replies: [] };
      }
      // Memory follows who is active: forget senders, menus and cooldowns that have expired.
      if (++handled % 1_000 === 0) {
        limiter.sweep();
        flows.sweep();
        cooldowns.sweep();
      }
      const replies: string[] = [];
      const recording: World = {
        ...world,
        reply: async (text, extra) => {
          replies.push(extra?.sticker ? '[sticker]' : text);
          await world.reply(text, extra);
        },
      };
      const ctx: StageContext = {
        input,
        text: input.text,
        world: recording,
        compiled: deps.config(input.botId),
        clock: deps.clock,
      };
      for (const stage of always) {
        const result = await stage(ctx);
        if (result) return { ...result, replies };
      }
      if (world.handedOff)
        return { stage: 'paused', detail: 'This chat was handed to a person: the bot keeps quiet', replies };
      for (const stage of automated) {
        const result = await stage(ctx);
        if (result) return { ...result, replies };
      }
      return { stage: 'none', detail: 'Nothing matched: no command, rule or menu answers this', replies };
    },
  };
};

export type Pipeline = ReturnType<typeof createPipeline>;
