import { useEffect, useState } from 'react';
import type { ChatListFilter } from '../../../app/router';
import { useDebounced } from '../../../lib/useDebounced';
import { ArchiveIcon, ArrowLeftIcon, NewChatIcon, SearchIcon } from '../../../ui/chat-icons';
import { inboxActions } from '../actions';
import { ALL_BOTS, type BotChoice } from '../bot-choice';
import { useInboxBot } from '../hooks/useChats';
import { BotPicker } from './BotPicker';
import { ChatList } from './ChatList';
import { FilterChips } from './FilterChips';
import { HistorySyncBanner } from './HistorySyncBanner';
import { NewChatDialog } from './NewChatDialog';
import { NotificationBanner } from './NotificationBanner';
import { SearchBox } from './SearchBox';
import { SearchResults } from './SearchResults';

/**
 * The left column: bot, search, the Archived entry and the chat list (or message search results).
 * With "All bots" chosen, names and numbers are searched across bots but messages only per bot:
 * the engine's message search is one bot's, and results from several numbers would blur whose
 * customer wrote what.
 */
export const ChatListPane = ({
  botId,
  filter,
  onFilter,
}: {
  botId: BotChoice;
  filter: ChatListFilter;
  onFilter: (filter: ChatListFilter) => void;
}) => {
  const { botIds } = useInboxBot();
  const allBots = botId === ALL_BOTS;
  const [archived, setArchived] = useState(false);
  const [input, setInput] = useState('');
  const query = useDebounced(input.trim(), 250);
  const [searchingMessages, setSearchingMessages] = useState(false);
  const [creating, setCreating] = useState(false);
  const showMessages = searchingMessages && query !== '' && !allBots;

  // While message results are shown, they follow what is typed.
  useEffect(() => {
    if (showMessages) void inboxActions.search(botId, query);
  }, [showMessages, botId, query]);

  return (
    <div className="chat-list-column">
      <header className="chat-list-header">
        <h1>Chats</h1>
        <button
          type="button"
          className="icon-button"
          aria-label="New chat"
          title="New chat"
          onClick={() => setCreating(true)}
        >
          <NewChatIcon size={21} />
        </button>
      </header>
      <BotPicker botId={botId} botIds={botIds} />
      <NotificationBanner />
      <HistorySyncBanner botId={botId} />
      <SearchBox
        value={input}
        onChange={(value) => {
          setInput(value);
          if (!value.trim()) setSearchingMessages(false);
        }}
        onSubmit={allBots ? null : () => setSearchingMessages(true)}
        onBack={showMessages ? () => setSearchingMessages(false) : null}
        placeholder={allBots ? 'Search chats' : 'Search chats or messages'}
      />
      {showMessages ? null : <FilterChips value={filter} onChange={onFilter} />}
      {showMessages ? (
        <SearchResults />
      ) : (
        <>
          {archived ? (
            <div className="list-section-header">
              <button
                type="button"
                className="icon-button"
                aria-label="Back to chats"
                onClick={() => setArchived(false)}
              >
                <ArrowLeftIcon size={19} />
              </button>
              <h2>Archived</h2>
            </div>
          ) : query ? null : (
            <button type="button" className="list-entry" onClick={() => setArchived(true)}>
              <span className="list-entry-icon">
                <ArchiveIcon size={19} />
              </span>
              Archived
            </button>
          )}
          {query && allBots ? (
            <p className="list-entry list-entry-hint" data-testid="search-messages-hint">
              <span className="list-entry-icon">
                <SearchIcon size={19} />
              </span>
              Pick a bot to search its messages
            </p>
          ) : query ? (
            <button type="button" className="list-entry" onClick={() => setSearchingMessages(true)}>
              <span className="list-entry-icon">
                <SearchIcon size={19} />
              </span>
              <span>
                Search messages for <strong>“{query}”</strong>
              </span>
            </button>
          ) : null}
          <ChatList botId={botId} archived={archived} query={query} filter={filter} />
        </>
      )}
      {creating ? (
        <NewChatDialog botId={allBots ? null : botId} botIds={botIds} onClose={() => setCreating(false)} />
      ) : null}
    </div>
  );
};
