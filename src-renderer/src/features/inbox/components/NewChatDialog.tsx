import { useId, useState, type FormEvent } from 'react';
import { Dialog } from '../../../ui/Dialog';
import { FieldError } from '../../../ui/FieldError';
import { inboxActions } from '../actions';

/** Start a chat with a number nobody has written from yet; the engine says what is wrong with a bad one. */
export const NewChatDialog = ({ botId, onClose }: { botId: string; onClose: () => void }) => {
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldId = useId();
  const errorId = useId();
  const formId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await inboxActions.openByPhone(botId, phone);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.message);
  };

  return (
    <Dialog
      title="New chat"
      subtitle="Write to any WhatsApp number, with its country code."
      size="sm"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={busy} aria-busy={busy}>
            Start chat
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={(e) => void submit(e)} noValidate>
        <label className="field-label" htmlFor={fieldId}>
          Phone number
        </label>
        <input
          id={fieldId}
          className={`text-input${error ? ' text-input-invalid' : ''}`}
          placeholder="+44 7700 900123"
          inputMode="tel"
          autoComplete="off"
          value={phone}
          data-autofocus
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => {
            setPhone(e.target.value);
            setError(null);
          }}
        />
        <FieldError id={errorId} message={error} />
      </form>
    </Dialog>
  );
};
