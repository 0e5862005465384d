import { useEffect, useId, useState } from 'react';
import { FORWARD_CHATS_MAX, type Chat, type Message } from '../../../../../src-shared/inbox';
import { getClient } from '../../../contract';
import { errorMessage } from '../../../lib/errors';
import { Dialog } from '../../../ui/Dialog';
import { FieldError } from '../../../ui/FieldError';
import { messageActions } from '../message-actions';
import { displayTitle } from '../text';
import { ChatAvatar } from './ChatAvatar';

/** The bot's chats matching what is typed, newest first, read straight from the engine (not the chat list's view). */
const useChatSearch = (botId: string, query: string) => {
  const [state, setState] = useState<{ chats: Chat[]; error: string | null }>({ chats: [], error: null });
  useEffect(() => {
    let live = true;
    const trimmed = query.trim();
    getClient()
      .call('chats:list', { botId, limit: 50, ...(trimmed ? { query: trimmed } : {}) })
      .then((page) => live && setState({ chats: page.items, error: null }))
      .catch((error: unknown) => live && setState({ chats: [], error: errorMessage(error) }));
    return () => {
      live = false;
    };
  }, [botId, query]);
  return state;
};

/** Forward: pick up to five of the bot's chats, as WhatsApp allows, and send a copy to each. */
export const ForwardDialog = ({ message, onClose }: { message: Message; onClose: () => void }) => {
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { chats, error: listError } = useChatSearch(message.botId, query);
  const searchId = useId();
  const errorId = useId();
  const full = picked.length >= FORWARD_CHATS_MAX;

  const toggle = (chatId: number) => {
    setError(null);
    setPicked((p) => (p.includes(chatId) ? p.filter((id) => id !== chatId) : full ? p : [...p, chatId]));
  };

  const submit = async () => {
    if (busy || picked.length === 0) return;
    setBusy(true);
    const result = await messageActions.forward(message, picked);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.message);
  };

  return (
    <Dialog
      title="Forward message to"
      subtitle={full ? `You can forward to up to ${FORWARD_CHATS_MAX} chats at a time.` : undefined}
      size="sm"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={busy || picked.length === 0}
            aria-busy={busy}
            onClick={() => void submit()}
          >
            {picked.length > 1 ? `Forward to ${picked.length} chats` : 'Forward'}
          </button>
        </>
      }
    >
      <label className="field-label" htmlFor={searchId}>
        Find a chat
      </label>
      <input
        id={searchId}
        className="text-input"
        type="search"
        value={query}
        placeholder="Name or number"
        data-autofocus
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => setQuery(e.target.value)}
      />
      <FieldError id={errorId} message={error ?? listError} />
      <ul className="forward-list" data-testid="forward-list">
        {chats.map((chat) => {
          const on = picked.includes(chat.id);
          return (
            <li key={chat.id}>
              <label className={`forward-row${on ? ' forward-row-on' : ''}`}>
                <input type="checkbox" checked={on} disabled={!on && full} onChange={() => toggle(chat.id)} />
                <ChatAvatar chat={chat} size={36} />
                <span className="forward-row-title">{displayTitle(chat)}</span>
              </label>
            </li>
          );
        })}
        {chats.length === 0 && !listError ? (
          <li className="forward-empty">
            {query.trim() ? `No chats match “${query.trim()}”.` : 'This bot has no chats yet.'}
          </li>
        ) : null}
      </ul>
    </Dialog>
  );
};
