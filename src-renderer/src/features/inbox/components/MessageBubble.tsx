import type { Message } from '../../../../../src-shared/inbox';
import { ForwardIcon, ReplyIcon } from '../../../ui/chat-icons';
import { useBot } from '../../bots/hooks/useBots';
import { useChat } from '../hooks/useChats';
import { inboxActions } from '../actions';
import { useInboxStore } from '../store';
import { bareJid, DELETED_TEXT, KIND_LABEL, phoneOfJid, senderLabel } from '../text';
import { formatClock } from '../time';
import { formatPhone } from '../../../lib/format';
import { FormattedText } from '../../../ui/FormattedText';
import { originLabel } from '../message-menu';
import { MessageActions, useBubbleMenu } from './MessageActions';
import { MessageMedia } from './MessageMedia';
import { OriginLabel } from './OriginLabel';
import { Ticks } from './Ticks';

/** Group members' names in WhatsApp's palette: each sender keeps one colour. */
const SENDER_TONES = ['#1f7aec', '#e542a3', '#d97706', '#0f9d58', '#7f66ff', '#e74c3c', '#00a5b8', '#8b6f00'];
const senderTone = (jid: string) => {
  let hash = 0;
  for (const ch of jid) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return SENDER_TONES[hash % SENDER_TONES.length];
};

/** Photos, videos and stickers fill the bubble; the time sits on the picture when there is no caption. */
const isVisual = (m: Message) =>
  m.media !== null && m.deletedAt === null && (m.kind === 'image' || m.kind === 'video' || m.kind === 'sticker');

/** Room kept at the end of the text for the time and ticks, which sit in its last line. */
const originWidth = (m: Message) => {
  const label = m.fromMe ? originLabel(m.origin) : null;
  return label ? label.short.length * 6.5 + 6 : 0;
};
const metaWidth = (m: Message) =>
  46 +
  (m.fromMe ? 20 : 0) +
  originWidth(m) +
  (m.starred ? 16 : 0) +
  (m.editedAt !== null && m.deletedAt === null ? 44 : 0);

const Body = ({ message }: { message: Message }) => {
  const spacer = <span className="bubble-spacer" style={{ width: metaWidth(message) }} aria-hidden="true" />;
  if (message.deletedAt !== null) {
    return (
      <>
        <div className="bubble-text bubble-text-deleted">
          {DELETED_TEXT}
          {message.text ? null : spacer}
        </div>
        {message.text ? (
          <div className="bubble-kept" data-testid="kept-text">
            <span className="bubble-kept-label">Deleted — kept by Anti-delete</span>
            <del>{message.text}</del>
            {spacer}
          </div>
        ) : null}
      </>
    );
  }
  return (
    <>
      {message.media ? (
        <MessageMedia message={message} media={message.media} />
      ) : message.kind === 'text' ? null : (
        <div className="bubble-media">{KIND_LABEL[message.kind]}</div>
      )}
      {message.text || message.kind === 'text' ? (
        <div className="bubble-text">
          {message.text ? <FormattedText text={message.text} /> : null}
          {spacer}
        </div>
      ) : isVisual(message) ? null : (
        <div className="bubble-text">{spacer}</div>
      )}
    </>
  );
};

type BubbleProps = { message: Message; tail: boolean; highlighted: boolean };

export const MessageBubble = ({ message, tail, highlighted }: BubbleProps) => {
  const chat = useChat(message.chatId);
  const botPhone = useBot(chat?.botId ?? null)?.phone ?? null;
  const setReplyTo = useInboxStore((s) => s.setReplyTo);
  const quotedJid = message.quoted?.sender ?? null;
  const learntName = useInboxStore((s) => (quotedJid ? s.senderNames[bareJid(quotedJid)] : undefined));
  // The name the business gave the quoted person (from the engine) wins over a push name learnt here.
  const quotedName = message.quoted?.senderName ?? learntName;
  const onContextMenu = useBubbleMenu(message);
  const mine = message.fromMe;
  const deleted = message.deletedAt !== null;
  const sender = message.senderName ?? formatPhone(phoneOfJid(message.senderJid) ?? message.senderJid);
  const quoteSender = message.quoted
    ? senderLabel(quotedJid, botPhone, chat, quotedName && quotedJid ? { [bareJid(quotedJid)]: quotedName } : {})
    : '';
  const classes = ['bubble', mine ? 'bubble-out' : 'bubble-in'];
  if (isVisual(message)) classes.push(message.text ? 'bubble-visual' : 'bubble-visual bubble-bare');
  if (tail) classes.push('bubble-tail');
  if (highlighted) classes.push('bubble-highlight');
  return (
    <div className={classes.join(' ')} data-highlighted={highlighted || undefined} onContextMenu={onContextMenu}>
      {chat?.kind === 'group' && !mine && tail ? (
        <div className="bubble-sender" style={{ color: senderTone(message.senderJid) }}>
          {sender}
        </div>
      ) : null}
      {message.forwarded ? (
        <div className="bubble-forwarded">
          <ForwardIcon size={14} /> Forwarded
        </div>
      ) : null}
      {message.quoted ? (
        <button
          type="button"
          className={`quote quote-link${quoteSender === 'You' ? ' quote-you' : ''}`}
          data-testid="quote"
          title="Go to the original message"
          onClick={() => void inboxActions.jumpToQuoted(message.id)}
        >
          <span className="quote-sender">{quoteSender}</span>
          <span className="quote-text">{message.quoted.text ?? 'Message'}</span>
        </button>
      ) : null}
      <Body message={message} />
      <span className="bubble-meta">
        {message.starred ? (
          <span className="bubble-star" title="Starred" aria-label="Starred" data-testid="starred-mark">
            ★
          </span>
        ) : null}
        {mine ? <OriginLabel origin={message.origin} /> : null}
        {message.editedAt !== null && !deleted ? <span className="bubble-edited">Edited</span> : null}
        <time dateTime={new Date(message.ts).toISOString()}>{formatClock(message.ts)}</time>
        {mine && message.status ? <Ticks status={message.status} error={message.error} /> : null}
      </span>
      {deleted ? null : (
        <button
          type="button"
          className="bubble-reply"
          aria-label="Reply"
          title="Reply"
          onClick={() => setReplyTo(message.chatId, message.id)}
        >
          <ReplyIcon size={16} />
        </button>
      )}
      <MessageActions message={message} />
      {message.reactions.length > 0 ? (
        <div className="reactions" data-testid="reactions">
          {message.reactions.map((r) => (
            <span
              key={r.emoji}
              className={`reaction${r.mine ? ' reaction-mine' : ''}`}
              title={r.mine ? 'You reacted' : undefined}
            >
              {r.emoji}
              {r.count > 1 ? <span className="reaction-count">{r.count}</span> : null}
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
};
