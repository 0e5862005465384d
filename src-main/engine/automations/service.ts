import type Database from 'better-sqlite3';
import {
  automationConfigSchema,
  type AutomationConfig,
  type AutomationPatch,
  type BuiltInCommand,
  type GroupSettings,
  type TryResult,
} from '../../../src-shared/automations';
import { ContractError, describeIssues, issueFields } from '../../../src-shared/contract';
import type { Chat } from '../../../src-shared/inbox';
import { renderTemplate } from '../../../src-shared/template';
import type { BotService } from '../bots/service';
import { normalizePhone } from '../bots/phone';
import type { Clock } from '../clock';
import type { InboxService } from '../inbox/service';
import type { Ingested } from '../inbox/writer';
import type { Logger } from '../log/logger';
import type { MediaService } from '../media/service';
import type { MediaStore } from '../media/store';
import { compileConfig, type CompiledConfig } from '../pipeline/compiled';
import { createPipeline } from '../pipeline/pipeline';
import { mention } from '../pipeline/stages/stage';
import type { PipelineInput } from '../pipeline/world';
import type { GroupParticipantsEvent, IncomingMessage } from '../wa/transport';
import { Broadcaster } from './broadcaster';
import { AutomationFacts } from './facts';
import { AutomationStore } from './store';
import { createTryWorld, newTrySession, TRY_SENDER, type TrySession } from './try-world';
import { configRefusals, refuseIf } from './save-checks';
import { createWorld } from './world';

export type AutomationDeps = {
  sqlite: Database.Database;
  clock: Clock;
  logger: Logger;
  bots: BotService;
  inbox: InboxService;
  media: MediaService;
  mediaStore: MediaStore;
  contactsChanged?(botId: string): void;
  /** A chat command changed what the Automations page shows (premium members). */
  automationsChanged?(botId: string): void;
};

/**
 * A bot's automations end to end: the configuration (validated on save, compiled once per
 * save), the pipeline every live message runs through, welcome and goodbye messages, and the
 * Automations page's test panel, which runs the same pipeline against a pretend world.
 */
export const createAutomationService = (deps: AutomationDeps) => {
  const { clock, logger, bots } = deps;
  const store = new AutomationStore(deps.sqlite, clock);
  const facts = new AutomationFacts(deps.sqlite);
  const compiled = new Map<string, CompiledConfig>();
  const trySessions = new Map<string, TrySession>();
  /** Messages still going through the pipeline (stickers and files take real time). */
  const running = new Set<Promise<unknown>>();
  const broadcaster = new Broadcaster(clock, logger, (chatId, text) =>
    deps.inbox.send({ chatId, text, origin: 'bot:broadcast' }),
  );

  /**
   * Compiled once per save (or start); regex rules that keep running slow are logged, and so are
   * stored ones that cannot run at all (a save refuses those instead: `noteSkipped` false).
   */
  const compile = (botId: string, config: AutomationConfig, noteSkipped = true): CompiledConfig =>
    compileConfig(config, {
      onRegexPaused: (rule) =>
        bots.note(
          botId,
          `The auto-reply rule “${rule.name || rule.pattern}” took too long to check and was paused. Simplify its pattern.`,
        ),
      onRegexSkipped: (rule, problem) => {
        if (noteSkipped)
          bots.note(botId, `The auto-reply rule “${rule.name || rule.pattern}” was left out: ${problem}`);
      },
    });

  const configOf = (botId: string): CompiledConfig => {
    let entry = compiled.get(botId);
    if (!entry) {
      const { config, switchedOff } = store.load(botId);
      if (switchedOff.length > 0) store.saveConfig(botId, config); // so it is reported once, not every start
      for (const rule of switchedOff) {
        bots.note(
          botId,
          `The auto-reply rule “${rule.name || rule.pattern}” was switched off: its pattern no longer runs. ${rule.problem}`,
        );
      }
      entry = compile(botId, config);
      compiled.set(botId, entry);
    }
    return entry;
  };

  const pipeline = createPipeline({
    clock,
    logger,
    config: configOf,
    logRun: (ctx, entry) => {
      if (ctx.input.chatId <= 0) return; // the test panel's tries are not runs
      store.logRun({
        botId: ctx.input.botId,
        chatId: ctx.input.chatId,
        senderJid: facts.phoneJid(ctx.input.botId, ctx.input.senderJid),
        ...entry,
      });
    },
  });

  const botOrThrow = (botId: string) => {
    if (!bots.exists(botId)) throw new ContractError('not_found', 'That bot does not exist any more.');
  };

  const view = (botId: string) => {
    const config = configOf(botId).config;
    const disabled = new Set(config.disabledCommands);
    const builtIns: BuiltInCommand[] = pipeline.registry.list().map((spec) => ({
      name: spec.name,
      aliases: [...(spec.aliases ?? [])],
      summary: spec.summary,
      usage: spec.usage ?? spec.name,
      permission: spec.permission,
      scope: spec.scope,
      enabled: !disabled.has(spec.name),
    }));
    return { config, builtIns, premium: store.premiumList(botId).map((jid) => `+${jid.split('@')[0] ?? ''}`) };
  };

  const stats = (botId: string): string[] => {
    const row = deps.sqlite
      .prepare(
        `SELECT sum(kind = 'user') AS users, sum(kind = 'group') AS groups, sum(last_ts >= ?) AS today
         FROM chats WHERE bot_id = ?`,
      )
      .get(clock.now() - 24 * 60 * 60_000, botId) as {
      users: number | null;
      groups: number | null;
      today: number | null;
    };
    const runs = deps.sqlite
      .prepare('SELECT count(*) AS n FROM command_runs WHERE bot_id = ? AND ts >= ?')
      .get(botId, clock.now() - 24 * 60 * 60_000) as { n: number };
    return [
      `Private chats: ${row.users ?? 0}`,
      `Groups: ${row.groups ?? 0}`,
      `Chats active in the last 24 h: ${row.today ?? 0}`,
      `Commands run in the last 24 h: ${runs.n}`,
      `Premium members: ${store.premiumList(botId).length}`,
    ];
  };

  const greet = (botId: string, chatId: number, event: GroupParticipantsEvent): void => {
    if (event.action !== 'add' && event.action !== 'remove') return;
    const settings = store.groupSettings(chatId);
    const on = event.action === 'add' ? settings.welcome : settings.goodbye;
    if (!on || !bots.isFeatureOn(botId, 'welcome') || !bots.onlineTransport(botId)) return;
    const botJid = bots.jidOf(botId);
    const people = event.members.filter((jid) => jid !== botJid);
    if (people.length === 0) return;
    const group = facts.group(chatId, botJid);
    const text = renderTemplate(event.action === 'add' ? settings.welcomeText : settings.goodbyeText, {
      name: people.map(mention).join(', '),
      group: group?.subject ?? '',
      count: group?.members.size ?? '',
    });
    deps.inbox
      .send({ chatId, text, mentions: people, origin: 'bot:greeting' })
      .catch((error: unknown) => logger.warn({ err: error, botId }, 'automations: a greeting could not be sent'));
  };

  return {
    get: (botId: string) => {
      botOrThrow(botId);
      return view(botId);
    },

    /** Validates the whole configuration with the patch applied; a bad part changes nothing. */
    save(botId: string, patch: AutomationPatch) {
      botOrThrow(botId);
      const parsed = automationConfigSchema.safeParse({ ...configOf(botId).config, ...patch });
      if (!parsed.success)
        throw new ContractError('invalid_input', describeIssues(parsed.error), issueFields(parsed.error));
      const next = parsed.data;
      refuseIf(configRefusals(next, pipeline.registry));
      next.disabledCommands = next.disabledCommands.filter((name) => pipeline.registry.find(name)?.name === name);
      // Compiled before it is stored: what saves is exactly what the engine can run.
      const entry = compile(botId, next, false);
      const [unrunnable] = entry.skipped;
      if (unrunnable) {
        const index = next.rules.indexOf(unrunnable.rule);
        refuseIf({ [`rules.${index}.pattern`]: unrunnable.problem });
      }
      store.saveConfig(botId, next);
      compiled.set(botId, entry);
      return view(botId);
    },

    premium(botId: string, phone: string, premium: boolean) {
      botOrThrow(botId);
      const jid = `${normalizePhone(phone).slice(1)}@s.whatsapp.net`;
      store.setPremium(botId, jid, premium);
      return view(botId);
    },

    async uploadImage(botId: string, name: string, bytes: Buffer) {
      botOrThrow(botId);
      const attached = await deps.media.attach(name, bytes);
      if (attached.kind !== 'image') {
        throw new ContractError('invalid_input', `“${name}” is not a photo. Choose a JPEG, PNG or WebP image.`);
      }
      return { sha256: attached.media.sha256, name };
    },

    /** The test panel: the real pipeline against a world that only records. */
    async try(input: {
      botId: string;
      text: string;
      where: 'private' | 'group';
      role: 'everyone' | 'admin' | 'premium' | 'owner';
      reset: boolean;
    }): Promise<TryResult> {
      botOrThrow(input.botId);
      const chatId = input.where === 'group' ? -2 : -1;
      if (input.reset) {
        trySessions.delete(input.botId);
        pipeline.resetFlow(input.botId, -1, TRY_SENDER);
        pipeline.resetFlow(input.botId, -2, TRY_SENDER);
      }
      const session = trySessions.get(input.botId) ?? newTrySession();
      trySessions.set(input.botId, session);
      const replies: string[] = [];
      const actions: string[] = [];
      const world = createTryWorld({
        session,
        where: input.where,
        role: input.role,
        replies,
        actions,
        premiumList: store.premiumList(input.botId),
        privateChats: facts.privateChats(input.botId).length,
        stats: stats(input.botId),
        featureOn: (feature) => bots.isFeatureOn(input.botId, feature),
      });
      const message: PipelineInput = {
        botId: input.botId,
        chatId,
        chatJid: input.where === 'group' ? 'test@g.us' : TRY_SENDER,
        isGroup: input.where === 'group',
        messageId: 0,
        senderJid: TRY_SENDER,
        senderName: 'Test customer',
        text: input.text,
        fromMe: false,
        offline: false,
      };
      const outcome = await pipeline.handle(message, world);
      session.tries += 1;
      return { stage: outcome.stage, detail: outcome.detail, replies, matched: outcome.matched ?? null, actions };
    },

    runs: (botId: string, limit: number) => {
      botOrThrow(botId);
      return store.runs(botId, limit);
    },

    /** The group's "only admins may send" setting, changed on WhatsApp by the bot (an admin there). */
    async setAnnounce(chat: Chat, announce: boolean): Promise<{ announce: boolean }> {
      if (chat.kind !== 'group') throw new ContractError('invalid_input', 'Choose a group chat.');
      const transport = bots.onlineTransport(chat.botId);
      if (!transport)
        throw new ContractError('invalid_state', 'Start the bot first: it changes the group on WhatsApp.');
      try {
        await transport.setGroupAnnounce(chat.jid, announce);
      } catch (error) {
        throw new ContractError('invalid_state', (error as Error).message);
      }
      return { announce };
    },

    groupSettings: (chatId: number): GroupSettings => store.groupSettings(chatId),
    saveGroupSettings: (chatId: number, patch: Partial<GroupSettings>): GroupSettings =>
      store.saveGroupSettings(chatId, patch),

    /** A live message the inbox stored: through the pipeline with the real world. */
    handleIncoming(botId: string, message: IncomingMessage, stored: Ingested): Promise<unknown> {
      const input: PipelineInput = {
        botId,
        chatId: stored.chatId,
        chatJid: message.chatJid,
        isGroup: message.chatJid.endsWith('@g.us'),
        messageId: stored.messageId,
        senderJid: message.senderJid,
        senderName: message.senderName,
        text: message.text,
        ...(message.kind ? { kind: message.kind } : {}),
        fromMe: message.fromMe,
        offline: message.offline,
        ...(message.mentions ? { mentions: message.mentions } : {}),
        quoted: message.quoted ? { waId: message.quoted.id, senderJid: message.quoted.senderJid } : null,
      };
      if (input.fromMe || input.offline || !input.text) return Promise.resolve(null);
      const sent: number[] = [];
      const world = createWorld({ ...deps, store, facts, broadcaster, compiled: configOf(botId), input, stats, sent });
      // Each reply is marked with the stage that answered, known once the pipeline is done.
      const handled = pipeline.handle(input, world).then((outcome) => {
        deps.inbox.markOrigin(botId, sent, `bot:${outcome.stage}`);
        return outcome;
      });
      running.add(handled);
      void handled.finally(() => running.delete(handled)).catch(() => undefined);
      return handled;
    },

    /** A group changed: drop its cached facts; greet who joined, say goodbye to who left. */
    onGroupChange(botId: string, chatId: number, event: GroupParticipantsEvent | null): void {
      facts.forgetGroup(chatId);
      if (event) greet(botId, chatId, event);
    },

    /** Waits for messages still in the pipeline (tests, shutdown). */
    idle: async (): Promise<void> => {
      await Promise.allSettled([...running]);
    },

    stop: () => broadcaster.stop(),
  };
};

export type AutomationService = ReturnType<typeof createAutomationService>;
