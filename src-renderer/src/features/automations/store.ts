import { create } from 'zustand';
import type { AutomationConfig, AutomationPatch, BuiltInCommand } from '../../../../src-shared/automations';
import { getClient } from '../../contract';
import { errorMessage } from '../../lib/errors';
import { recall, remember } from '../../lib/remembered';

export type Automations = { config: AutomationConfig; builtIns: BuiltInCommand[]; premium: string[] };
/** A refusal keeps the error itself too: editors place its sentences under their fields. */
export type SaveResult = { ok: true } | { ok: false; message: string; error: unknown };

const LAST_BOT_KEY = 'wren.automations.bot';
const noBot: SaveResult = { ok: false, message: 'Choose a bot first.', error: new Error('Choose a bot first.') };

type State = {
  botId: string | null;
  data: Automations | null;
  loading: boolean;
  error: string | null;
  choose: (botId: string | null) => void;
  load: () => Promise<void>;
  /** A chat command changed a bot's automations: the page shows the stored state again. */
  receiveChanged: (botId: string) => void;
  /** Saves part of the configuration; on a refusal nothing changes and the message says why. */
  save: (patch: AutomationPatch) => Promise<SaveResult>;
  setPremium: (phone: string, premium: boolean) => Promise<SaveResult>;
};

/** One bot's automations at a time: what the page shows and edits. */
export const useAutomationsStore = create<State>()((set, get) => {
  const run = async (work: () => Promise<Automations>): Promise<SaveResult> => {
    const botId = get().botId;
    try {
      const data = await work();
      if (get().botId === botId) set({ data, error: null });
      return { ok: true };
    } catch (error) {
      return { ok: false, message: errorMessage(error), error };
    }
  };
  return {
    botId: recall(LAST_BOT_KEY),
    data: null,
    loading: false,
    error: null,
    choose(botId) {
      if (botId === get().botId && get().data) return;
      remember(LAST_BOT_KEY, botId);
      set({ botId, data: null, error: null });
      void get().load();
    },
    receiveChanged(botId) {
      if (get().botId === botId && get().data) void get().load();
    },
    async load() {
      const botId = get().botId;
      if (!botId) return;
      set({ loading: true });
      try {
        const data = await getClient().call('automations:get', { botId });
        if (get().botId === botId) set({ data, loading: false, error: null });
      } catch (error) {
        if (get().botId === botId) set({ loading: false, error: errorMessage(error) });
      }
    },
    save(patch) {
      const botId = get().botId;
      if (!botId) return Promise.resolve(noBot);
      return run(() => getClient().call('automations:save', { botId, patch }));
    },
    setPremium(phone, premium) {
      const botId = get().botId;
      if (!botId) return Promise.resolve(noBot);
      return run(() => getClient().call('automations:premium', { botId, phone, premium }));
    },
  };
});

/** A short unique id for a new rule, command or flow. */
export const newId = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
