import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useMessage } from '../hooks/useThread';
import { useInboxStore } from '../store';
import { formatDayLabel, sameDay } from '../time';
import { MessageBubble } from './MessageBubble';

type MessageRowProps = {
  id: number;
  /** The message above, to know whether a new day starts and whether this one continues a run. */
  prevId: number | undefined;
  /** The very first message of the chat is loaded here: its day is shown even with nothing above. */
  startOfChat: boolean;
  /** The first message unread when the chat opened: the "N unread messages" bar goes above it. */
  unreadCount?: number | null;
};

/** WhatsApp's "3 unread messages" bar, under the day's label, where what is unread begins. */
const UnreadDivider = ({ count }: { count: number }) => (
  <div className="unread-divider" data-testid="unread-divider" role="separator">
    <span>{count === 1 ? '1 unread message' : `${count} unread messages`}</span>
  </div>
);

/**
 * One message in the thread: the day separator when a day starts, then the bubble. Selects its
 * own message, so a tick changing re-renders one row.
 */
export const MessageRow = memo(({ id, prevId, startOfChat, unreadCount = null }: MessageRowProps) => {
  const message = useMessage(id);
  const prev = useInboxStore(
    useShallow((s) => {
      const p = prevId === undefined ? undefined : s.messagesById[prevId];
      return p ? { ts: p.ts, fromMe: p.fromMe, sender: p.senderJid, system: p.kind === 'system' } : null;
    }),
  );
  const highlighted = useInboxStore((s) => s.highlightId === id);
  // Virtuoso measures every row: an empty one still needs a height.
  if (!message) return <div className="msg-gone" />;
  const newDay = prev ? !sameDay(prev.ts, message.ts) : startOfChat;
  const continued =
    prev !== null &&
    !newDay &&
    unreadCount === null &&
    !prev.system &&
    prev.fromMe === message.fromMe &&
    prev.sender === message.senderJid;
  return (
    <div
      className="msg"
      data-testid="message"
      data-message-id={id}
      data-status={message.status ?? undefined}
      data-mine={message.fromMe}
    >
      {startOfChat ? <p className="thread-start">Messages are kept on this PC by Wren.</p> : null}
      {newDay ? (
        <div className="day-sep" data-testid="day-separator">
          <span>{formatDayLabel(message.ts)}</span>
        </div>
      ) : null}
      {unreadCount !== null ? <UnreadDivider count={unreadCount} /> : null}
      {message.kind === 'system' ? (
        <div className="sys-note" data-testid="system-note">
          <span>{message.text}</span>
        </div>
      ) : (
        <div
          className={`msg-row ${message.fromMe ? 'msg-row-out' : 'msg-row-in'}${continued ? ' msg-row-cont' : ''}${
            message.reactions.length > 0 ? ' msg-row-reacted' : ''
          }`}
        >
          <MessageBubble message={message} tail={!continued} highlighted={highlighted} />
        </div>
      )}
    </div>
  );
});
MessageRow.displayName = 'MessageRow';
