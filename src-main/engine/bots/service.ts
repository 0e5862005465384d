import { randomUUID } from 'node:crypto';
import {
  FEATURE_LABEL,
  type Bot,
  type BotEventKind,
  type BotFeature,
  type BotFeatures,
  type BotKind,
  type BotStatus,
  type PageKey,
} from '../../../src-shared/bots';
import { ContractError } from '../../../src-shared/contract';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { EngineEvents } from '../events';
import type { Logger } from '../log/logger';
import type { Random } from '../random';
import type { AuthStore, IncomingMessage, MessageStatusEvent, Transport } from '../wa/transport';
import { normalizePhone } from './phone';
import * as q from './queries';
import { BotRunner, type RunnerState } from './runner';

/** New bots start with the features a small business most often wants on. */
const DEFAULT_FEATURES: BotFeatures = {
  antiLink: true,
  welcome: true,
  tagAll: true,
  stickers: true,
  autoReply: true,
  antiDelete: true,
  campaigns: true,
  readReceipts: true,
  notifications: true,
  autoDownload: true,
};

export type BotServiceDeps = {
  db: Db;
  clock: Clock;
  random: Random;
  events: EngineEvents;
  logger: Logger;
  createTransport(bot: { id: string; kind: BotKind }): Transport;
  createAuthStore(botId: string): AuthStore;
  /** Demo bots: the simulated phone scans the QR. */
  simulateScan(botId: string): void;
  /** Demo bots: a simulated customer writes to this number. */
  simulateIncoming(args: { to: string; from: string | null; text: string | null; photo: boolean }): {
    messageId: string;
    from: string;
  };
  /** Each bot's transport, once made: the inbox stores what it reports. */
  onTransport?(botId: string, transport: Transport): void;
  /** A bot came online (its outbox can go out). */
  onOnline?(botId: string): void;
  /** Live traffic from WhatsApp opens a batch of writes (db/write-batch.ts) that everything it causes joins. */
  joinWrites?(): void;
};

/**
 * Lines of the bot's log kept per bot; older ones are pruned as new ones come. Every message in
 * and every receipt is a line, so without a bound the log outgrew the chats it describes.
 */
export const EVENTS_KEPT = 50_000;
/** Pruned in small steps: each is a delete of this many rows, well under a millisecond. */
const PRUNE_EVERY = 100;

const ACTIVE_STATUSES: BotStatus[] = ['connecting', 'linking', 'online', 'reconnecting', 'offline'];

type Live = { runner: BotRunner; transport: Transport; auth: AuthStore };

export type BotService = ReturnType<typeof createBotService>;

export const createBotService = (deps: BotServiceDeps) => {
  const { db, clock, events, logger } = deps;
  const live = new Map<string, Live>();

  const rowOrThrow = (botId: string): q.BotRow => {
    const row = q.getBotRow(db, botId);
    if (!row) throw new ContractError('not_found', 'That bot does not exist any more. It may have been deleted.');
    return row;
  };

  const toBot = (row: q.BotRow): Bot => {
    const state = live.get(row.id)?.runner.current;
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      status: q.isBotStatus(row.status) ? row.status : 'stopped',
      statusReason: row.statusReason,
      phone: row.phone,
      // Features added in later versions start at their default for existing bots.
      features: { ...DEFAULT_FEATURES, ...q.featuresOf(db, row.id) },
      link: state?.link ?? null,
      nextRetryAt: state?.nextRetryAt ?? null,
      createdAt: row.createdAt,
      lastOnlineAt: row.lastOnlineAt,
    };
  };

  const publish = (botId: string): Bot => {
    const bot = toBot(rowOrThrow(botId));
    events.emit('bot:status', { bot });
    return bot;
  };

  // Read for every message the pipeline handles: prepared once, not rebuilt by drizzle per call.
  const hot = {
    jid: db.$client.prepare<[string], { jid: string | null }>('SELECT jid FROM bots WHERE id = ?'),
    feature: db.$client.prepare<[string, string], { enabled: number }>(
      'SELECT enabled FROM bot_features WHERE bot_id = ? AND feature = ?',
    ),
    // Every incoming message is a line in the log.
    event: db.$client.prepare<[string, number, string, string, string], { id: number }>(
      'INSERT INTO bot_events (bot_id, ts, kind, level, message) VALUES (?, ?, ?, ?, ?) RETURNING id',
    ),
    count: db.$client.prepare<[string], { n: number }>('SELECT count(*) AS n FROM bot_events WHERE bot_id = ?'),
    // The oldest first, by the order the log pages in, on the bot_events_page index: a few rows
    // read, where finding the 50,000th newest would read 50,000.
    prune: db.$client.prepare<[string, number]>(
      `DELETE FROM bot_events WHERE id IN (
         SELECT id FROM bot_events WHERE bot_id = ? ORDER BY ts, id LIMIT ?)`,
    ),
  };
  /** Lines each bot has in its log, counted once per run and then kept up to date. */
  const logged = new Map<string, number>();

  const log = (botId: string, kind: BotEventKind, level: 'info' | 'warn' | 'error', message: string): void => {
    if (!hot.jid.get(botId)) return;
    const ts = clock.now();
    const inserted = hot.event.get(botId, ts, kind, level, message);
    if (!inserted) return;
    const known = logged.get(botId);
    const count = known === undefined ? (hot.count.get(botId)?.n ?? 0) : known + 1;
    if (count >= EVENTS_KEPT + PRUNE_EVERY) {
      hot.prune.run(botId, count - EVENTS_KEPT);
      logged.set(botId, EVENTS_KEPT);
    } else logged.set(botId, count);
    const event = { id: inserted.id, botId, ts, kind, level, message };
    events.emit('bot:event', { event });
    logger[level]({ botId, kind }, message);
  };

  const onMessage = (botId: string, message: IncomingMessage): void => {
    if (message.fromMe) return;
    const number = `+${message.senderJid.split('@')[0]?.split(':')[0] ?? ''}`;
    const who = message.senderName ? `${message.senderName} (${number})` : number;
    const text = message.text ?? '[non-text message]';
    const preview = text.length > 120 ? `${text.slice(0, 117)}…` : text;
    log(botId, 'message', 'info', `${message.offline ? 'Received while offline' : 'Message'} from ${who}: ${preview}`);
  };

  /** Receipts for what the bot sent; "sent" is logged when the send returns, so only later steps. */
  const onMessageStatus = (botId: string, { id, chatJid, status }: MessageStatusEvent): void => {
    if (status !== 'delivered' && status !== 'read' && status !== 'played' && status !== 'failed') return;
    const number = `+${chatJid.split('@')[0]?.split(':')[0] ?? ''}`;
    const level = status === 'failed' ? 'warn' : 'info';
    log(botId, 'message', level, `Message ${id} to ${number}: ${status === 'played' ? 'played' : status}.`);
  };

  /** The runner, transport and auth store of a bot, made on first use. */
  const liveOf = (row: q.BotRow): Live => {
    const existing = live.get(row.id);
    if (existing) return existing;
    const transport = deps.createTransport({ id: row.id, kind: row.kind });
    const auth = deps.createAuthStore(row.id);
    const stored = q.isBotStatus(row.status) ? row.status : 'stopped';
    const initial: RunnerState = {
      // No socket survives a restart of the engine, whatever the file says.
      status: ACTIVE_STATUSES.includes(stored) ? 'stopped' : stored,
      statusReason: row.statusReason,
      link: null,
      nextRetryAt: null,
    };
    const runner = new BotRunner(initial, {
      transport,
      auth,
      clock,
      random: deps.random,
      log: (kind, level, message) => log(row.id, kind, level, message),
      onState: (state, extra) => {
        const patch: q.BotPatch = { status: state.status, statusReason: state.statusReason };
        if (extra.phone) {
          patch.phone = extra.phone;
          // A number new to this bot (or the first one) starts its warm-up now.
          if (q.getBotRow(db, row.id)?.linkedPhone !== extra.phone) {
            patch.linkedPhone = extra.phone;
            patch.linkedAt = clock.now();
          }
        }
        if (extra.jid) patch.jid = extra.jid;
        if (extra.onlineAt) patch.lastOnlineAt = extra.onlineAt;
        // A bot the user cannot get back without acting should not restart on its own with the app.
        if (state.status === 'logged_out' || state.status === 'failed') patch.autoStart = false;
        q.updateBot(db, row.id, patch, clock.now());
        publish(row.id);
        if (state.status === 'online') deps.onOnline?.(row.id);
      },
    });
    // First, before any listener writes: the event's writes and their consequences commit together.
    const join = () => deps.joinWrites?.();
    transport.on('message', join);
    transport.on('message-status', join);
    transport.on('message-edit', join);
    transport.on('message-delete', join);
    transport.on('reaction', join);
    transport.on('group', join);
    transport.on('group-participants', join);
    deps.onTransport?.(row.id, transport);
    transport.on('message', (message) => onMessage(row.id, message));
    transport.on('message-status', (update) => onMessageStatus(row.id, update));
    transport.on('warning', ({ message }) => log(row.id, 'error', 'warn', message));
    const entry = { runner, transport, auth };
    live.set(row.id, entry);
    return entry;
  };

  const requireStatus = (row: q.BotRow, allowed: BotStatus[], message: string): void => {
    const status = live.get(row.id)?.runner.current.status ?? row.status;
    if (!allowed.includes(status as BotStatus)) throw new ContractError('invalid_state', message);
  };

  return {
    list: (): Bot[] => q.listBotRows(db).map(toBot),

    get: (botId: string): Bot => toBot(rowOrThrow(botId)),

    create: (input: { name: string; kind: BotKind }): Bot => {
      const id = randomUUID();
      q.insertBot(db, { id, name: input.name, kind: input.kind, now: clock.now(), features: DEFAULT_FEATURES });
      log(id, 'info', 'info', `Created ${input.kind === 'demo' ? 'a Demo' : 'a WhatsApp'} bot named "${input.name}".`);
      return publish(id);
    },

    rename: (botId: string, name: string): Bot => {
      const row = rowOrThrow(botId);
      q.updateBot(db, botId, { name }, clock.now());
      log(botId, 'info', 'info', `Renamed from "${row.name}" to "${name}".`);
      return publish(botId);
    },

    remove: async (botId: string): Promise<{ botId: string }> => {
      rowOrThrow(botId);
      const entry = live.get(botId);
      live.delete(botId);
      await entry?.runner.dispose();
      q.deleteBot(db, botId);
      logged.delete(botId);
      logger.info({ botId }, 'Bot deleted with its session, settings and log.');
      events.emit('bot:removed', { botId });
      return { botId };
    },

    start: async (botId: string): Promise<Bot> => {
      const row = rowOrThrow(botId);
      q.updateBot(db, botId, { autoStart: true }, clock.now());
      await liveOf(row).runner.start();
      return publish(botId);
    },

    stop: async (botId: string): Promise<Bot> => {
      const row = rowOrThrow(botId);
      q.updateBot(db, botId, { autoStart: false }, clock.now());
      await liveOf(row).runner.stop();
      return publish(botId);
    },

    relink: async (botId: string): Promise<Bot> => {
      const row = rowOrThrow(botId);
      q.updateBot(db, botId, { autoStart: true, phone: null, jid: null }, clock.now());
      await liveOf(row).runner.relink();
      return publish(botId);
    },

    requestPairingCode: async (botId: string, phoneInput: string): Promise<Bot> => {
      const row = rowOrThrow(botId);
      const phone = normalizePhone(phoneInput);
      const entry = liveOf(row);
      if (entry.auth.hasSession()) {
        throw new ContractError('invalid_state', 'This bot is already linked. Relink it first to link another number.');
      }
      q.updateBot(db, botId, { autoStart: true }, clock.now());
      await entry.runner.start({ pairingPhone: phone });
      return publish(botId);
    },

    setFeature: (botId: string, feature: BotFeature, enabled: boolean): Bot => {
      rowOrThrow(botId);
      q.setFeature(db, botId, feature, enabled, clock.now());
      log(botId, 'info', 'info', `${FEATURE_LABEL[feature]} turned ${enabled ? 'on' : 'off'}.`);
      return publish(botId);
    },

    events: (args: { botId: string; kinds?: BotEventKind[]; before?: PageKey; limit: number }) => {
      rowOrThrow(args.botId);
      return q.pageEvents(db, args);
    },

    sendTest: async (botId: string, toInput: string, text: string): Promise<{ messageId: string; to: string }> => {
      const row = rowOrThrow(botId);
      const to = normalizePhone(toInput);
      requireStatus(row, ['online'], 'This bot is not online. Start it and wait until it shows Online, then send.');
      const { transport } = liveOf(row);
      try {
        const sent = await transport.sendText(`${to.slice(1)}@s.whatsapp.net`, text);
        const preview = text.length > 120 ? `${text.slice(0, 117)}…` : text;
        log(botId, 'message', 'info', `Sent message ${sent.id} to ${to}: ${preview}`);
        return { messageId: sent.id, to };
      } catch (error) {
        const reason = (error as Error).message;
        log(botId, 'message', 'warn', `Could not send to ${to}: ${reason}`);
        throw new ContractError('send_failed', `WhatsApp did not take the message: ${reason}`);
      }
    },

    simulateScan: (botId: string): Bot => {
      const row = rowOrThrow(botId);
      if (row.kind !== 'demo') {
        throw new ContractError('invalid_state', 'Only Demo bots can simulate a scan. Scan the QR with your phone.');
      }
      requireStatus(row, ['linking'], 'This bot is not waiting for a scan. Press Link first.');
      deps.simulateScan(botId);
      return toBot(rowOrThrow(botId));
    },

    simulateIncoming: (botId: string, text: string | null, fromInput: string | null, photo = false) => {
      const row = rowOrThrow(botId);
      if (row.kind !== 'demo') {
        throw new ContractError(
          'invalid_state',
          'Only Demo bots have simulated customers. Real contacts write to WhatsApp bots.',
        );
      }
      if (!row.phone) throw new ContractError('invalid_state', 'Link the bot first: customers write to its number.');
      const from = fromInput === null ? null : normalizePhone(fromInput);
      return deps.simulateIncoming({ to: row.phone, from, text, photo });
    },

    /** Bots that were running when the app closed start again. */
    resume: async (): Promise<void> => {
      for (const row of q.listBotRows(db)) {
        if (!row.autoStart) {
          // A bot cannot be mid-connection in a process that just started.
          if (ACTIVE_STATUSES.includes(row.status as BotStatus)) {
            q.updateBot(db, row.id, { status: 'stopped', statusReason: null }, clock.now());
          }
          continue;
        }
        const entry = liveOf(row);
        if (!entry.auth.hasSession()) {
          // Never linked: showing a QR nobody is looking at would only burn QR refs.
          q.updateBot(db, row.id, { status: 'created', autoStart: false }, clock.now());
          continue;
        }
        await entry.runner.start();
      }
    },

    /** The transport of a bot that is online now, else null. */
    onlineTransport: (botId: string): Transport | null => {
      const entry = live.get(botId);
      return entry?.runner.current.status === 'online' ? entry.transport : null;
    },

    isFeatureOn: (botId: string, feature: BotFeature): boolean => {
      const row = hot.feature.get(botId, feature);
      return row ? row.enabled === 1 : DEFAULT_FEATURES[feature];
    },

    /** The bot's own WhatsApp JID (bare), once linked. */
    jidOf: (botId: string): string | null => {
      const jid = hot.jid.get(botId)?.jid;
      return jid ? jid.replace(/:\d+@/, '@') : null;
    },

    exists: (botId: string): boolean => hot.jid.get(botId) !== undefined,

    /** An informational line in the bot's event log, from another part of the engine. */
    note: (botId: string, message: string): void => log(botId, 'info', 'info', message),

    /** Phones of online demo bots, for the demo customers who write in. */
    onlineDemoPhones: (): string[] =>
      q
        .listBotRows(db)
        .filter((row) => row.kind === 'demo' && live.get(row.id)?.runner.current.status === 'online' && row.phone)
        .map((row) => row.phone as string),

    shutdown: async (): Promise<void> => {
      const entries = [...live.values()];
      live.clear();
      await Promise.all(entries.map((e) => e.runner.dispose()));
    },
  };
};
