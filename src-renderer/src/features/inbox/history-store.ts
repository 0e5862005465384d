import { create } from 'zustand';
import type { EventPayload } from '../../../../src-shared/contract';

export type HistorySync = { stored: number; total: number; phoneProgress: number | null };

/** Bots whose earlier messages are being stored right now, and how far along. */
type HistoryState = {
  syncing: Record<string, HistorySync>;
  receive: (event: EventPayload<'history:progress'>) => void;
  forget: (botId: string) => void;
};

export const useHistoryStore = create<HistoryState>((set) => ({
  syncing: {},
  receive: ({ botId, stored, total, phoneProgress, done }) =>
    set((s) => {
      const syncing = { ...s.syncing };
      // The phone's last batch is done: the banner goes. Earlier batches leave it up until the next.
      if (done && (phoneProgress === null || phoneProgress >= 100)) delete syncing[botId];
      else syncing[botId] = { stored, total, phoneProgress };
      return { syncing };
    }),
  forget: (botId) =>
    set((s) => {
      const syncing = { ...s.syncing };
      delete syncing[botId];
      return { syncing };
    }),
}));

/** "Getting earlier messages from the phone… 1,200 of 5,000", in the words the banner uses. */
export const syncLine = (sync: HistorySync): string => {
  const part = `${sync.stored.toLocaleString('en')} of ${sync.total.toLocaleString('en')}`;
  return sync.phoneProgress === null ? part : `${part} · phone ${Math.round(sync.phoneProgress)}%`;
};
