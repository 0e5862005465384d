import type { Engine } from '../contract';
import { useAutomationsStore } from '../features/automations/store';
import { useBotsStore } from '../features/bots/store';
import { useCampaignsStore } from '../features/campaigns/store';
import { useContactsStore } from '../features/contacts/store';
import { inboxActions } from '../features/inbox/actions';
import { ALL_BOTS } from '../features/inbox/bot-choice';
import { noticeFor, showNotice } from '../features/inbox/notify';
import { useHistoryStore } from '../features/inbox/history-store';
import { useInboxStore } from '../features/inbox/store';
import type { Message } from '../../../src-shared/inbox';
import { useAppStore } from './connection-store';
import { navigate, parseHash } from './router';

/**
 * The one place engine events enter the app: each becomes a store action. Components never
 * subscribe to the channel; they read stores.
 */
export const startBridge = ({ client, connection }: Engine): (() => void) => {
  const bots = () => useBotsStore.getState();
  const inbox = () => useInboxStore.getState();

  const onOpen = () => {
    // The host may have restarted while we were away: everything is read fresh.
    bots().clearLogs();
    inbox().reset();
    const contactsBot = useContactsStore.getState().botId;
    if (contactsBot) useContactsStore.getState().receiveChanged(contactsBot);
    void useCampaignsStore.getState().reload();
    void bots()
      .load()
      .then(() => inboxActions.loadFirstPages(bots().ids));
    client
      .call('app:info', {})
      .then((info) => useAppStore.getState().setInfo(info))
      .catch(() => {
        // Only the status line uses it; the next reconnect tries again.
      });
  };

  const stops = [
    client.on('bot:status', ({ bot }) => bots().receiveStatus(bot)),
    client.on('bot:removed', ({ botId }) => {
      bots().receiveRemoved(botId);
      inbox().removeBot(botId);
      useHistoryStore.getState().forget(botId);
    }),
    client.on('bot:event', ({ event }) => bots().receiveEvent(event)),
    client.on('message:upsert', ({ message }) => {
      inbox().receiveMessage(message);
      notify(message);
    }),
    client.on('chat:upsert', ({ chat }) => inbox().receiveChat(chat)),
    client.on('message:hidden', ({ chatId, messageId }) => inbox().removeMessage(chatId, messageId)),
    client.on('chats:changed', ({ botId }) => void inboxActions.reloadBot(botId)),
    client.on('history:progress', (progress) => useHistoryStore.getState().receive(progress)),
    client.on('campaign:progress', ({ campaign }) => useCampaignsStore.getState().receiveProgress(campaign)),
    client.on('automations:changed', ({ botId }) => useAutomationsStore.getState().receiveChanged(botId)),
    client.on('contacts:changed', ({ botId }) => {
      useContactsStore.getState().receiveChanged(botId);
      // Chats are named after their contacts: a name given or imported shows in the list at once.
      void inboxActions.reloadBot(botId);
    }),
    client.on('contacts:import-progress', ({ botId, done, total }) =>
      useContactsStore.getState().receiveProgress(botId, { done, total }),
    ),
    connection.onState((state) => {
      useAppStore.getState().setConnection(state);
      if (state === 'open') onOpen();
    }),
  ];

  const notify = (message: Message) => {
    const watching =
      inbox().openChatId === message.chatId &&
      parseHash(window.location.hash).section === 'chats' &&
      document.visibilityState === 'visible' &&
      document.hasFocus();
    const notice = noticeFor(message, {
      bot: bots().byId[message.botId],
      chat: inbox().chatsById[message.chatId],
      watching,
      now: Date.now(),
    });
    if (!notice) return;
    showNotice(notice, () => {
      navigate({ section: 'chats' });
      // The chat may belong to another bot than the one shown: show that bot's chats ("All
      // bots" shows it already).
      if (inbox().botId !== ALL_BOTS) inbox().chooseBot(message.botId);
      void inboxActions.openChat(message.chatId);
    });
  };

  const initial = connection.getState();
  useAppStore.getState().setConnection(initial);
  if (initial === 'open') onOpen();

  return () => {
    for (const stop of stops) stop();
  };
};
