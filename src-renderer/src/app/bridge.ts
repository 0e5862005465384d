import type { Engine } from '../contract';
import { useBotsStore } from '../features/bots/store';
import { useAppStore } from './connection-store';

/**
 * The one place engine events enter the app: each becomes a store action. Components never
 * subscribe to the channel; they read stores.
 */
export const startBridge = ({ client, connection }: Engine): (() => void) => {
  const bots = () => useBotsStore.getState();

  const onOpen = () => {
    // The host may have restarted while we were away: everything is read fresh.
    bots().clearLogs();
    void bots().load();
    client
      .call('app:info', {})
      .then((info) => useAppStore.getState().setInfo(info))
      .catch(() => {
        // Only the status line uses it; the next reconnect tries again.
      });
  };

  const stops = [
    client.on('bot:status', ({ bot }) => bots().receiveStatus(bot)),
    client.on('bot:removed', ({ botId }) => bots().receiveRemoved(botId)),
    client.on('bot:event', ({ event }) => bots().receiveEvent(event)),
    connection.onState((state) => {
      useAppStore.getState().setConnection(state);
      if (state === 'open') onOpen();
    }),
  ];

  const initial = connection.getState();
  useAppStore.getState().setConnection(initial);
  if (initial === 'open') onOpen();

  return () => {
    for (const stop of stops) stop();
  };
};
