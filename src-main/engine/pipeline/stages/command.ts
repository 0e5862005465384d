import type { CustomCommand, Permission, Scope } from '../../../../src-shared/automations';
import { renderTemplate } from '../../../../src-shared/template';
import type { Logger } from '../../log/logger';
import { parseCommand } from '../parse';
import type { SenderLimiter } from '../rate-limit';
import type { CommandContext, CommandRegistry, CommandSpec } from '../registry';
import type { Role } from '../world';
import { digitsOf, replyValues, type Stage, type StageContext } from './stage';

export type CommandLog = (ctx: StageContext, entry: { command: string; result: string; ms: number }) => void;

const WHO: Record<Exclude<Permission, 'everyone'>, string> = {
  owner: 'the bot’s owner',
  admin: 'group admins',
  premium: 'premium members',
};

export const mayRun = (permission: Permission, roles: ReadonlySet<Role>): boolean =>
  permission === 'everyone' || roles.has('owner') || roles.has(permission);

const inScope = (scope: Scope, isGroup: boolean): boolean => scope === 'both' || (scope === 'groups') === isGroup;

/** Mentioned people, the author of the quoted message, and numbers typed as arguments; never the bot. */
const targetsOf = (ctx: StageContext, args: readonly string[]): string[] => {
  const jids = new Set<string>(ctx.input.mentions ?? []);
  if (ctx.input.quoted?.senderJid) jids.add(ctx.input.quoted.senderJid);
  for (const arg of args) {
    const digits = arg.replace(/^@/, '').replace(/[\s()+-]/g, '');
    if (/^\d{7,15}$/.test(digits) && !ctx.input.mentions?.some((m) => digitsOf(m) === digits)) {
      jids.add(`${digits}@s.whatsapp.net`);
    }
  }
  if (ctx.world.botJid) jids.delete(ctx.world.botJid);
  return [...jids];
};

/** A custom command from the Automations page, in the registry's shape. */
const customSpec = (command: CustomCommand): CommandSpec => ({
  name: command.name,
  summary: command.summary,
  permission: command.permission,
  scope: command.scope,
  run: () => null, // answered by the stage itself: it needs the image and template values
});

/**
 * Prefix commands: the bot's prefixes, one lookup among built-ins (unless switched off) and custom
 * commands, then the per-sender rate limit, permission, scope and cooldown, each refusal answered
 * in plain words. Every run is logged with its result and duration.
 */
export const createCommandStage = (deps: {
  registry: CommandRegistry;
  limiter: SenderLimiter;
  logger: Logger;
  log: CommandLog;
}): Stage => {
  const lastRun = new Map<string, number>();

  return async (ctx) => {
    const { input, world, compiled, clock } = ctx;
    const parsed = parseCommand(ctx.text, compiled.config.prefixes);
    if (!parsed) return null;
    const builtIn = deps.registry.find(parsed.name);
    const custom = compiled.custom.get(parsed.name);
    const useBuiltIn = builtIn && isOn(builtIn, ctx) ? builtIn : undefined;
    // Custom commands are the "auto-reply" feature's saved replies.
    const spec = useBuiltIn ?? (custom && world.featureOn('autoReply') ? customSpec(custom) : undefined);
    if (!spec) return null;
    const label = `${parsed.prefix}${spec.name}`;

    const verdict = deps.limiter.check(`${input.botId}|${input.senderJid}`);
    if (verdict === 'silent') return { stage: 'rate-limit', detail: 'Too many commands from this sender: no answer' };
    if (verdict === 'warn') {
      await world.reply('You are sending commands too fast. Please wait a minute and try again.');
      return { stage: 'rate-limit', detail: 'Too many commands from this sender: warned once' };
    }
    const refuse = async (text: string, why: string) => {
      await world.reply(text);
      deps.log(ctx, { command: spec.name, result: why, ms: 0 });
      return { stage: 'command' as const, detail: `${label} refused: ${why}` };
    };
    if (!mayRun(spec.permission, world.roles)) {
      return refuse(`Only ${WHO[spec.permission as keyof typeof WHO]} can use ${label}.`, 'not allowed');
    }
    if (!inScope(spec.scope, input.isGroup)) {
      return refuse(
        spec.scope === 'groups'
          ? `${label} works in groups only.`
          : `${label} works in a private chat with the bot only.`,
        'wrong place',
      );
    }
    const key = `${input.botId}|${input.chatId}|${spec.name}`;
    const now = clock.now();
    const readyAt = (lastRun.get(key) ?? -Infinity) + (spec.cooldownMs ?? 0);
    if (now < readyAt) {
      return refuse(`Please wait ${Math.ceil((readyAt - now) / 1000)} s before using ${label} again.`, 'cooling down');
    }
    lastRun.set(key, now);
    if (lastRun.size > 10_000) {
      for (const [k, at] of lastRun) if (at < now - 60 * 60_000) lastRun.delete(k);
    }

    const started = performance.now();
    let result = 'answered';
    try {
      if (!useBuiltIn && custom) await runCustom(ctx, custom, parsed.rest);
      else {
        const commandCtx: CommandContext = {
          input,
          world,
          config: compiled.config,
          name: parsed.name,
          args: parsed.args,
          rest: parsed.rest,
          prefix: parsed.prefix,
          targets: targetsOf(ctx, parsed.args),
          available: () => available(ctx, deps.registry),
        };
        const reply = await spec.run(commandCtx);
        if (reply !== null) await world.reply(reply);
      }
    } catch (error) {
      deps.logger.error({ err: error, command: spec.name }, 'pipeline: a command failed');
      result = `failed: ${(error as Error).message}`;
      await world.reply(`Sorry, ${label} did not work: ${(error as Error).message}`);
    }
    deps.log(ctx, { command: spec.name, result, ms: performance.now() - started });
    return { stage: 'command', detail: !useBuiltIn ? `Custom command ${label}` : `Command ${label}` };
  };
};

const runCustom = async (ctx: StageContext, command: CustomCommand, rest: string) => {
  const text = renderTemplate(command.reply, replyValues(ctx, { args: rest }));
  await ctx.world.reply(text, command.image ? { image: command.image } : {});
};

/** A built-in command is on unless switched off itself or by its bot feature. */
const isOn = (spec: CommandSpec, ctx: StageContext): boolean =>
  !ctx.compiled.disabled.has(spec.name) && (spec.feature === undefined || ctx.world.featureOn(spec.feature));

/** The menu: built-ins that are on and custom commands, only those the asker may use here. */
const available = (ctx: StageContext, registry: CommandRegistry) => {
  const { compiled, world, input } = ctx;
  const fits = (permission: Permission, scope: Scope) =>
    mayRun(permission, world.roles) && inScope(scope, input.isGroup);
  return [
    ...registry
      .list()
      .filter((spec) => isOn(spec, ctx) && fits(spec.permission, spec.scope))
      .map((spec) => ({ name: spec.usage ?? spec.name, summary: spec.summary })),
    ...[...compiled.custom.values()]
      .filter((c) => world.featureOn('autoReply') && fits(c.permission, c.scope))
      .map((c) => ({ name: c.name, summary: c.summary })),
  ];
};
