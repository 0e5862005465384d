import { Virtuoso } from 'react-virtuoso';
import { useShallow } from 'zustand/react/shallow';
import type { SearchHit } from '../../../../../src-shared/inbox';
import { formatPhone } from '../../../lib/format';
import { Spinner } from '../../../ui/Spinner';
import { inboxActions } from '../actions';
import { useInboxStore } from '../store';
import { splitSnippet } from '../text';
import { formatListTime } from '../time';
import { Ticks } from './Ticks';

type ResultsContext = { loadingMore: boolean };

const Footer = ({ context }: { context?: ResultsContext }) =>
  context?.loadingMore ? (
    <div className="list-more">
      <Spinner size={20} label="Loading more results" />
    </div>
  ) : null;

const COMPONENTS = { Footer };

/** Message search hits, newest first, with the matched words marked; a click opens the chat there. */
export const SearchResults = () => {
  const search = useInboxStore(
    useShallow((s) => ({
      hits: s.search?.hits,
      status: s.search?.status,
      error: s.search?.error,
      query: s.search?.query,
      loadingMore: s.search?.loadingMore ?? false,
    })),
  );
  const header = (
    <h2 className="list-section-title" data-testid="search-title">
      Messages
    </h2>
  );
  if (!search.hits || search.status === 'loading') {
    return (
      <>
        {header}
        <div className="list-message">
          <Spinner size={24} label="Searching messages" />
        </div>
      </>
    );
  }
  if (search.status === 'error') {
    return (
      <div className="list-message" role="alert">
        <p>{search.error}</p>
      </div>
    );
  }
  if (search.hits.length === 0) {
    return (
      <>
        {header}
        <p className="list-message list-empty">No messages contain “{search.query}”.</p>
      </>
    );
  }
  return (
    <>
      {header}
      <Virtuoso
        className="chat-list"
        data-testid="search-results"
        data={search.hits}
        context={{ loadingMore: search.loadingMore }}
        computeItemKey={(_, hit) => hit.message.id}
        itemContent={(_, hit) => <SearchHitRow hit={hit} />}
        endReached={() => void inboxActions.searchMore()}
        components={COMPONENTS}
      />
    </>
  );
};

const SearchHitRow = ({ hit }: { hit: SearchHit }) => {
  const selected = useInboxStore((s) => s.highlightId === hit.message.id);
  const { message } = hit;
  return (
    <button
      type="button"
      className={`search-hit${selected ? ' chat-row-selected' : ''}`}
      data-testid="search-hit"
      onClick={() => void inboxActions.jumpTo(message)}
    >
      <span className="chat-row-line">
        <span className="search-hit-title">
          {/^\+\d+$/.test(hit.chatTitle) ? formatPhone(hit.chatTitle) : hit.chatTitle}
        </span>
        <span className="chat-row-time">{formatListTime(message.ts)}</span>
      </span>
      <span className="search-hit-snippet">
        {message.fromMe && message.status ? <Ticks status={message.status} error={message.error} /> : null}
        <span>
          {splitSnippet(hit.snippet).map((part, i) =>
            part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
          )}
        </span>
      </span>
    </button>
  );
};
