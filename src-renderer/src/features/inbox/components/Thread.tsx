import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { ChevronDownIcon } from '../../../ui/chat-icons';
import { Spinner } from '../../../ui/Spinner';
import { inboxActions } from '../actions';
import { useThread } from '../hooks/useThread';
import { useInboxStore } from '../store';
import { holdsTop, openingOf, openingPosition } from '../thread-state';
import { MessageRow } from './MessageRow';

/** What rows and the header need to know about the list around them. */
type ThreadContext = {
  ids: number[];
  firstItemIndex: number;
  /** The oldest message is loaded: the first row shows the start of the chat. */
  complete: boolean;
  loadingOlder: boolean;
  /** The divider above the first message unread when the chat opened, and its count. */
  firstUnreadId: number | null;
  unread: number;
};

const Header = ({ context }: { context?: ThreadContext }) => (
  <div className="thread-top">
    {context?.loadingOlder ? <Spinner size={22} label="Loading older messages" /> : null}
  </div>
);

const COMPONENTS = { Header };

/** How long a search hit stays marked after the jump. */
const HIGHLIGHT_MS = 2_500;

/** Incoming messages below where the person scrolled up from: what the "new messages" pill counts. */
const useUnseen = (chatId: number, leftAt: number | null, live: boolean): number =>
  useInboxStore((s) => {
    if (leftAt === null || !live) return 0;
    const ids = s.idsByChat[chatId] ?? [];
    let count = 0;
    for (let i = ids.lastIndexOf(leftAt) + 1; i > 0 && i < ids.length; i++) {
      if (s.messagesById[ids[i] ?? -1]?.fromMe === false) count += 1;
    }
    return count;
  });

/**
 * The thread, virtualized. Older pages load as the top comes into view and are put in front
 * without moving what is on screen; new messages follow at the bottom unless the person has
 * scrolled up, when a pill offers to go down.
 */
export const Thread = ({ chatId }: { chatId: number }) => {
  const { ids, meta } = useThread(chatId);
  const virtuoso = useRef<VirtuosoHandle>(null);
  const [atBottom, setAtBottom] = useState(true);
  const [leftAt, setLeftAt] = useState<number | null>(null);
  const live = meta?.live ?? true;
  const unseen = useUnseen(chatId, leftAt, live);
  const highlightId = useInboxStore((s) => s.highlightId);

  useEffect(() => {
    if (highlightId === null) return;
    // Already in the loaded window (a quote of a recent message): scroll there. A jump that loads
    // a new window starts centred on it instead (see initialTopMostItemIndex).
    const index = (useInboxStore.getState().idsByChat[chatId] ?? []).indexOf(highlightId);
    if (index >= 0) virtuoso.current?.scrollToIndex({ index, align: 'center' });
    const timer = setTimeout(() => useInboxStore.getState().setHighlight(null), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlightId, chatId]);

  const onBottom = useCallback(
    (bottom: boolean) => {
      setAtBottom(bottom);
      const current = useInboxStore.getState().idsByChat[chatId] ?? [];
      setLeftAt(bottom ? null : (current[current.length - 1] ?? null));
    },
    [chatId],
  );

  // Stick to the bottom when already there, and always after the person's own message. At once:
  // a smooth scroll is cut short when rows above are measured on the way, leaving the new message
  // below the fold on a busy PC.
  const follow = useCallback(
    (isAtBottom: boolean) => {
      const s = useInboxStore.getState();
      const current = s.idsByChat[chatId] ?? [];
      const last = s.messagesById[current[current.length - 1] ?? -1];
      if (!s.threads[chatId]?.live) return false;
      return isAtBottom || (last?.fromMe === true && last.status === 'pending') ? 'auto' : false;
    },
    [chatId],
  );

  // Where the list opened, taken when a load lands (each load, meta.seq, mounts a new list).
  const opening = useMemo(
    () => openingOf(ids, meta?.focusId ?? null, meta?.firstUnreadId ?? null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the rows at the moment a load lands, on purpose
    [meta?.seq, meta?.status],
  );

  if (!meta || meta.status === 'loading') {
    return (
      <div className="thread thread-message">
        <Spinner size={28} label="Loading messages" />
      </div>
    );
  }
  if (meta.status === 'error') {
    return (
      <div className="thread thread-message" role="alert">
        <p>{meta.error}</p>
        <button type="button" className="button button-secondary" onClick={() => void inboxActions.loadLatest(chatId)}>
          Try again
        </button>
      </div>
    );
  }

  const focusIndex = meta.focusId === null ? -1 : ids.indexOf(meta.focusId);
  const unreadIndex = meta.firstUnreadId === null ? -1 : ids.indexOf(meta.firstUnreadId);
  const toBottom = () => {
    if (!live) void inboxActions.loadLatest(chatId);
    // At once, not smoothly: after scrolling far back, a smooth scroll would crawl through it all.
    else virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end' });
  };

  return (
    <div className="thread" data-testid="thread">
      <Virtuoso
        // A new load (a jump, or back to the newest) starts a fresh list at its own place.
        key={meta.seq}
        ref={virtuoso}
        className="thread-scroller"
        data={ids}
        context={{
          ids,
          firstItemIndex: meta.firstItemIndex,
          complete: meta.nextBefore === null,
          loadingOlder: meta.loadingOlder,
          firstUnreadId: meta.firstUnreadId,
          unread: meta.unreadAtOpen ?? 0,
        }}
        firstItemIndex={meta.firstItemIndex}
        initialTopMostItemIndex={openingPosition(focusIndex, unreadIndex)}
        computeItemKey={(_, id) => id}
        itemContent={(index, id, context) => (
          <MessageRow
            id={id}
            prevId={context.ids[index - context.firstItemIndex - 1]}
            startOfChat={context.complete && index === context.firstItemIndex}
            unreadCount={id === context.firstUnreadId ? context.unread : null}
          />
        )}
        startReached={() => void inboxActions.loadOlder(chatId)}
        endReached={() => void inboxActions.loadNewer(chatId)}
        followOutput={holdsTop(opening, ids) ? false : follow}
        atBottomStateChange={onBottom}
        atBottomThreshold={60}
        alignToBottom
        increaseViewportBy={{ top: 600, bottom: 300 }}
        components={COMPONENTS}
      />
      {unseen > 0 ? (
        <button type="button" className="thread-pill" data-testid="new-messages" onClick={toBottom}>
          {unseen === 1 ? '1 new message' : `${unseen} new messages`}
          <ChevronDownIcon size={16} />
        </button>
      ) : !atBottom || !live ? (
        <button type="button" className="thread-down" aria-label="Scroll to the newest message" onClick={toBottom}>
          <ChevronDownIcon size={22} />
        </button>
      ) : null}
    </div>
  );
};
