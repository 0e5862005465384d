import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createAutomationService, type AutomationService } from './automations/service';
import { createBotService, type BotService } from './bots/service';
import { createCampaignScheduler, type CampaignScheduler } from './campaigns/scheduler';
import { createCampaignService, type CampaignService } from './campaigns/service';
import { createContactService, type ContactService } from './contacts/service';
import { systemClock, type Clock } from './clock';
import { createDispatcher, type Dispatcher } from './contract/dispatcher';
import { createDemoControls } from './demo-controls';
import { registerHandlers, type AppInfo } from './contract/handlers';
import { startCheckpointer } from './db/checkpointer';
import { createWriteBatch } from './db/write-batch';
import { openDb, type OpenedDb } from './db/open';
import { createEngineEvents, type EngineEvents } from './events';
import { createInboxService, type InboxService } from './inbox/service';
import { createWaMessageLookup } from './inbox/wa-message-lookup';
import { createUploadStore } from './uploads/store';
import { silentLogger, type Logger } from './log/logger';
import { createMediaService, type MediaService } from './media/service';
import { MediaStore } from './media/store';
import { createTemplateService, type TemplateService } from './templates/service';
import { pick, seededRandom, type Random } from './random';
import { createAuthStore } from './wa/auth-store';
import { createBaileysTransport } from './wa/baileys/transport';
import { DEMO_CUSTOMERS, demoLine, startDemoActivity, type DemoActivity } from './wa/sim/demo-activity';
import { SimNetwork } from './wa/sim/network';
import { SimTransport } from './wa/sim/transport';
import type { Transport } from './wa/transport';

export type EngineOptions = {
  dataDir: string;
  mode: AppInfo['mode'];
  version: string;
  clock?: Clock;
  random?: Random;
  logger?: Logger;
  /** Simulated customers write to online demo bots (on in the app, off in tests unless asked). */
  demoActivity?: boolean;
  /** Test infrastructure only: a local WhatsApp protocol server and its certificate root. */
  baileys?: { waWebSocketUrl?: string; rootPublicKeyHex?: string };
  /**
   * Test infrastructure only: the simulated network keeps the ids it accepted in `journal`, and
   * acks a send `ackDelayMs` after accepting it (WhatsApp's round trip).
   */
  simNetwork?: { journal?: string; ackDelayMs?: number };
  /** Replaces how transports are made (tests). */
  createTransport?: (
    bot: { id: string; kind: 'whatsapp' | 'demo' },
    defaults: (bot: { id: string; kind: 'whatsapp' | 'demo' }) => Transport,
  ) => Transport;
};

export type Engine = {
  dispatch: Dispatcher['dispatch'];
  events: EngineEvents;
  bots: BotService;
  inbox: InboxService;
  media: MediaService;
  automations: AutomationService;
  contacts: ContactService;
  templates: TemplateService;
  campaigns: CampaignService;
  scheduler: CampaignScheduler;
  network: SimNetwork;
  db: OpenedDb;
  dataDir: string;
  /** Brings back the bots that were running and starts demo traffic. */
  start(): Promise<void>;
  close(): Promise<void>;
};

export const DB_FILE = 'wren.db';
/** Files of messages, named by content (see media/store.ts). */
export const MEDIA_DIR = 'media';

/** Builds the whole engine on one SQLite file in `dataDir`. Plain Node: never imports Electron. */
export const createEngine = (options: EngineOptions): Engine => {
  mkdirSync(options.dataDir, { recursive: true });
  const clock = options.clock ?? systemClock;
  const random = options.random ?? seededRandom(Date.now());
  const logger = options.logger ?? silentLogger();
  const opened = openDb(join(options.dataDir, DB_FILE));
  const writes = createWriteBatch(opened.sqlite, logger);
  const checkpointer = startCheckpointer(join(options.dataDir, DB_FILE), logger);
  const events = createEngineEvents();
  const network = new SimNetwork(clock, random, options.simNetwork ?? {});
  const authStore = (botId: string) => createAuthStore(opened.sqlite, botId, { afterWrite: writes.flush });
  const findMessage = createWaMessageLookup(opened.sqlite);

  const defaultTransport = (bot: { id: string; kind: 'whatsapp' | 'demo' }): Transport =>
    bot.kind === 'demo'
      ? new SimTransport(bot.id, network, authStore(bot.id), clock)
      : createBaileysTransport({
          authStore: authStore(bot.id),
          clock,
          // Baileys is chatty: warnings at most, and nothing when the engine's logger is quieter.
          logger: logger.child(
            { botId: bot.id, module: 'baileys' },
            { level: logger.isLevelEnabled('warn') ? 'warn' : logger.level },
          ),
          // A recipient that could not decrypt a message asks for it again: resent from the store.
          findMessage: (key) => findMessage(bot.id, key),
          ...options.baileys,
        });

  const bots = createBotService({
    db: opened.db,
    clock,
    random,
    events,
    logger,
    createTransport: (bot) => options.createTransport?.(bot, defaultTransport) ?? defaultTransport(bot),
    createAuthStore: authStore,
    simulateScan: (botId) => {
      network.scan(botId);
    },
    simulateIncoming: ({ to, from, text, photo }) => {
      const customer = from ? { phone: from, name: null } : pick(random, DEMO_CUSTOMERS);
      const who = { from: customer.phone, ...(customer.name ? { fromName: customer.name } : {}), to };
      const message = photo
        ? network.sendPhoto({ ...who, caption: text })
        : network.receive({ ...who, text: text ?? demoLine(random) });
      return { messageId: message.id, from: customer.phone };
    },
    onTransport: (botId, transport) => {
      inbox.attach(botId, transport);
      scheduler.attach(botId, transport);
    },
    onOnline: (botId) => {
      void inbox.onOnline(botId);
      scheduler.wake();
    },
    joinWrites: writes.join,
  });
  const mediaStore = new MediaStore(join(options.dataDir, MEDIA_DIR));
  const media = createMediaService({
    sqlite: opened.sqlite,
    store: mediaStore,
    logger,
    onlineTransport: (botId) => bots.onlineTransport(botId),
    autoDownload: (botId) => bots.isFeatureOn(botId, 'autoDownload'),
    changed: (botId, messageId, chatId) => inbox.changed(botId, messageId, chatId),
  });
  // The inbox reads bot facts through the bot service; both are made before either is used.
  const inbox: InboxService = createInboxService({
    sqlite: opened.sqlite,
    writes,
    clock,
    events,
    logger,
    botJid: (botId) => bots.jidOf(botId),
    isFeatureOn: (botId, feature) => bots.isFeatureOn(botId, feature),
    onlineTransport: (botId) => bots.onlineTransport(botId),
    botExists: (botId) => bots.exists(botId),
    note: (botId, message) => bots.note(botId, message),
    media,
    onIncoming: (botId, message, stored) => {
      scheduler.onIncoming(botId, message);
      automations
        .handleIncoming(botId, message, stored)
        .catch((error: unknown) => logger.error({ err: error, botId }, 'pipeline: a message failed'));
    },
    onGroupChange: (botId, chatId, event) => automations.onGroupChange(botId, chatId, event),
  });
  const automations = createAutomationService({
    sqlite: opened.sqlite,
    clock,
    logger,
    bots,
    inbox,
    media,
    mediaStore,
    contactsChanged: (botId) => events.emit('contacts:changed', { botId }),
    automationsChanged: (botId) => events.emit('automations:changed', { botId }),
  });

  const contacts = createContactService({
    sqlite: opened.sqlite,
    clock,
    events,
    botExists: (botId) => bots.exists(botId),
    botName: (botId) => (bots.exists(botId) ? bots.get(botId).name : null),
  });

  const templates = createTemplateService({ sqlite: opened.sqlite, clock, media });
  const campaigns: CampaignService = createCampaignService({
    sqlite: opened.sqlite,
    clock,
    events,
    botExists: (botId) => bots.exists(botId),
    scheduler: () => scheduler,
  });
  const scheduler: CampaignScheduler = createCampaignScheduler({
    sqlite: opened.sqlite,
    clock,
    random,
    logger,
    onlineTransport: (botId) => bots.onlineTransport(botId),
    recordSent: (botId, jid, sent) => inbox.recordSent(botId, jid, sent),
    mediaBytes: async (sha256) => {
      const bytes = await mediaStore.get(sha256);
      if (!bytes) throw new Error('The campaign’s file is no longer on this PC; attach it again.');
      return bytes;
    },
    progress: (campaignId) => campaigns.progress(campaignId),
    note: (botId, message) => bots.note(botId, message),
    flushWrites: writes.flush,
  });

  const dispatcher = createDispatcher((name, error) => logger.error({ err: error, call: name }, 'Call failed'));
  registerHandlers(dispatcher, {
    bots,
    inbox,
    media,
    automations,
    contacts,
    templates,
    campaigns,
    scheduler,
    demo: createDemoControls({ network, inbox, bots, random }),
    uploads: createUploadStore({ clock }),
    info: { version: options.version, mode: options.mode, dataDir: options.dataDir },
  });

  let demo: DemoActivity | null = null;
  return {
    // What the UI is told was done is on disk, even if live traffic had a batch open meanwhile.
    dispatch: async (name, input) => {
      const reply = await dispatcher.dispatch(name, input);
      writes.flush();
      inbox.publishNow(); // and the UI has heard of it before the call answers
      return reply;
    },
    events,
    bots,
    inbox,
    media,
    automations,
    contacts,
    templates,
    campaigns,
    scheduler,
    network,
    db: opened,
    dataDir: options.dataDir,
    async start() {
      scheduler.start();
      await bots.resume();
      if (options.demoActivity)
        demo = startDemoActivity({ network, clock, random, onlineDemoPhones: bots.onlineDemoPhones });
    },
    async close() {
      demo?.stop();
      automations.stop();
      scheduler.stop();
      await automations.idle();
      await scheduler.idle();
      await bots.shutdown();
      await inbox.idle();
      await media.idle();
      events.clear();
      writes.flush();
      await checkpointer.close();
      opened.close();
    },
  };
};
