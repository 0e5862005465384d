import { createPortal } from 'react-dom';
import type { Message } from '../../../../../src-shared/inbox';
import { formatPhone } from '../../../lib/format';
import { CloseIcon } from '../../../ui/icons';
import { Spinner } from '../../../ui/Spinner';
import { inboxActions } from '../actions';
import { useStarred } from '../hooks/useStarred';
import { KIND_LABEL, phoneOfJid } from '../text';
import { formatDayLabel, formatClock } from '../time';

const senderOf = (m: Message): string =>
  m.fromMe ? 'You' : (m.senderName ?? formatPhone(phoneOfJid(m.senderJid) ?? m.senderJid));

const summaryOf = (m: Message): string => m.text ?? (m.kind === 'text' ? '' : KIND_LABEL[m.kind]);

/** One chat's starred messages, beside its thread like the info panels; a click jumps to the message. */
const StarredList = ({ chatId, onClose }: { chatId: number; onClose: () => void }) => {
  const { status, items, error, more } = useStarred(chatId);
  return (
    <aside className="group-info starred-panel" aria-label="Starred messages" data-testid="starred-panel">
      <header className="group-info-bar">
        <button type="button" className="icon-button" aria-label="Close starred messages" onClick={onClose}>
          <CloseIcon size={22} />
        </button>
        <h3>Starred messages</h3>
      </header>
      <div className="group-info-body">
        {status === 'loading' && items.length === 0 ? <Spinner /> : null}
        {error ? (
          <p className="starred-empty" role="alert">
            {error}
          </p>
        ) : null}
        {status === 'ready' && items.length === 0 ? (
          <p className="starred-empty">No starred messages. Star one from its menu to find it here.</p>
        ) : null}
        <ul className="starred-list">
          {items.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                className="starred-item"
                data-testid="starred-item"
                onClick={() => void inboxActions.jumpTo(m)}
              >
                <span className="starred-meta">
                  <span className="starred-sender">{senderOf(m)}</span>
                  <time dateTime={new Date(m.ts).toISOString()}>
                    {formatDayLabel(m.ts)} {formatClock(m.ts)}
                  </time>
                </span>
                <span className="starred-text">{m.deletedAt !== null ? 'This message was deleted' : summaryOf(m)}</span>
              </button>
            </li>
          ))}
        </ul>
        {more ? (
          <button type="button" className="button button-ghost starred-more" onClick={more}>
            Show older
          </button>
        ) : null}
      </div>
    </aside>
  );
};

/**
 * Shown in the chat's frame (beside the thread, where the info panels go) from the header,
 * which is where it is opened: `frame` is the element the header lives in.
 */
export const StarredPanel = ({
  chatId,
  frame,
  onClose,
}: {
  chatId: number;
  frame: Element | null;
  onClose: () => void;
}) => (frame ? createPortal(<StarredList chatId={chatId} onClose={onClose} />, frame) : null);
