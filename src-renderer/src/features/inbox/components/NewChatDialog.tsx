import { useId, useState, type FormEvent } from 'react';
import { Dialog } from '../../../ui/Dialog';
import { FieldError } from '../../../ui/FieldError';
import { useBot } from '../../bots/hooks/useBots';
import { inboxActions } from '../actions';
import { useInboxStore } from '../store';

type NewChatDialogProps = {
  /** The bot that writes; null ("All bots" is shown): the person picks one of `botIds`. */
  botId: string | null;
  botIds: string[];
  onClose: () => void;
};

/** Start a chat with a number nobody has written from yet; the engine says what is wrong with a bad one. */
export const NewChatDialog = ({ botId: given, botIds, onClose }: NewChatDialogProps) => {
  // With all bots shown, the open chat's bot is the likeliest one to write from.
  const openBotId = useInboxStore((s) => (s.openChatId === null ? null : (s.chatsById[s.openChatId]?.botId ?? null)));
  const [picked, setPicked] = useState(() => given ?? openBotId ?? botIds[0] ?? '');
  const botId = given ?? picked;
  const askBot = given === null && botIds.length > 1;
  const botFieldId = useId();
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
        {askBot ? (
          <>
            <label className="field-label" htmlFor={botFieldId}>
              From bot
            </label>
            <select
              id={botFieldId}
              className="text-input new-chat-bot"
              value={botId}
              onChange={(e) => {
                setPicked(e.target.value);
                setError(null);
              }}
            >
              {botIds.map((id) => (
                <BotOption key={id} botId={id} />
              ))}
            </select>
          </>
        ) : null}
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

const BotOption = ({ botId }: { botId: string }) => {
  const bot = useBot(botId);
  return <option value={botId}>{bot?.name ?? botId}</option>;
};
