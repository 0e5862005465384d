import { automationConfigSchema, groupSettingsSchema, type AutomationPatch } from '../../../src-shared/automations';
import { FakeClock } from '../clock';
import { silentLogger } from '../log/logger';
import type { GroupRole } from '../wa/transport';
import { compileConfig, type CompiledConfig, type RegexHooks } from './compiled';
import { createPipeline } from './pipeline';
import type { PipelineInput, Role, World } from './world';

export const BOT = '447700900000@s.whatsapp.net';
export const CUSTOMER = '447911123402@s.whatsapp.net';
export const OTHER = '447911123403@s.whatsapp.net';
export const CREATOR = '447911123404@s.whatsapp.net';

/** A customer's message: private unless `group` says otherwise. */
export const message = (text: string, over: Partial<PipelineInput> & { group?: boolean } = {}): PipelineInput => {
  const { group, ...rest } = over;
  return {
    botId: 'bot',
    chatId: group ? 2 : 1,
    chatJid: group ? '120363000000000001@g.us' : CUSTOMER,
    isGroup: group ?? false,
    messageId: 10,
    senderJid: CUSTOMER,
    senderName: 'Ana',
    text,
    fromMe: false,
    offline: false,
    ...rest,
  };
};

export type RecordedWorld = World & { sent: { text: string; mentions: readonly string[] }[]; actions: string[] };

/**
 * A World that keeps what the bot did in arrays. Groups have the bot (admin unless said), the
 * customer, another member and the creator.
 */
export const recordingWorld = (
  over: Omit<Partial<World>, 'roles' | 'group'> & {
    roles?: Role[];
    senderRole?: GroupRole;
    botAdmin?: boolean;
    group?: boolean;
    /** The sender had opted out of campaigns before this message. */
    optedOut?: boolean;
  } = {},
): RecordedWorld => {
  const {
    roles = [],
    senderRole = 'member',
    botAdmin = true,
    group = false,
    optedOut: optedOutAtStart = false,
    ...rest
  } = over;
  const sent: RecordedWorld['sent'] = [];
  const actions: string[] = [];
  const warnings = new Map<string, number>();
  const premium = new Set<string>();
  let settings = groupSettingsSchema.parse({});
  let optedOut = optedOutAtStart;
  const world: RecordedWorld = {
    sent,
    actions,
    roles: new Set(roles),
    featureOn: () => true,
    botJid: BOT,
    group: group
      ? {
          subject: 'Regulars',
          botIsAdmin: botAdmin,
          members: new Map<string, GroupRole>([
            [BOT, botAdmin ? 'admin' : 'member'],
            [CUSTOMER, senderRole],
            [OTHER, 'member'],
            [CREATOR, 'superadmin'],
          ]),
        }
      : null,
    get groupSettings() {
      return group ? settings : null;
    },
    firstMessage: false,
    handedOff: false,
    reply: (text, extra) => {
      sent.push({ text: extra?.sticker ? '[sticker]' : text, mentions: extra?.mentions ?? [] });
      return Promise.resolve();
    },
    deleteMessage: () => {
      actions.push('delete');
      return Promise.resolve();
    },
    updateMembers: (jids, action) => {
      actions.push(`${action} ${jids.join(',')}`);
      return Promise.resolve();
    },
    setAnnounce: (announce) => {
      actions.push(announce ? 'announce' : 'open');
      return Promise.resolve();
    },
    saveGroupSettings: (patch) => (settings = groupSettingsSchema.parse({ ...settings, ...patch })),
    handOff: () => actions.push('handoff'),
    optOut: () => {
      const fresh = !optedOut;
      optedOut = true;
      actions.push('opt-out');
      return fresh;
    },
    optIn: () => {
      const was = optedOut;
      optedOut = false;
      if (was) actions.push('opt-in');
      return was;
    },
    warnings: (jid, change) => {
      const next = change === 'reset' ? 0 : Math.max(0, (warnings.get(jid) ?? 0) + change.delta);
      warnings.set(jid, next);
      return next;
    },
    premium: (action, jid) => {
      const had = premium.has(jid);
      if (action === 'add') premium.add(jid);
      else premium.delete(jid);
      return had !== (action === 'add');
    },
    premiumList: () => [...premium],
    imageForSticker: () => Promise.resolve(null),
    stats: () => ['Private chats: 3'],
    broadcast: () => 3,
    note: (action) => actions.push(action),
    ...rest,
  };
  return world;
};

/** A pipeline over one configuration, with a fake clock and the command runs it logged. */
export const testPipeline = (
  patch: AutomationPatch = {},
  clock = new FakeClock(Date.UTC(2026, 10, 23, 12)),
  regex: Pick<RegexHooks, 'sliceMs' | 'budgetMs' | 'now'> = {},
) => {
  /** Rules the regex guard switched off. */
  const paused: string[] = [];
  const compile = (next: AutomationPatch) =>
    compileConfig(automationConfigSchema.parse(next), { ...regex, onRegexPaused: (rule) => paused.push(rule.name) });
  let compiled: CompiledConfig = compile(patch);
  const runs: string[] = [];
  const pipeline = createPipeline({
    clock,
    logger: silentLogger(),
    config: () => compiled,
    logRun: (_ctx, entry) => runs.push(`${entry.command}: ${entry.result}`),
  });
  return {
    pipeline,
    clock,
    runs,
    paused,
    get compiled() {
      return compiled;
    },
    configure(next: AutomationPatch) {
      compiled = compile(next);
    },
    /** Runs one message and returns the texts the bot sent. */
    async say(
      text: string,
      over: Parameters<typeof message>[1] = {},
      world = recordingWorld({ group: over.group ?? false }),
    ) {
      const outcome = await pipeline.handle(message(text, over), world);
      return { ...outcome, sent: world.sent.map((s) => s.text), world };
    },
  };
};
