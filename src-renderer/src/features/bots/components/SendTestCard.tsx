import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Bot, BotStatus } from '../../../../../src-shared/bots';
import { formatPhone } from '../../../lib/format';
import { FieldError } from '../../../ui/FieldError';
import { SendIcon } from '../../../ui/icons';
import { Spinner } from '../../../ui/Spinner';
import { sendTestMessage, type SendTestErrors } from '../send-test';
import { useSendTestDraft, useSendTestDrafts } from '../send-test-drafts';

/** Why Send is off, as the one thing to do about it. */
const OFFLINE_HINT: Record<Exclude<BotStatus, 'online'>, string> = {
  created: 'Link the bot to send a test message.',
  linking: 'Finish linking the bot to send a test message.',
  connecting: 'Wait until the bot is online to send a test message.',
  reconnecting: 'Wait until the bot is back online to send a test message.',
  offline: 'This PC is offline: check the internet connection to send a test message.',
  stopped: 'Start the bot to send a test message.',
  failed: 'Start the bot to send a test message.',
  logged_out: 'Relink the bot to send a test message.',
};

const describedBy = (...ids: Array<string | false>) => ids.filter(Boolean).join(' ') || undefined;

type SendTestCardProps = { bot: Bot; onShowLog: () => void };

/** One text from the bot to a phone, to check it end to end; receipts follow in the event log. */
export const SendTestCard = ({ bot, onShowLog }: SendTestCardProps) => {
  const draft = useSendTestDraft(bot.id);
  const update = useSendTestDrafts((s) => s.update);
  const [errors, setErrors] = useState<SendTestErrors>({});
  const [sending, setSending] = useState(false);
  const toRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const online = bot.status === 'online';

  const send = async () => {
    if (sending || !online) return;
    const sentText = draft.text;
    setSending(true);
    setErrors({});
    const result = await sendTestMessage(bot.id, draft.to, sentText);
    setSending(false);
    if (result.ok) {
      // Text typed while the send was on its way is a new message: only the sent one is cleared.
      if (useSendTestDrafts.getState().byBot[bot.id]?.text === sentText) update(bot.id, { text: '' });
      textRef.current?.focus();
      return;
    }
    setErrors(result.errors);
    // Straight to what needs changing, the number first as it comes first in the form.
    if (result.errors.to) toRef.current?.focus();
    else if (result.errors.text) textRef.current?.focus();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  // Enter writes a new line in the message; Ctrl+Enter (Cmd+Enter on a Mac) sends, as in chat apps.
  const onTextKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  const clear = (field: keyof SendTestErrors) => setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));

  return (
    <section className="card send-test" aria-labelledby={`${id}-title`}>
      <header className="card-header">
        <h3 id={`${id}-title`}>Send a test message</h3>
        <p>
          Checks the bot end to end. Delivery and read receipts appear in the{' '}
          <button type="button" className="link-button" onClick={onShowLog}>
            Event log
          </button>
          .
        </p>
      </header>
      <form className="send-test-form" data-testid="send-test-form" onSubmit={onSubmit} noValidate>
        <div className="send-test-field send-test-to">
          <label className="field-label" htmlFor={`${id}-to`}>
            To
          </label>
          <input
            ref={toRef}
            id={`${id}-to`}
            className={`text-input${errors.to ? ' text-input-invalid' : ''}`}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            placeholder="+44 7911 123456"
            value={draft.to}
            aria-invalid={errors.to !== undefined}
            aria-describedby={describedBy(errors.to !== undefined && `${id}-to-error`)}
            onChange={(e) => {
              update(bot.id, { to: e.target.value });
              clear('to');
            }}
          />
          <FieldError id={`${id}-to-error`} message={errors.to ?? null} />
        </div>
        <div className="send-test-field">
          <label className="field-label" htmlFor={`${id}-text`}>
            Message
          </label>
          <textarea
            ref={textRef}
            id={`${id}-text`}
            className={`text-input text-area${errors.text ? ' text-input-invalid' : ''}`}
            rows={3}
            placeholder="Hello from Wren!"
            value={draft.text}
            aria-invalid={errors.text !== undefined}
            aria-describedby={describedBy(errors.text !== undefined && `${id}-text-error`)}
            onChange={(e) => {
              update(bot.id, { text: e.target.value });
              clear('text');
            }}
            onKeyDown={onTextKey}
          />
          <FieldError id={`${id}-text-error`} message={errors.text ?? null} />
        </div>
        <FieldError id={`${id}-form-error`} message={errors.form ?? null} />
        <div className="send-test-footer">
          <p id={`${id}-hint`} className={`field-hint send-test-hint${online ? '' : ' send-test-hint-off'}`}>
            {bot.status === 'online'
              ? `Sent from ${bot.phone ? formatPhone(bot.phone) : "this bot's number"}. Ctrl+Enter sends.`
              : OFFLINE_HINT[bot.status]}
          </p>
          <button
            type="submit"
            className="button button-primary"
            disabled={!online || sending}
            aria-busy={sending}
            aria-label="Send test message"
            aria-describedby={describedBy(`${id}-hint`, errors.form !== undefined && `${id}-form-error`)}
          >
            {sending ? <Spinner size={17} /> : <SendIcon size={17} />}
            Send
          </button>
        </div>
      </form>
    </section>
  );
};
