import { useCallback, useEffect, useState } from 'react';
import type { ChatKey, Message } from '../../../../../src-shared/inbox';
import { getClient } from '../../../contract';
import { errorMessage } from '../../../lib/errors';
import { useInboxStore } from '../store';

const PAGE = 50;

type StarredState = {
  status: 'loading' | 'ready' | 'error';
  items: Message[];
  nextBefore: ChatKey | null;
  error: string | null;
};

/**
 * A chat's starred messages, newest first, a page at a time. A message unstarred (or deleted for
 * me) while the panel is open leaves it at once: the thread's copy in the store is the fresher one.
 */
export const useStarred = (chatId: number) => {
  const [state, setState] = useState<StarredState>({ status: 'loading', items: [], nextBefore: null, error: null });
  const byId = useInboxStore((s) => s.messagesById);
  const threadIds = useInboxStore((s) => s.idsByChat[chatId]);

  const load = useCallback(
    async (before: ChatKey | null) => {
      try {
        const page = await getClient().call('messages:starred', {
          chatId,
          limit: PAGE,
          ...(before ? { before } : {}),
        });
        setState((s) => ({
          status: 'ready',
          items: before ? [...s.items, ...page.items] : page.items,
          nextBefore: page.nextBefore,
          error: null,
        }));
      } catch (error) {
        setState((s) => ({ ...s, status: 'error', error: errorMessage(error) }));
      }
    },
    [chatId],
  );

  // Starred, unstarred or deleted in the thread while the panel is open: read the first page again.
  const ids = threadIds ?? [];
  const threadKey = `${ids.filter((id) => byId[id]?.starred).join(',')}|${ids.length}`;
  useEffect(() => {
    void load(null);
  }, [threadKey, load]);

  const items = state.items
    .map((m) => (m.id in byId ? byId[m.id] : m))
    .filter((m): m is Message => m !== undefined && m.starred);
  return {
    ...state,
    items,
    more: state.nextBefore ? () => void load(state.nextBefore) : null,
  };
};
