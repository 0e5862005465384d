import { useEffect, useRef, type KeyboardEvent } from 'react';
import { SendIcon } from '../../../ui/icons';
import { toast } from '../../../ui/toast-store';
import { inboxActions } from '../actions';
import { useInboxStore } from '../store';
import { EmojiPicker } from './EmojiPicker';
import { ReplyPreview } from './ReplyPreview';

/*
 * Attachments are not offered: the engine sends text only for now (no media in the contract).
 */

/** Where the person writes: Enter sends, Shift+Enter starts a new line; the draft is kept per chat. */
export const Composer = ({ chatId }: { chatId: number }) => {
  const draft = useInboxStore((s) => s.drafts[chatId] ?? '');
  // A reply counts only while its message is loaded: a reloaded thread may have let it go, and
  // a quote the person cannot see must not be sent.
  const replyToId = useInboxStore((s) => {
    const id = s.replyTo[chatId];
    return id !== undefined && s.messagesById[id] ? id : undefined;
  });
  const input = useRef<HTMLTextAreaElement>(null);

  // Choosing "Reply" on a bubble brings the caret here, ready to write the answer.
  useEffect(() => {
    if (replyToId !== undefined) input.current?.focus();
  }, [replyToId]);

  const setDraft = (text: string) => useInboxStore.getState().setDraft(chatId, text);

  const send = async () => {
    const text = draft.trim();
    if (!text) return;
    const { setReplyTo } = useInboxStore.getState();
    // Cleared at once, like WhatsApp: the bubble appears from the engine's reply with its clock.
    setDraft('');
    setReplyTo(chatId, null);
    const result = await inboxActions.send(chatId, text, replyToId ?? null);
    if (result.ok) return;
    toast.error(result.message);
    // Nothing is lost: the text (and the reply) come back unless something new was typed meanwhile.
    if (!useInboxStore.getState().drafts[chatId]) {
      setDraft(text);
      if (replyToId !== undefined) setReplyTo(chatId, replyToId);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && replyToId !== undefined) {
      useInboxStore.getState().setReplyTo(chatId, null);
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void send();
  };

  const insert = (emoji: string) => {
    const el = input.current;
    const start = el?.selectionStart ?? draft.length;
    const end = el?.selectionEnd ?? draft.length;
    setDraft(draft.slice(0, start) + emoji + draft.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };

  return (
    <footer className="composer">
      {replyToId !== undefined ? <ReplyPreview chatId={chatId} messageId={replyToId} /> : null}
      <div className="composer-row">
        <EmojiPicker onPick={insert} />
        <textarea
          ref={input}
          className="composer-input"
          rows={1}
          placeholder="Type a message"
          aria-label="Message"
          value={draft}
          // The open chat's composer is where typing goes, as in WhatsApp.
          autoFocus
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          className="composer-send"
          aria-label="Send"
          title="Send (Enter)"
          disabled={!draft.trim()}
          onClick={() => void send()}
        >
          <SendIcon size={21} />
        </button>
      </div>
    </footer>
  );
};
