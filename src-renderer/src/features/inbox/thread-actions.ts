import type { Message } from '../../../../src-shared/inbox';
import { getClient } from '../../contract';
import { errorMessage } from '../../lib/errors';
import { toast } from '../../ui/toast-store';
import type { Result } from '../bots/actions';
import { useInboxStore } from './store';
import { uploadFile } from '../../lib/upload';

/** The first page of a thread: small, so a chat opens at once. */
export const MESSAGE_PAGE = 50;
/**
 * Scrolling back (or down again after a jump) reads more at a time, the contract's most: fewer
 * round trips through a long history.
 */
export const OLDER_PAGE = 200;

const store = () => useInboxStore.getState();
const client = () => getClient();

/**
 * Marks in flight, per chat: a burst of incoming messages sends one mark-read at a time, and one
 * more after it if something arrived meanwhile.
 */
const marking = new Set<number>();
const markAgain = new Set<number>();

const loadLatest = async (chatId: number): Promise<void> => {
  const seq = store().beginThread(chatId, null);
  // After a reconnect the open chat may not be on the first page of the list any more.
  if (!store().chatsById[chatId]) {
    client()
      .call('chats:get', { chatId })
      .then((chat) => store().receiveChat(chat))
      .catch(() => store().openChat(null)); // gone (deleted with its bot): nothing to show
  }
  try {
    store().applyLatest(chatId, seq, await client().call('messages:page', { chatId, limit: MESSAGE_PAGE }));
  } catch (error) {
    store().patchThread(chatId, seq, { status: 'error', error: errorMessage(error) });
  }
};

/** Opening chats, reading and writing their threads. */
export const threadActions = {
  async openChat(chatId: number): Promise<void> {
    store().openChat(chatId);
    store().setHighlight(null);
    await loadLatest(chatId);
  },

  /** Opens a search hit's chat with the thread around it, so both directions can be scrolled. */
  async jumpTo(message: Message): Promise<void> {
    const { chatId } = message;
    store().openChat(chatId);
    store().setHighlight(message.id);
    const seq = store().beginThread(chatId, message.id);
    try {
      const around = await client().call('messages:around', { messageId: message.id, limit: MESSAGE_PAGE });
      store().receiveChat(around.chat);
      store().applyAround(chatId, seq, around);
    } catch (error) {
      store().patchThread(chatId, seq, { status: 'error', error: errorMessage(error) });
    }
  },

  /** Clicking a quote: the original message, highlighted in its thread (loaded around it if needed). */
  async jumpToQuoted(replyId: number): Promise<void> {
    try {
      const original = await client().call('messages:quoted', { messageId: replyId });
      if (store().messagesById[original.id]) {
        store().setHighlight(original.id);
        return;
      }
      await threadActions.jumpTo(original);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  },

  /** Back to the newest messages (after a jump, the live end is not loaded). */
  loadLatest,

  async loadOlder(chatId: number): Promise<void> {
    const meta = store().threads[chatId];
    if (!meta || meta.status !== 'ready' || meta.loadingOlder || !meta.nextBefore) return;
    const { seq, nextBefore } = meta;
    store().patchThread(chatId, seq, { loadingOlder: true });
    try {
      const page = await client().call('messages:page', { chatId, before: nextBefore, limit: OLDER_PAGE });
      store().applyOlder(chatId, seq, page);
    } catch (error) {
      store().patchThread(chatId, seq, { loadingOlder: false });
      toast.error(errorMessage(error));
    }
  },

  async loadNewer(chatId: number): Promise<void> {
    const meta = store().threads[chatId];
    if (!meta || meta.status !== 'ready' || meta.loadingNewer || !meta.nextAfter) return;
    const { seq, nextAfter } = meta;
    store().patchThread(chatId, seq, { loadingNewer: true });
    try {
      const page = await client().call('messages:newer', { chatId, after: nextAfter, limit: OLDER_PAGE });
      store().applyNewer(chatId, seq, page);
    } catch (error) {
      store().patchThread(chatId, seq, { loadingNewer: false });
      toast.error(errorMessage(error));
    }
  },

  async markRead(chatId: number): Promise<void> {
    const chat = store().chatsById[chatId];
    if (!chat || chat.unread === 0) return;
    if (marking.has(chatId)) {
      markAgain.add(chatId);
      return;
    }
    marking.add(chatId);
    // Cleared at once; the engine's chat:upsert confirms it. Its reply is not applied: it can
    // leave after a newer message arrived, and would hide that message's unread count.
    store().receiveChat({ ...chat, unread: 0 });
    try {
      await client().call('chats:mark-read', { chatId });
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      marking.delete(chatId);
    }
    if (markAgain.delete(chatId) && store().openChatId === chatId) await threadActions.markRead(chatId);
  },

  /** Writes a message: shown at once from the reply (pending, with a clock); events move its ticks. */
  async send(
    chatId: number,
    text: string,
    quotedId: number | null,
    attachment: File | null = null,
    /** Bytes of the attachment sent to Wren so far (the composer shows it on the file). */
    onProgress?: (sent: number, total: number) => void,
  ): Promise<Result<Message>> {
    try {
      const message = await client().call('messages:send', {
        chatId,
        text,
        ...(quotedId === null ? {} : { quotedId }),
        ...(attachment
          ? { attachment: { name: attachment.name, uploadId: await uploadFile(attachment, 'file', onProgress) } }
          : {}),
      });
      // After a jump back the thread does not show its end: sending goes back there, as in WhatsApp.
      if (store().threads[chatId]?.live === false) await loadLatest(chatId);
      store().receiveMessage(message);
      return { ok: true, value: message };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    }
  },
};
