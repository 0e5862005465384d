import { useId, useState, type FormEvent } from 'react';
import { CloseIcon, PlusIcon } from '../../../ui/icons';

/**
 * A short list edited one item at a time (prefixes, owner numbers, premium members): each change
 * is saved at once; a refusal shows under the list and what was typed stays.
 */
export const ChipList = ({
  items,
  inputLabel,
  addLabel,
  placeholder,
  show = (item) => item,
  min = 0,
  minReason,
  onAdd,
  onRemove,
  narrow = false,
}: {
  items: readonly string[];
  /** Names the text box ("New prefix") and the button ("Add prefix"). */
  inputLabel: string;
  addLabel: string;
  placeholder: string;
  show?: (item: string) => string;
  min?: number;
  /** Why the last items cannot be removed. */
  minReason?: string;
  /** Resolves to an error message, or null when added. */
  onAdd: (text: string) => Promise<string | null>;
  onRemove: (item: string) => Promise<string | null>;
  narrow?: boolean;
}) => {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const canRemove = items.length > min;

  const run = async (work: () => Promise<string | null>, clear: boolean) => {
    setBusy(true);
    const problem = await work();
    setBusy(false);
    setError(problem);
    if (!problem && clear) setText('');
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    void run(() => onAdd(text.trim()), true);
  };

  return (
    <div className="auto-chip-list">
      {items.length > 0 ? (
        <ul className="auto-chips">
          {items.map((item) => (
            <li key={item} className="auto-chip">
              <span className={narrow ? 'auto-chip-symbol' : undefined}>{show(item)}</span>
              <button
                type="button"
                className="auto-chip-remove"
                aria-label={`Remove ${show(item)}`}
                title={canRemove ? 'Remove' : minReason}
                disabled={!canRemove || busy}
                onClick={() => void run(() => onRemove(item), false)}
              >
                <CloseIcon size={14} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {/* Not a nested <form>: this sits inside the settings page, so Enter is handled here. */}
      <div className="auto-chip-add">
        <label className="visually-hidden" htmlFor={inputId}>
          {inputLabel}
        </label>
        <input
          id={inputId}
          className={`text-input${narrow ? ' auto-chip-input-narrow' : ''}${error ? ' text-input-invalid' : ''}`}
          value={text}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add(e);
          }}
        />
        <button
          type="button"
          className="button button-secondary auto-small-button"
          disabled={busy || text.trim() === ''}
          aria-label={addLabel}
          onClick={add}
        >
          <PlusIcon size={16} /> Add
        </button>
      </div>
      {error ? (
        <p id={`${inputId}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
};
