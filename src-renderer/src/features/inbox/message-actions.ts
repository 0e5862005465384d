import type { Message } from '../../../../src-shared/inbox';
import { getClient } from '../../contract';
import { errorMessage } from '../../lib/errors';
import { toast } from '../../ui/toast-store';
import type { Result } from '../bots/actions';
import { copyText } from './message-menu';
import { useInboxStore } from './store';

const store = () => useInboxStore.getState();
const client = () => getClient();

/** What the message menu does: each asks the engine and puts its answer in the store. */
export const messageActions = {
  /** The bot's reaction: the one it has already taken away, any other replaces it. */
  async react(message: Message, emoji: string): Promise<void> {
    const mine = message.reactions.find((r) => r.mine)?.emoji ?? null;
    try {
      const updated = await client().call('messages:react', {
        messageId: message.id,
        emoji: mine === emoji ? null : emoji,
      });
      store().receiveMessage(updated);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  },

  async star(message: Message): Promise<void> {
    try {
      store().receiveMessage(
        await client().call('messages:star', { messageId: message.id, starred: !message.starred }),
      );
    } catch (error) {
      toast.error(errorMessage(error));
    }
  },

  async copy(message: Message): Promise<void> {
    const text = copyText(message);
    if (text === null) return;
    try {
      await navigator.clipboard.writeText(text);
      toast.info('Message copied.');
    } catch {
      toast.error('Wren could not reach the clipboard. Select the text and copy it instead.');
    }
  },

  async forward(message: Message, chatIds: number[]): Promise<Result<Message[]>> {
    try {
      const sent = await client().call('messages:forward', { messageId: message.id, chatIds });
      for (const copy of sent) store().receiveMessage(copy);
      toast.info(sent.length === 1 ? 'Message forwarded.' : `Message forwarded to ${sent.length} chats.`);
      return { ok: true, value: sent };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    }
  },

  async remove(message: Message, scope: 'me' | 'everyone'): Promise<Result<null>> {
    try {
      const result = await client().call('messages:delete', { messageId: message.id, for: scope });
      if (result.message) store().receiveMessage(result.message);
      else store().removeMessage(result.chatId, result.messageId);
      return { ok: true, value: null };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    }
  },
};
