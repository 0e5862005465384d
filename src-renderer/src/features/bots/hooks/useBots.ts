import { useShallow } from 'zustand/react/shallow';
import type { Bot } from '../../../../../src-shared/bots';
import { useBotsStore } from '../store';

export const useBotList = () =>
  useBotsStore(useShallow((s) => ({ ids: s.ids, status: s.listStatus, error: s.listError })));

/** Each row selects its own bot, so one status change re-renders one row. */
export const useBot = (botId: string | null): Bot | undefined =>
  useBotsStore((s) => (botId === null ? undefined : s.byId[botId]));

export const useBotCounts = () =>
  useBotsStore(
    useShallow((s) => ({
      total: s.ids.length,
      online: s.ids.filter((id) => s.byId[id]?.status === 'online').length,
    })),
  );

export const useLinkStart = () => useBotsStore(useShallow((s) => ({ starting: s.linkStarting, error: s.linkError })));

export const useBotsUi = () =>
  useBotsStore(
    useShallow((s) => ({
      selectedId: s.selectedId,
      linkingId: s.linkingId,
      freshId: s.freshId,
      select: s.select,
      closeLinking: s.closeLinking,
      setFresh: s.setFresh,
    })),
  );
