import { Virtuoso } from 'react-virtuoso';
import type { ChatListFilter } from '../../../app/router';
import { Spinner } from '../../../ui/Spinner';
import { inboxActions } from '../actions';
import { ALL_BOTS, type BotChoice } from '../bot-choice';
import { useChatList } from '../hooks/useChats';
import { ChatRow } from './ChatRow';

type ListContext = { loadingMore: boolean };

/** Defined once: Virtuoso remounts parts whose component identity changes. */
const Footer = ({ context }: { context?: ListContext }) =>
  context?.loadingMore ? (
    <div className="list-more">
      <Spinner size={20} label="Loading more chats" />
    </div>
  ) : null;

const COMPONENTS = { Footer };

/** What an empty list says: why it is empty, and what to do about it. */
const emptyText = ({ allBots, archived, query, filter }: Omit<ChatListProps, 'botId'> & { allBots: boolean }) => {
  if (query)
    return allBots ? `No chats match “${query}”.` : `No chats match “${query}”. Press Enter to search messages.`;
  if (filter === 'unread') return archived ? 'No unread archived chats.' : 'No unread chats. You are all caught up.';
  if (filter === 'groups') return archived ? 'No archived groups.' : 'No groups yet. Groups the bot is in appear here.';
  if (archived) return 'No archived chats.';
  return `No chats yet. When someone writes to ${allBots ? 'one of your bots' : 'this bot'}, the chat appears here.`;
};

type ChatListProps = { botId: BotChoice; archived: boolean; query: string; filter: ChatListFilter };

/**
 * The chats, virtualized: a few dozen rows in the page however many chats the bot has. With "All
 * bots", every row names its bot.
 */
export const ChatList = ({ botId, archived, query, filter }: ChatListProps) => {
  const { ids, meta } = useChatList(botId, { archived, query, filter });
  const allBots = botId === ALL_BOTS;

  if (!meta || meta.status === 'loading') {
    return (
      <div className="list-message">
        <Spinner size={24} label="Loading chats" />
      </div>
    );
  }
  if (meta.status === 'error') {
    return (
      <div className="list-message" role="alert">
        <p>{meta.error}</p>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void inboxActions.loadChats(botId, { archived, query, filter })}
        >
          Try again
        </button>
      </div>
    );
  }
  if (ids.length === 0) {
    return (
      <p className="list-message list-empty" data-testid="chat-list-empty">
        {emptyText({ allBots, archived, query, filter })}
      </p>
    );
  }
  return (
    <Virtuoso
      className="chat-list"
      data-testid="chat-list"
      data={ids}
      context={{ loadingMore: meta.loadingMore }}
      computeItemKey={(_, id) => id}
      itemContent={(_, id) => <ChatRow chatId={id} showBot={allBots} />}
      endReached={() => void inboxActions.loadMoreChats(botId)}
      increaseViewportBy={300}
      components={COMPONENTS}
    />
  );
};
