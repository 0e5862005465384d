import { create } from 'zustand';
import type { Bot, BotEvent, BotEventKind, PageKey } from '../../../../src-shared/bots';
import { getClient } from '../../contract';
import { errorMessage } from '../../lib/errors';
import { freshness } from './freshness';

export type LogFilter = BotEventKind | 'all';

/** One bot's event log as far as it has been read, newest first, for one filter. */
export type BotLog = {
  filter: LogFilter;
  items: BotEvent[];
  nextBefore: PageKey | null;
  status: 'loading' | 'ready' | 'error';
  loadingOlder: boolean;
  error: string | null;
  /** Bumped per request so a slow reply for an old filter cannot overwrite a newer one. */
  seq: number;
};

type BotsState = {
  byId: Record<string, Bot>;
  ids: string[];
  listStatus: 'idle' | 'loading' | 'ready' | 'error';
  listError: string | null;
  selectedId: string | null;
  /** The bot whose linking dialog is open. */
  linkingId: string | null;
  /** The dialog's own start call: in flight, or failed with the engine's message. */
  linkStarting: boolean;
  linkError: string | null;
  /** Just created: its panel offers "Link now" until linked, dismissed or another bot is opened. */
  freshId: string | null;
  logs: Record<string, BotLog>;

  load: () => Promise<void>;
  /** From the bridge: the engine's word, always applied. */
  receiveStatus: (bot: Bot) => void;
  receiveRemoved: (botId: string) => void;
  /** A call's reply, taken before `mark`: applied unless an event about the bot came since. */
  applyReply: (bot: Bot, mark: number) => void;
  /** A local change (an optimistic switch): applied as is. */
  upsert: (bot: Bot) => void;
  remove: (botId: string) => void;
  select: (botId: string | null) => void;
  openLinking: (botId: string) => void;
  setLinkStart: (starting: boolean, error: string | null) => void;
  closeLinking: () => void;
  setFresh: (botId: string | null) => void;

  loadLog: (botId: string, filter: LogFilter) => Promise<void>;
  loadOlder: (botId: string) => Promise<void>;
  receiveEvent: (event: BotEvent) => void;
  /** After a reconnect events may have been missed: logs are read again when next shown. */
  clearLogs: () => void;
};

export const LOG_PAGE_SIZE = 50;

/** Oldest first, like accounts in a list: a bot does not jump around when its status changes. */
const byCreation = (a: Bot, b: Bot) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

const omit = <T>(record: Record<string, T>, key: string): Record<string, T> => {
  const copy = { ...record };
  delete copy[key];
  return copy;
};

const newestFirst = (a: BotEvent, b: BotEvent) => b.ts - a.ts || b.id - a.id;

const mergeEvents = (a: BotEvent[], b: BotEvent[]): BotEvent[] => {
  const seen = new Map<number, BotEvent>();
  for (const event of [...a, ...b]) seen.set(event.id, event);
  return [...seen.values()].sort(newestFirst);
};

const matches = (filter: LogFilter, event: BotEvent) => filter === 'all' || filter === event.kind;

const kindsFor = (filter: LogFilter): BotEventKind[] | undefined => (filter === 'all' ? undefined : [filter]);

export const useBotsStore = create<BotsState>()((set, get) => ({
  byId: {},
  ids: [],
  listStatus: 'idle',
  listError: null,
  selectedId: null,
  linkingId: null,
  linkStarting: false,
  linkError: null,
  freshId: null,
  logs: {},

  async load() {
    set((s) => ({ listStatus: s.listStatus === 'ready' ? 'ready' : 'loading', listError: null }));
    const mark = freshness.mark();
    try {
      const listed = await getClient().call('bots:list', {});
      set((s) => {
        // Bots the engine told us about while the list was on its way keep what we heard last,
        // including not being there any more.
        const bots = listed.flatMap((bot) => {
          if (!freshness.changedSince(bot.id, mark)) return [bot];
          const current = s.byId[bot.id];
          return current ? [current] : [];
        });
        const listedIds = new Set(listed.map((b) => b.id));
        for (const current of Object.values(s.byId)) {
          if (!listedIds.has(current.id) && freshness.changedSince(current.id, mark)) bots.push(current);
        }
        const byId: Record<string, Bot> = {};
        for (const bot of bots) byId[bot.id] = bot;
        return { byId, ids: bots.sort(byCreation).map((b) => b.id), listStatus: 'ready' };
      });
    } catch (error) {
      set({ listStatus: 'error', listError: errorMessage(error) });
    }
  },

  receiveStatus(bot) {
    freshness.touch(bot.id);
    get().upsert(bot);
  },

  receiveRemoved(botId) {
    freshness.touch(botId);
    get().remove(botId);
  },

  applyReply(bot, mark) {
    if (!freshness.changedSince(bot.id, mark)) get().upsert(bot);
  },

  upsert(bot) {
    set((s) => {
      const known = bot.id in s.byId;
      const byId = { ...s.byId, [bot.id]: bot };
      const ids = known
        ? s.ids
        : [...s.ids, bot.id].sort((a, b) => {
            const botA = byId[a];
            const botB = byId[b];
            return botA && botB ? byCreation(botA, botB) : 0;
          });
      return { byId, ids, freshId: s.freshId === bot.id && bot.status === 'online' ? null : s.freshId };
    });
  },

  remove(botId) {
    set((s) => {
      if (!(botId in s.byId)) return s;
      return {
        byId: omit(s.byId, botId),
        logs: omit(s.logs, botId),
        ids: s.ids.filter((id) => id !== botId),
        selectedId: s.selectedId === botId ? null : s.selectedId,
        linkingId: s.linkingId === botId ? null : s.linkingId,
        freshId: s.freshId === botId ? null : s.freshId,
      };
    });
  },

  select(botId) {
    set((s) => ({ selectedId: botId, freshId: s.freshId === botId ? s.freshId : null }));
  },

  openLinking: (botId) => set({ linkingId: botId, linkStarting: false, linkError: null }),
  setLinkStart: (linkStarting, linkError) => set({ linkStarting, linkError }),
  closeLinking: () => set({ linkingId: null }),
  setFresh: (botId) => set({ freshId: botId }),

  async loadLog(botId, filter) {
    const seq = (get().logs[botId]?.seq ?? 0) + 1;
    set((s) => ({
      logs: {
        ...s.logs,
        [botId]: { filter, items: [], nextBefore: null, status: 'loading', loadingOlder: false, error: null, seq },
      },
    }));
    try {
      const page = await getClient().call('bots:events', { botId, kinds: kindsFor(filter), limit: LOG_PAGE_SIZE });
      set((s) => {
        const log = s.logs[botId];
        if (!log || log.seq !== seq) return s;
        // Live events that arrived while the page was on its way are kept.
        const items = mergeEvents(log.items, page.items);
        return { logs: { ...s.logs, [botId]: { ...log, items, nextBefore: page.nextBefore, status: 'ready' } } };
      });
    } catch (error) {
      set((s) => {
        const log = s.logs[botId];
        if (!log || log.seq !== seq) return s;
        return { logs: { ...s.logs, [botId]: { ...log, status: 'error', error: errorMessage(error) } } };
      });
    }
  },

  async loadOlder(botId) {
    const log = get().logs[botId];
    if (!log || log.status !== 'ready' || log.loadingOlder || !log.nextBefore) return;
    const { seq, filter, nextBefore } = log;
    const patch = (change: Partial<BotLog>) =>
      set((s) => {
        const current = s.logs[botId];
        if (!current || current.seq !== seq) return s;
        return { logs: { ...s.logs, [botId]: { ...current, ...change } } };
      });
    patch({ loadingOlder: true, error: null });
    try {
      const page = await getClient().call('bots:events', {
        botId,
        kinds: kindsFor(filter),
        before: nextBefore,
        limit: LOG_PAGE_SIZE,
      });
      const current = get().logs[botId];
      patch({
        items: mergeEvents(current?.items ?? [], page.items),
        nextBefore: page.nextBefore,
        loadingOlder: false,
      });
    } catch (error) {
      patch({ loadingOlder: false, error: errorMessage(error) });
    }
  },

  receiveEvent(event) {
    set((s) => {
      const log = s.logs[event.botId];
      if (!log || log.status === 'error' || !matches(log.filter, event)) return s;
      return { logs: { ...s.logs, [event.botId]: { ...log, items: mergeEvents([event], log.items) } } };
    });
  },

  clearLogs: () => set({ logs: {} }),
}));
