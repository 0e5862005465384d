import { useEffect, useLayoutEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { ATTACHMENT_ACCEPT } from '../../../../../src-shared/attachments';
import { CloseIcon, SendIcon } from '../../../ui/icons';
import { PaperclipIcon } from '../../../ui/media-icons';
import { toast } from '../../../ui/toast-store';
import { inboxActions } from '../actions';
import { savedDrafts } from '../drafts';
import { pickAttachment, type PendingAttachment } from '../media';
import { useInboxStore } from '../store';
import { AttachmentPreview } from './AttachmentPreview';
import { EmojiPicker } from './EmojiPicker';
import { ReplyPreview } from './ReplyPreview';

/** Where the person writes: Enter sends, Shift+Enter starts a new line; the draft is kept per chat, across reloads. */
export const Composer = ({ chatId }: { chatId: number }) => {
  const draft = useInboxStore((s) => s.drafts[chatId] ?? '');
  // A reply counts only while its message is loaded: a reloaded thread may have let it go, and
  // a quote the person cannot see must not be sent.
  const replyToId = useInboxStore((s) => {
    const id = s.replyTo[chatId];
    return id !== undefined && s.messagesById[id] ? id : undefined;
  });
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  // The chosen file belongs to the chat it was chosen in: switching chats drops it.
  const [attachment, setAttachment] = useState<{ chatId: number; value: PendingAttachment } | null>(null);
  const [attachError, setAttachError] = useState<{ chatId: number; message: string } | null>(null);
  // How much of the attachment has gone to Wren while it uploads; the file stays shown until then.
  const [sending, setSending] = useState<{ chatId: number; done: number; total: number } | null>(null);
  const pending = attachment?.chatId === chatId ? attachment.value : null;
  const progress = sending?.chatId === chatId ? sending : null;
  const error = attachError?.chatId === chatId ? attachError.message : null;

  useEffect(
    () => () => {
      if (pending?.previewUrl) URL.revokeObjectURL(pending.previewUrl);
    },
    [pending],
  );

  // Choosing "Reply" on a bubble brings the caret here, ready to write the answer.
  useEffect(() => {
    if (replyToId !== undefined) input.current?.focus();
  }, [replyToId]);

  const setDraft = (text: string) => {
    useInboxStore.getState().setDraft(chatId, text);
    savedDrafts.set(String(chatId), text);
  };

  // A draft left before a reload comes back when its chat opens (before the first paint).
  useLayoutEffect(() => {
    const { drafts, setDraft: keep } = useInboxStore.getState();
    const saved = drafts[chatId] === undefined ? savedDrafts.get(String(chatId)) : null;
    if (saved) keep(chatId, saved);
  }, [chatId]);

  const send = async () => {
    const text = draft.trim();
    if ((!text && !pending) || progress) return;
    // The engine would refuse it for the reason the preview already gives (remove it, or choose
    // the right file): nothing is uploaded for a refusal known in advance.
    if (pending?.problem) return;
    const { setReplyTo } = useInboxStore.getState();
    // Cleared at once, like WhatsApp: the bubble appears from the engine's reply with its clock.
    // A file stays above the composer, filling with its progress, until it has reached Wren.
    setDraft('');
    setReplyTo(chatId, null);
    setAttachError(null);
    if (pending) setSending({ chatId, done: 0, total: pending.file.size });
    const result = await inboxActions.send(chatId, text, replyToId ?? null, pending?.file ?? null, (done, total) =>
      setSending({ chatId, done, total }),
    );
    setSending(null);
    if (pending) setAttachment(null);
    if (result.ok) return;
    if (pending) {
      // The engine refused the file (its contents are not what its name says…): say so here.
      setAttachError({ chatId, message: result.message });
    } else toast.error(result.message);
    // Nothing is lost: the text (and the reply) come back unless something new was typed meanwhile.
    if (!useInboxStore.getState().drafts[chatId]) {
      setDraft(text);
      if (replyToId !== undefined) setReplyTo(chatId, replyToId);
    }
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // The same file can be chosen again after removing it.
    event.target.value = '';
    if (!file) return;
    const picked = await pickAttachment(file);
    if (!picked.ok) {
      setAttachError({ chatId, message: picked.message });
      return;
    }
    setAttachError(null);
    setAttachment({ chatId, value: picked.value });
    input.current?.focus();
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
      {pending ? (
        <AttachmentPreview attachment={pending} progress={progress} onRemove={() => setAttachment(null)} />
      ) : null}
      {error ? (
        <div className="composer-error" role="alert">
          <span>{error}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setAttachError(null)}>
            <CloseIcon size={16} />
          </button>
        </div>
      ) : null}
      <div className="composer-row">
        <EmojiPicker onPick={insert} />
        <button
          type="button"
          className="icon-button composer-icon"
          aria-label="Attach a file"
          title="Attach a photo or document (up to 16 MB)"
          onClick={() => picker.current?.click()}
        >
          <PaperclipIcon size={22} />
        </button>
        <input
          ref={picker}
          type="file"
          hidden
          accept={ATTACHMENT_ACCEPT}
          data-testid="attach-input"
          onChange={(e) => void choose(e)}
        />
        <textarea
          ref={input}
          className="composer-input"
          rows={1}
          placeholder={pending ? 'Add a caption' : 'Type a message'}
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
          disabled={!draft.trim() && !pending}
          onClick={() => void send()}
        >
          <SendIcon size={21} />
        </button>
      </div>
    </footer>
  );
};
