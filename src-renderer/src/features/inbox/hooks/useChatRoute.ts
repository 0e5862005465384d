import { useEffect } from 'react';
import { replaceRoute, useRoute, type ChatListFilter } from '../../../app/router';
import { inboxActions } from '../actions';
import { useInboxStore } from '../store';

/**
 * Keeps the open chat and the list's filter in the address (`#/chats/42?filter=unread`), so a
 * reload opens the same chat with the same filter. The address opens a chat when it names one
 * the store does not have open; opening another chat rewrites the address in place.
 */
export const useChatRoute = (): { filter: ChatListFilter; setFilter: (filter: ChatListFilter) => void } => {
  const route = useRoute();
  const openChatId = useInboxStore((s) => s.openChatId);
  const { chatId: routeChatId, filter } = route;

  // The store is read when the effect runs, not as rendered: the two effects may run in one commit.
  useEffect(() => {
    if (routeChatId !== null && routeChatId !== useInboxStore.getState().openChatId) {
      void inboxActions.openChat(routeChatId);
    }
  }, [routeChatId]);

  useEffect(() => {
    replaceRoute({ section: 'chats', chatId: useInboxStore.getState().openChatId, filter });
  }, [openChatId, filter, routeChatId]);

  return {
    filter,
    setFilter: (next) => replaceRoute({ section: 'chats', chatId: useInboxStore.getState().openChatId, filter: next }),
  };
};
