import { useMessageMenuStore } from '../message-menu-store';
import { useInboxStore } from '../store';
import { DeleteDialog } from './DeleteDialog';
import { ForwardDialog } from './ForwardDialog';

/**
 * The dialogs a message menu opens, kept outside the bubbles: the thread is virtualized, and a
 * bubble scrolled away must not take its open dialog with it.
 */
export const MessageActionDialogs = () => {
  const dialog = useMessageMenuStore((s) => s.dialog);
  const close = useMessageMenuStore((s) => s.closeDialog);
  const message = useInboxStore((s) => (dialog ? s.messagesById[dialog.messageId] : undefined));
  if (!dialog || !message) return null;
  return dialog.kind === 'forward' ? (
    <ForwardDialog message={message} onClose={close} />
  ) : (
    <DeleteDialog message={message} onClose={close} />
  );
};
