import { formatPhone } from '../../../lib/format';
import { useMinute } from '../../../lib/useMinute';
import { MutedIcon, PinIcon } from '../../../ui/chat-icons';
import { toneAt } from '../../../ui/Avatar';
import { ContactsIcon as UsersIcon } from '../../../ui/icons';
import { inboxActions } from '../actions';
import { useBotLabel, useChat } from '../hooks/useChats';
import { isMuted } from '../normalize';
import { useInboxStore } from '../store';
import { displayTitle, isNumberOnly, previewText } from '../text';
import { ChatAvatar } from './ChatAvatar';
import { formatListTime } from '../time';
import { Ticks } from './Ticks';

/**
 * One chat in the list. Selects its own chat, so a new message re-renders one row. `showBot`
 * ("All bots"): a small label names the bot the chat belongs to.
 */
export const ChatRow = ({ chatId, showBot = false }: { chatId: number; showBot?: boolean }) => {
  const chat = useChat(chatId);
  const selected = useInboxStore((s) => s.openChatId === chatId);
  const now = useMinute();
  if (!chat) return <div className="chat-row-gone" />;
  const muted = isMuted(chat, now);
  const last = chat.lastMessage;
  const showSender = last && chat.kind === 'group' && !last.fromMe && last.senderName;
  return (
    <button
      type="button"
      className={`chat-row${selected ? ' chat-row-selected' : ''}`}
      aria-current={selected || undefined}
      data-testid="chat-row"
      data-chat-id={chat.id}
      onClick={() => void inboxActions.openChat(chat.id)}
    >
      <ChatAvatar chat={chat} size={49} />
      <span className="chat-row-body">
        <span className="chat-row-line">
          <span className="chat-row-title" data-testid="chat-title">
            {chat.kind === 'group' ? (
              <span className="chat-row-group" role="img" aria-label="Group">
                <UsersIcon size={15} />
              </span>
            ) : null}
            <span className="chat-row-name" title={displayTitle(chat)}>
              {displayTitle(chat)}
            </span>
          </span>
          <span className={`chat-row-time${chat.unread > 0 && !muted ? ' chat-row-time-unread' : ''}`}>
            {last ? formatListTime(chat.lastTs, new Date(now)) : ''}
          </span>
        </span>
        <span className="chat-row-line">
          <span className="chat-row-preview" data-testid="chat-preview">
            {last?.fromMe && last.status ? <Ticks status={last.status} error={null} /> : null}
            {showSender ? <span className="chat-row-sender">{last.senderName}: </span> : null}
            <span className={last?.deleted ? 'chat-row-deleted' : undefined}>
              {last ? previewText(last) : chat.phone && !isNumberOnly(chat) ? formatPhone(chat.phone) : ''}
            </span>
          </span>
          {showBot ? <BotLabel botId={chat.botId} /> : null}
          <span className="chat-row-icons">
            {chat.handoffAt ? (
              <span className="chat-row-handoff" data-testid="chat-handoff" title="Asked for a person">
                Needs you
              </span>
            ) : null}
            {muted ? (
              <span className="chat-row-icon" role="img" aria-label="Muted" title="Muted" data-testid="chat-muted">
                <MutedIcon size={16} />
              </span>
            ) : null}
            {chat.pinned ? (
              <span className="chat-row-icon" role="img" aria-label="Pinned" title="Pinned" data-testid="chat-pinned">
                <PinIcon size={16} />
              </span>
            ) : null}
            {chat.unread > 0 ? (
              <span
                className={`unread-badge${muted ? ' unread-badge-muted' : ''}`}
                data-testid="chat-unread"
                aria-label={`${chat.unread} unread`}
              >
                {chat.unread}
              </span>
            ) : null}
          </span>
        </span>
      </span>
    </button>
  );
};

/**
 * The bot a chat belongs to, with a colour of its own (by its place in the bot list, so a few bots
 * never share one) so a glance down the list sorts them.
 */
const BotLabel = ({ botId }: { botId: string }) => {
  const { name, index } = useBotLabel(botId);
  // Gone with its bot: the row itself goes with the next event.
  if (name === undefined) return null;
  return (
    <span className="chat-row-bot" data-testid="chat-bot" title={`Bot: ${name}`}>
      <span className="chat-row-bot-dot" style={{ background: toneAt(index) }} aria-hidden="true" />
      <span className="chat-row-bot-name">{name}</span>
    </span>
  );
};
