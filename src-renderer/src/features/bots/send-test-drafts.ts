import { create } from 'zustand';

/** What is typed in a bot's "Send a test message" form. */
export type SendTestDraft = { to: string; text: string };

type DraftsState = {
  byBot: Record<string, SendTestDraft>;
  update: (botId: string, patch: Partial<SendTestDraft>) => void;
};

const EMPTY: SendTestDraft = { to: '', text: '' };

/**
 * Kept outside the form so the number (and an unsent text) survive a look at the Event log or
 * another bot: people usually send several tests to the same phone. A few strings per bot, so a
 * deleted bot's draft is simply left behind until the page reloads.
 */
export const useSendTestDrafts = create<DraftsState>()((set) => ({
  byBot: {},
  update: (botId, patch) =>
    set((s) => ({ byBot: { ...s.byBot, [botId]: { ...(s.byBot[botId] ?? EMPTY), ...patch } } })),
}));

export const useSendTestDraft = (botId: string): SendTestDraft => useSendTestDrafts((s) => s.byBot[botId] ?? EMPTY);
