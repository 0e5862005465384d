import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useBotsStore, type BotLog, type LogFilter } from '../store';

export type BotLogView = {
  log: BotLog | undefined;
  setFilter: (filter: LogFilter) => void;
  loadOlder: () => void;
  retry: () => void;
};

/** Reads the first page when the log is first shown, and again after a reconnect cleared it. */
export const useBotLog = (botId: string): BotLogView => {
  const { log, loadLog, loadOlder } = useBotsStore(
    useShallow((s) => ({ log: s.logs[botId], loadLog: s.loadLog, loadOlder: s.loadOlder })),
  );
  const missing = log === undefined;
  useEffect(() => {
    if (missing) void loadLog(botId, 'all');
  }, [botId, missing, loadLog]);

  return {
    log,
    setFilter: (filter) => void loadLog(botId, filter),
    loadOlder: () => void loadOlder(botId),
    retry: () => void loadLog(botId, log?.filter ?? 'all'),
  };
};
