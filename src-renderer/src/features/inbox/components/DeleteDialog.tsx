import { useEffect, useState } from 'react';
import type { Message } from '../../../../../src-shared/inbox';
import { getClient } from '../../../contract';
import { useMinute } from '../../../lib/useMinute';
import { Dialog } from '../../../ui/Dialog';
import { useChat } from '../hooks/useChats';
import { messageActions } from '../message-actions';
import { canDeleteForEveryone } from '../message-menu';

/** Whether the bot is an admin of the message's group: only then may it delete others' messages there. */
const useBotIsAdmin = (message: Message, group: boolean): boolean => {
  const [admin, setAdmin] = useState(false);
  const ask = group && !message.fromMe;
  useEffect(() => {
    if (!ask) return;
    let live = true;
    getClient()
      .call('groups:get', { chatId: message.chatId })
      .then((info) => live && setAdmin(info.members.some((m) => m.isBot && m.role !== 'member')))
      .catch(() => undefined); // not known: only "Delete for me" is offered
    return () => {
      live = false;
    };
  }, [ask, message.chatId]);
  return admin;
};

/** Delete for me (Wren only) or, where WhatsApp allows it, for everyone, as WhatsApp asks. */
export const DeleteDialog = ({ message, onClose }: { message: Message; onClose: () => void }) => {
  const chat = useChat(message.chatId);
  const admin = useBotIsAdmin(message, chat?.kind === 'group');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useMinute();
  const forEveryone = canDeleteForEveryone(message, now, admin);

  const remove = async (scope: 'me' | 'everyone') => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await messageActions.remove(message, scope);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.message);
  };

  return (
    <Dialog
      title="Delete message?"
      subtitle={
        forEveryone
          ? 'Delete for everyone removes it from the chat on WhatsApp too.'
          : 'It is removed from Wren only; the other side still sees it.'
      }
      size="sm"
      onClose={onClose}
      footer={
        <div className="delete-dialog-actions">
          {forEveryone ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={busy}
              onClick={() => void remove('everyone')}
            >
              Delete for everyone
            </button>
          ) : null}
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            data-autofocus
            onClick={() => void remove('me')}
          >
            Delete for me
          </button>
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
        </div>
      }
    >
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
};
