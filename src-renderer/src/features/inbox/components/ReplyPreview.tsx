import { CloseIcon } from '../../../ui/icons';
import { useChat } from '../hooks/useChats';
import { useMessage } from '../hooks/useThread';
import { useInboxStore } from '../store';
import { displayTitle, messagePreview } from '../text';

/** The message being answered, above the composer, with a way to drop the quote. */
export const ReplyPreview = ({ chatId, messageId }: { chatId: number; messageId: number }) => {
  const message = useMessage(messageId);
  const chat = useChat(chatId);
  const cancel = () => useInboxStore.getState().setReplyTo(chatId, null);
  // Left behind by a reload of the thread: nothing to quote any more.
  if (!message) return null;
  const who = message.fromMe
    ? 'You'
    : chat?.kind === 'group'
      ? (message.senderName ?? 'Member')
      : chat
        ? displayTitle(chat)
        : '';
  return (
    <div className="reply-preview" data-testid="reply-preview">
      <div className={`quote quote-large${message.fromMe ? ' quote-you' : ''}`}>
        <div className="quote-sender">{who}</div>
        <div className="quote-text">{messagePreview(message)}</div>
      </div>
      <button type="button" className="icon-button" aria-label="Cancel reply" title="Cancel reply" onClick={cancel}>
        <CloseIcon size={20} />
      </button>
    </div>
  );
};
