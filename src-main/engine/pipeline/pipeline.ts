import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import { builtInCommands } from './builtins';
import { DEFAULT_PREFIXES, parseCommand } from './parse';
import { SenderLimiter } from './rate-limit';
import { CommandRegistry, type CommandSpec, type Permission } from './registry';

/** A message as the pipeline sees it (already stored by the inbox). */
export type PipelineInput = {
  botId: string;
  chatId: number;
  chatJid: string;
  isGroup: boolean;
  messageId: number;
  senderJid: string;
  text: string | null;
  fromMe: boolean;
  /** Delivered while offline, or history: never answered. */
  offline: boolean;
};

/** What happened to a message: which stage answered (or stopped it), and the answer. */
export type PipelineOutcome = { stage: 'skipped' | 'rate-limit' | 'command' | 'none'; reply: string | null };

export type PipelineDeps = {
  clock: Clock;
  logger: Logger;
  /** What the sender is in this chat beyond "everyone" (owner, group admin, premium). */
  rolesOf(input: PipelineInput): ReadonlySet<Exclude<Permission, 'everyone'>>;
  /** Sends the answer into the chat, quoting the message it answers. */
  reply(input: PipelineInput, text: string): Promise<void>;
  /** A line in the bot's log for every command run: who, where, what, result, how long. */
  logRun(input: PipelineInput, entry: { command: string; result: string; ms: number }): void;
};

const mayRun = (spec: CommandSpec, roles: ReadonlySet<string>): boolean => {
  if (spec.permission === 'everyone' || roles.has('owner')) return true;
  if (spec.permission === 'premium') return roles.has('premium');
  if (spec.permission === 'admin') return roles.has('admin');
  return false;
};

const WHO: Record<Exclude<Permission, 'everyone'>, string> = {
  owner: 'the bot’s owner',
  admin: 'group admins',
  premium: 'premium members',
};

/**
 * Every incoming message runs through one ordered pipeline. This step has the guards (never the
 * bot's own messages, never offline or history ones), the per-sender rate limit and prefix
 * commands; moderation, flows and auto-replies join as stages before and after commands.
 */
export const createPipeline = (deps: PipelineDeps) => {
  const registry = new CommandRegistry();
  for (const spec of builtInCommands(registry)) registry.register(spec);
  const limiter = new SenderLimiter(deps.clock);
  const lastRun = new Map<string, number>();
  let handled = 0;

  const answer = async (input: PipelineInput, stage: PipelineOutcome['stage'], text: string) => {
    await deps.reply(input, text);
    return { stage, reply: text };
  };

  const runCommand = async (input: PipelineInput, text: string): Promise<PipelineOutcome | null> => {
    const parsed = parseCommand(text, DEFAULT_PREFIXES);
    const spec = parsed ? registry.find(parsed.name) : undefined;
    if (!parsed || !spec) return null;
    const verdict = limiter.check(`${input.botId}|${input.senderJid}`);
    if (verdict === 'silent') return { stage: 'rate-limit', reply: null };
    if (verdict === 'warn') {
      return answer(input, 'rate-limit', 'You are sending commands too fast. Please wait a minute and try again.');
    }
    const roles = deps.rolesOf(input);
    if (!mayRun(spec, roles)) {
      return answer(
        input,
        'command',
        `Only ${WHO[spec.permission as keyof typeof WHO]} can use ${parsed.prefix}${spec.name}.`,
      );
    }
    if (spec.scope === 'groups' && !input.isGroup) {
      return answer(input, 'command', `${parsed.prefix}${spec.name} works in groups only.`);
    }
    if (spec.scope === 'private' && input.isGroup) {
      return answer(input, 'command', `${parsed.prefix}${spec.name} works in a private chat with the bot only.`);
    }
    const key = `${input.botId}|${input.chatId}|${spec.name}`;
    const now = deps.clock.now();
    const readyAt = (lastRun.get(key) ?? -Infinity) + (spec.cooldownMs ?? 0);
    if (now < readyAt) {
      const seconds = Math.ceil((readyAt - now) / 1000);
      return answer(input, 'command', `Please wait ${seconds} s before using ${parsed.prefix}${spec.name} again.`);
    }
    lastRun.set(key, now);
    const started = performance.now();
    let reply: string | null;
    try {
      reply = await spec.run({
        botId: input.botId,
        chatId: input.chatId,
        chatJid: input.chatJid,
        isGroup: input.isGroup,
        senderJid: input.senderJid,
        name: parsed.name,
        args: parsed.args,
        rest: parsed.rest,
        prefix: parsed.prefix,
        allowed: (other) =>
          mayRun(other, roles) && (other.scope === 'both' || (other.scope === 'groups') === input.isGroup),
      });
    } catch (error) {
      deps.logger.error({ err: error, command: spec.name }, 'pipeline: a command failed');
      reply = `Sorry, ${parsed.prefix}${spec.name} failed. Try again in a moment.`;
    }
    deps.logRun(input, {
      command: spec.name,
      result: reply === null ? 'no answer' : 'answered',
      ms: performance.now() - started,
    });
    if (reply === null) return { stage: 'command', reply: null };
    return answer(input, 'command', reply);
  };

  return {
    registry,

    async handle(input: PipelineInput): Promise<PipelineOutcome> {
      // The bot never answers itself, nor anything from before it was listening.
      if (input.fromMe || input.offline || !input.text || input.chatJid === 'status@broadcast') {
        return { stage: 'skipped', reply: null };
      }
      if (++handled % 1_000 === 0) limiter.sweep();
      return (await runCommand(input, input.text)) ?? { stage: 'none', reply: null };
    },
  };
};

export type Pipeline = ReturnType<typeof createPipeline>;
