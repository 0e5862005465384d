import type { Chat } from '../../../../src-shared/inbox';
import { getClient } from '../../contract';
import { errorMessage } from '../../lib/errors';
import { toast } from '../../ui/toast-store';
import type { Result } from '../bots/actions';
import { ALL_BOTS, type BotChoice } from './bot-choice';
import type { ChatView } from './normalize';
import { nextSeq } from './seq';
import { useInboxStore } from './store';
import { threadActions } from './thread-actions';

export const CHAT_PAGE = 50;
const SEARCH_PAGE = 30;

const store = () => useInboxStore.getState();
const client = () => getClient();

/** The engine's name for a list: one bot's chats, or `null` for every bot's. */
const botIdOf = (list: BotChoice): string | null => (list === ALL_BOTS ? null : list);

/** Chat lists, chat settings and search. */
const chatActions = {
  async loadChats(list: BotChoice, view: ChatView): Promise<void> {
    const seq = store().beginList(list, view);
    try {
      const query = view.query.trim();
      const page = await client().call('chats:list', {
        botId: botIdOf(list),
        archived: view.archived,
        limit: CHAT_PAGE,
        ...(query ? { query } : {}),
        ...(view.filter && view.filter !== 'all' ? { filter: view.filter } : {}),
      });
      store().applyListPage(list, seq, page, false);
    } catch (error) {
      store().patchList(list, seq, { status: 'error', error: errorMessage(error) });
    }
  },

  async loadMoreChats(list: BotChoice): Promise<void> {
    const meta = store().lists[list];
    if (!meta || meta.status !== 'ready' || meta.loadingMore || !meta.nextBefore) return;
    const { seq, archived, nextBefore, filter = 'all' } = meta;
    const query = meta.query.trim();
    store().patchList(list, seq, { loadingMore: true });
    try {
      const page = await client().call('chats:list', {
        botId: botIdOf(list),
        archived,
        before: nextBefore,
        limit: CHAT_PAGE,
        ...(query ? { query } : {}),
        ...(filter !== 'all' ? { filter } : {}),
      });
      store().applyListPage(list, seq, page, true);
    } catch (error) {
      store().patchList(list, seq, { loadingMore: false, error: errorMessage(error) });
    }
  },

  /** The first page of every bot's chats: enough for the sidebar's unread badge. */
  async loadFirstPages(botIds: string[]): Promise<void> {
    await Promise.all(
      botIds.map(async (botId) => {
        const since = nextSeq();
        try {
          const page = await client().call('chats:list', { botId, limit: CHAT_PAGE });
          store().receiveChats(page.items, since);
        } catch {
          // Only the badge uses it; the list itself shows its own errors when opened.
        }
      }),
    );
  },

  /** Many of a bot's chats changed at once (history arrived): read its list again, and "All bots" if shown. */
  async reloadBot(botId: string): Promise<void> {
    const meta = store().lists[botId];
    const all = store().lists[ALL_BOTS];
    await Promise.all([
      meta ? inboxActions.loadChats(botId, meta) : inboxActions.loadFirstPages([botId]),
      all ? inboxActions.loadChats(ALL_BOTS, all) : null,
    ]);
  },

  async updateChat(
    chatId: number,
    patch: { pinned?: boolean; archived?: boolean; mutedUntil?: number | null; handoff?: false },
  ) {
    try {
      store().receiveChat(await client().call('chats:update', { chatId, ...patch }));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  },

  /** The chat with a number; the engine's message (no country code…) goes under the field. */
  async openByPhone(botId: string, phone: string): Promise<Result<Chat>> {
    try {
      const chat = await client().call('chats:open', { botId, phone });
      store().receiveChat(chat);
      void inboxActions.openChat(chat.id);
      return { ok: true, value: chat };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    }
  },

  async search(botId: string, query: string): Promise<void> {
    const seq = store().beginSearch(botId, query);
    try {
      store().applySearch(seq, await client().call('messages:search', { botId, query, limit: SEARCH_PAGE }), false);
    } catch (error) {
      store().patchSearch(seq, { status: 'error', error: errorMessage(error) });
    }
  },

  async searchMore(): Promise<void> {
    const search = store().search;
    if (!search || search.status !== 'ready' || search.loadingMore || !search.nextBefore) return;
    const { seq, botId, query, nextBefore } = search;
    store().patchSearch(seq, { loadingMore: true });
    try {
      const page = await client().call('messages:search', { botId, query, before: nextBefore, limit: SEARCH_PAGE });
      store().applySearch(seq, page, true);
    } catch (error) {
      store().patchSearch(seq, { loadingMore: false, error: errorMessage(error) });
    }
  },
};

/** Everything the inbox asks of the engine; replies and errors land in the store. */
export const inboxActions = { ...chatActions, ...threadActions };
