import type { Bot, BotFeature, BotKind } from '../../../../src-shared/bots';
import { calls, describeIssues, type CallInput, type CallName } from '../../../../src-shared/contract';
import { getClient } from '../../contract';
import { errorMessage } from '../../lib/errors';
import { toast } from '../../ui/toast-store';
import { freshness } from './freshness';
import { FEATURE_INFO, isRunning } from './labels';
import { useBotsStore } from './store';

/** For forms that show the engine's message next to the field instead of in a toast. */
export type Result<T> = { ok: true; value: T } | { ok: false; message: string };

const attempt = async <T>(work: () => Promise<T>): Promise<Result<T>> => {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
};

/** Failures nobody is looking at a form for go to a toast; the caller gets null. */
const orToast = async <T>(work: () => Promise<T>): Promise<T | null> => {
  const result = await attempt(work);
  if (result.ok) return result.value;
  toast.error(result.message);
  return null;
};

/**
 * Checks input against the contract's own schema before sending, so the obvious mistakes get the
 * engine's exact wording without a round trip. The engine still checks everything.
 */
const precheck = <N extends CallName>(name: N, input: CallInput<N>): string | null => {
  const parsed = calls[name].input.safeParse(input);
  return parsed.success ? null : describeIssues(parsed.error);
};

const store = () => useBotsStore.getState();

/**
 * Runs a call that answers with the bot and applies the answer at once, unless a status event
 * already brought newer news (see freshness.ts).
 */
const withBot = async (work: () => Promise<Bot>): Promise<Bot> => {
  const mark = freshness.mark();
  const bot = await work();
  store().applyReply(bot, mark);
  return bot;
};

const callForBot = (name: 'bots:start' | 'bots:stop' | 'bots:relink' | 'demo:simulate-scan', botId: string) =>
  withBot(() => getClient().call(name, { botId }));

export const botActions = {
  async create(name: string, kind: BotKind): Promise<Result<Bot>> {
    const problem = precheck('bots:create', { name, kind });
    if (problem) return { ok: false, message: problem };
    const result = await attempt(() => withBot(() => getClient().call('bots:create', { name, kind })));
    if (result.ok) store().setFresh(result.value.id);
    return result;
  },

  async rename(botId: string, name: string): Promise<Result<Bot>> {
    const problem = precheck('bots:rename', { botId, name });
    if (problem) return { ok: false, message: problem };
    return attempt(() => withBot(() => getClient().call('bots:rename', { botId, name })));
  },

  /** Start; if the bot has no session it starts linking, so the linking dialog opens too. */
  async start(botId: string): Promise<void> {
    const bot = await orToast(() => callForBot('bots:start', botId));
    if (bot?.status === 'linking') store().openLinking(botId);
  },

  /** Opens the linking dialog at once and starts the bot behind it if it is not running yet. */
  async link(botId: string): Promise<void> {
    store().openLinking(botId);
    const bot = store().byId[botId];
    if (bot && isRunning(bot.status)) return;
    // The dialog shows this call's progress and failure itself, so no toast.
    store().setLinkStart(true, null);
    const result = await attempt(() => callForBot('bots:start', botId));
    if (store().linkingId === botId) store().setLinkStart(false, result.ok ? null : result.message);
  },

  async stop(botId: string): Promise<void> {
    await orToast(() => callForBot('bots:stop', botId));
  },

  async relink(botId: string): Promise<boolean> {
    const bot = await orToast(() => callForBot('bots:relink', botId));
    if (bot) store().openLinking(botId);
    return bot !== null;
  },

  async remove(botId: string): Promise<boolean> {
    const name = store().byId[botId]?.name ?? 'The bot';
    const done = await orToast(() => getClient().call('bots:delete', { botId }));
    if (!done) return false;
    store().remove(botId);
    toast.info(`Deleted ${name}.`);
    return true;
  },

  /** Flips the switch at once; puts it back if the engine says no. */
  async setFeature(botId: string, feature: BotFeature, enabled: boolean): Promise<void> {
    const before = store().byId[botId];
    if (!before) return;
    store().upsert({ ...before, features: { ...before.features, [feature]: enabled } });
    const result = await attempt(() =>
      withBot(() => getClient().call('bots:set-feature', { botId, feature, enabled })),
    );
    if (result.ok) return;
    const now = store().byId[botId];
    if (now) store().upsert({ ...now, features: { ...now.features, [feature]: !enabled } });
    toast.error(`${FEATURE_INFO[feature].label}: ${result.message}`);
  },

  async requestPairingCode(botId: string, phone: string): Promise<Result<Bot>> {
    const problem = precheck('bots:request-pairing-code', { botId, phone });
    if (problem) return { ok: false, message: problem };
    return attempt(() => withBot(() => getClient().call('bots:request-pairing-code', { botId, phone })));
  },

  async simulateScan(botId: string): Promise<Result<Bot>> {
    return attempt(() => callForBot('demo:simulate-scan', botId));
  },
};
