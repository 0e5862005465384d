import { useId, useState, type FormEvent } from 'react';
import { BOT_NAME_MAX, type Bot, type BotKind } from '../../../../../src-shared/bots';
import { Dialog } from '../../../ui/Dialog';
import { CheckIcon, PhoneIcon, SparkIcon } from '../../../ui/icons';
import type { Result } from '../actions';
import { FieldError } from '../../../ui/FieldError';

type CreateBotDialogProps = {
  onCreate: (name: string, kind: BotKind) => Promise<Result<Bot>>;
  onCreated: (bot: Bot) => void;
  onClose: () => void;
};

const KINDS: Array<{ kind: BotKind; title: string; text: string; Icon: typeof PhoneIcon }> = [
  { kind: 'whatsapp', title: 'WhatsApp', text: 'Link a real number by QR or pairing code.', Icon: PhoneIcon },
  {
    kind: 'demo',
    title: 'Demo',
    text: 'A simulated WhatsApp network: try everything without a phone.',
    Icon: SparkIcon,
  },
];

export const CreateBotDialog = ({ onCreate, onCreated, onClose }: CreateBotDialogProps) => {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<BotKind>('whatsapp');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const nameId = useId();
  const errorId = useId();
  const formId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(null);
    const result = await onCreate(name, kind);
    setSaving(false);
    if (result.ok) onCreated(result.value);
    else setError(result.message);
  };

  return (
    <Dialog
      title="New bot"
      subtitle="A bot is one WhatsApp number that Wren answers for. You can rename it any time."
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={saving} aria-busy={saving}>
            Create
          </button>
        </>
      }
    >
      <form id={formId} className="create-form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field-label" htmlFor={nameId}>
          Name
        </label>
        <input
          id={nameId}
          className={`text-input${error ? ' text-input-invalid' : ''}`}
          placeholder="e.g. Shop front desk"
          value={name}
          maxLength={BOT_NAME_MAX}
          autoComplete="off"
          data-autofocus
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
        <fieldset className="kind-choice">
          <legend className="field-label">Connects to</legend>
          <div className="kind-options">
            {KINDS.map(({ kind: value, title, text, Icon }) => (
              <label key={value} className={`kind-option${kind === value ? ' kind-option-selected' : ''}`}>
                <input
                  type="radio"
                  name="kind"
                  value={value}
                  checked={kind === value}
                  onChange={() => setKind(value)}
                  // Spread invisibly over the whole card: the card is the radio's hit area.
                  className="kind-option-input"
                />
                <span className="kind-option-icon">
                  <Icon size={22} />
                </span>
                <span className="kind-option-text">
                  <span className="kind-option-title">{title}</span>
                  <span className="kind-option-desc">{text}</span>
                </span>
                <span className="kind-option-check" aria-hidden="true">
                  <CheckIcon size={14} />
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <FieldError id={errorId} message={error} />
      </form>
    </Dialog>
  );
};
