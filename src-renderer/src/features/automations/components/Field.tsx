import { useId, useRef, useState, type ReactNode } from 'react';
import { REPLY_MAX } from '../../../../../src-shared/automations';
import { FieldError } from '../../../ui/FieldError';
import { clampInt, sampleReply } from '../edit';
import { REPLY_VARIABLES } from '../labels';

/** What a control inside a Field spreads onto itself: its id, and what describes it. */
export type FieldControl = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true };

/** Shown once a text reaches this share of its limit: early enough to trim, quiet before. */
const COUNT_FROM = 0.8;

export const nearLimit = (length: number, max: number): boolean => length >= max * COUNT_FROM;

/** "3,412 / 4,096": how much room is left in a long text, once it nears the limit. */
export const CharCount = ({ id, length, max }: { id: string; length: number; max: number }) =>
  nearLimit(length, max) ? (
    <p id={id} className={`auto-char-count${length >= max ? ' auto-char-count-full' : ''}`}>
      {length >= max
        ? `${max.toLocaleString()} / ${max.toLocaleString()} characters: this is the limit.`
        : `${length.toLocaleString()} / ${max.toLocaleString()} characters`}
    </p>
  ) : null;

/**
 * A labelled form control: the label names it for screen readers and tests alike. Its error (a
 * sentence, under it) replaces the hint while there is one; `count` shows a character counter as
 * a long text nears its limit.
 */
export const Field = ({
  label,
  hint,
  error,
  count,
  className,
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  count?: { length: number; max: number };
  className?: string;
  children: (control: FieldControl) => ReactNode;
}) => {
  const id = useId();
  const counting = count !== undefined && nearLimit(count.length, count.max);
  const described = [
    hint && !error ? `${id}-hint` : null,
    error ? `${id}-error` : null,
    counting ? `${id}-count` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`auto-field${className ? ` ${className}` : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
      })}
      {hint && !error ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error ?? null} />
      {count ? <CharCount id={`${id}-count`} length={count.length} max={count.max} /> : null}
    </div>
  );
};

/**
 * After a refused save, the first field with a sentence under it gets the focus (and so comes
 * into view): the person sees at once what to fix, even far down a long form.
 */
export const focusFirstError = (form: HTMLFormElement): void => {
  requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
};

/** A labelled select whose options are a label map (key → what the user reads). */
export const SelectField = <K extends string>({
  label,
  value,
  labels,
  onChange,
  hint,
}: {
  label: string;
  value: K;
  labels: Record<K, string>;
  onChange: (value: K) => void;
  hint?: ReactNode;
}) => (
  <Field label={label} hint={hint}>
    {(control) => (
      <select {...control} className="text-input" value={value} onChange={(e) => onChange(e.target.value as K)}>
        {(Object.keys(labels) as K[]).map((key) => (
          <option key={key} value={key}>
            {labels[key]}
          </option>
        ))}
      </select>
    )}
  </Field>
);

/**
 * A reply with its {{variables}}: buttons insert one where the cursor is, and a bubble shows the
 * reply as a customer named Ana would read it.
 */
export const ReplyField = ({
  value,
  onChange,
  error,
  placeholder,
  label = 'Reply',
  preview = true,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  placeholder?: string;
  label?: string;
  preview?: boolean;
}) => {
  const ref = useRef<HTMLTextAreaElement>(null);
  const insert = (variable: string) => {
    const node = ref.current;
    const start = node?.selectionStart ?? value.length;
    const end = node?.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + variable + value.slice(end));
    // Put the cursor after what was inserted, as typing it would have.
    requestAnimationFrame(() => {
      node?.focus();
      node?.setSelectionRange(start + variable.length, start + variable.length);
    });
  };
  const shown = value.trim() ? sampleReply(value) : '';
  return (
    <div className="auto-reply-field">
      <Field label={label} error={error ?? null} count={{ length: value.length, max: REPLY_MAX }}>
        {(control) => (
          <textarea
            {...control}
            ref={ref}
            className={`text-input text-area${error ? ' text-input-invalid' : ''}`}
            value={value}
            maxLength={REPLY_MAX}
            placeholder={placeholder}
            onChange={(e) => onChange(e.target.value)}
          />
        )}
      </Field>
      <div className="auto-vars" role="group" aria-label="Insert a variable">
        <span className="auto-vars-label">Insert</span>
        {REPLY_VARIABLES.map((variable) => (
          <button
            key={variable}
            type="button"
            className="auto-var"
            title={`Insert {{${variable}}}`}
            onClick={() => insert(`{{${variable}}}`)}
          >
            {`{{${variable}}}`}
          </button>
        ))}
      </div>
      {preview && shown && shown !== value ? (
        <div className="auto-reply-preview">
          <span className="auto-reply-preview-label">Preview</span>
          <div className="auto-bubble auto-bubble-bot">{shown}</div>
        </div>
      ) : null}
    </div>
  );
};

/**
 * A whole-number input that lets people type freely ("-", "", "1…") and passes on each valid
 * number; on leaving it shows the number kept, within the limits.
 */
export const NumberInput = ({
  control,
  value,
  min,
  max,
  onChange,
  className = 'text-input',
}: {
  control: FieldControl;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  className?: string;
}) => {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  // A new value from outside (a reset, a save) replaces what is typed.
  if (shown !== value) {
    setShown(value);
    setText(String(value));
  }
  return (
    <input
      {...control}
      type="number"
      inputMode="numeric"
      className={className}
      min={min}
      max={max}
      step={1}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max) {
          setShown(n);
          onChange(n);
        }
      }}
      onBlur={() => setText(String(clampInt(text, min, max, value)))}
    />
  );
};

/** A form's last lines: the engine's refusal (when it names no field), Cancel and Save. */
export const FormFooter = ({
  error,
  saveLabel,
  busy,
  disabled = false,
  onCancel,
  className = '',
}: {
  error: string | null;
  saveLabel: string;
  busy: boolean;
  disabled?: boolean;
  onCancel: () => void;
  className?: string;
}) => (
  <>
    {error ? (
      <p className={`field-error${className ? ` ${className}-error` : ''}`} role="alert">
        {error}
      </p>
    ) : null}
    <div className={`auto-form-actions${className ? ` ${className}-actions` : ''}`}>
      <button type="button" className="button button-ghost" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button button-primary" disabled={busy || disabled} aria-busy={busy}>
        {saveLabel}
      </button>
    </div>
  </>
);
