import { create } from 'zustand';
import type { BotHealth, Campaign, Recipient } from '../../../../src-shared/campaigns';
import { getClient } from '../../contract';
import { errorMessage } from '../../lib/errors';
import { recall, remember } from '../../lib/remembered';
import { applyProgress } from './list';

const LAST_BOT_KEY = 'wren.campaigns.bot';

type State = {
  botId: string | null;
  campaigns: Campaign[];
  loading: boolean;
  error: string | null;
  health: BotHealth | null;
  /** The campaign whose detail is open, and the first page of its report. */
  openId: number | null;
  recipients: Recipient[];
  choose: (botId: string | null) => void;
  reload: () => Promise<void>;
  open: (id: number | null) => void;
  loadRecipients: () => Promise<void>;
  receiveProgress: (campaign: Campaign) => void;
};

export const useCampaignsStore = create<State>((set, get) => ({
  botId: recall(LAST_BOT_KEY),
  campaigns: [],
  loading: false,
  error: null,
  health: null,
  openId: null,
  recipients: [],
  choose: (botId) => {
    remember(LAST_BOT_KEY, botId);
    set({ botId, campaigns: [], health: null, openId: null, recipients: [] });
    void get().reload();
  },
  reload: async () => {
    const { botId } = get();
    if (!botId) return;
    set({ loading: true, error: null });
    try {
      const [campaigns, health] = await Promise.all([
        getClient().call('campaigns:list', { botId }),
        getClient().call('campaigns:health', { botId }),
      ]);
      if (get().botId === botId) set({ campaigns, health, loading: false });
    } catch (error) {
      set({ loading: false, error: errorMessage(error) });
    }
  },
  open: (id) => {
    set({ openId: id, recipients: [] });
    if (id !== null) void get().loadRecipients();
  },
  loadRecipients: async () => {
    const id = get().openId;
    if (id === null) return;
    try {
      const recipients = await getClient().call('campaigns:recipients', { id, limit: 500 });
      if (get().openId === id) set({ recipients });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  receiveProgress: (campaign) => {
    const { botId, campaigns, openId } = get();
    set({ campaigns: applyProgress(campaigns, botId, campaign) });
    if (campaign.id === openId) scheduleRecipients();
    if (campaign.botId === botId) scheduleHealth();
  },
}));

// Progress arrives per message (and per receipt): the report and health reload at most twice a second.
let recipientsTimer: ReturnType<typeof setTimeout> | null = null;
const scheduleRecipients = () => {
  recipientsTimer ??= setTimeout(() => {
    recipientsTimer = null;
    void useCampaignsStore.getState().loadRecipients();
  }, 500);
};
let healthTimer: ReturnType<typeof setTimeout> | null = null;
const scheduleHealth = () => {
  healthTimer ??= setTimeout(() => {
    healthTimer = null;
    const { botId } = useCampaignsStore.getState();
    if (!botId) return;
    getClient()
      .call('campaigns:health', { botId })
      .then((health) => {
        if (useCampaignsStore.getState().botId === botId) useCampaignsStore.setState({ health });
      })
      .catch(() => undefined);
  }, 500);
};

/** Runs a campaign call; resolves to null or the engine's sentence on what to change. */
export const campaignCall = async (run: () => Promise<unknown>): Promise<string | null> => {
  try {
    await run();
    await useCampaignsStore.getState().reload();
    return null;
  } catch (error) {
    return errorMessage(error);
  }
};
