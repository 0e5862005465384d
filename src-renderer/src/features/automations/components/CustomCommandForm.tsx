import { useId, useRef, useState, type FormEvent } from 'react';
import type { BuiltInCommand, CustomCommand } from '../../../../../src-shared/automations';
import { getClient } from '../../../contract';
import { clearField, errorMessage, fieldError, NO_ERRORS, type FormErrors } from '../../../lib/errors';
import { uploadFile } from '../../../lib/upload';
import { CloseIcon } from '../../../ui/icons';
import { Switch } from '../../../ui/Switch';
import { FieldError } from '../../../ui/FieldError';
import { editorErrors } from '../edit';
import { PERMISSION_LABEL, SCOPE_LABEL } from '../labels';
import { useAutomationsStore, type SaveResult } from '../store';
import { focusFirstError, Field, FormFooter, ReplyField, SelectField } from './Field';

/** What people paste: ".Hours" or "!hours " is the trigger word "hours". */
const cleanName = (name: string) =>
  name
    .trim()
    .replace(/^[^\p{L}\p{N}_-]+/u, '')
    .toLowerCase();

/** The fields this form shows, by the engine's names for them. */
const KNOWN = ['name', 'summary', 'reply', 'image', 'permission', 'scope', 'enabled'];

/**
 * Creates or edits one custom command. The engine checks it on save; its refusal shows under the
 * field it is about, and what was typed stays.
 */
export const CustomCommandForm = ({
  initial,
  index,
  prefix,
  builtIns,
  otherNames,
  onSave,
  onCancel,
}: {
  initial: CustomCommand;
  /** Where the command sits in the list the engine checks, to place `commands.3.name` under its field. */
  index: number;
  prefix: string;
  /** To warn when the word is taken: a built-in that is on answers first. */
  builtIns: readonly BuiltInCommand[];
  otherNames: readonly string[];
  onSave: (command: CustomCommand) => Promise<SaveResult>;
  onCancel: () => void;
}) => {
  const botId = useAutomationsStore((s) => s.botId);
  const [command, setCommand] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [imageError, setImageError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const enabledId = useId();
  // Editing a field answers its refusal; the others stay until the next save.
  const set = (patch: Partial<CustomCommand>) => {
    setCommand((c) => ({ ...c, ...patch }));
    setErrors((e) => Object.keys(patch).reduce(clearField, e));
  };
  const isNew = initial.name === '';
  const name = cleanName(command.name);
  const shadowedBy = builtIns.find((b) => b.enabled && (b.name === name || b.aliases.includes(name)));
  const nameWarning = shadowedBy
    ? `${prefix}${name} is a built-in command: it answers instead of this one while it is on.`
    : otherNames.includes(name)
      ? `Another custom command already uses ${prefix}${name}.`
      : null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    const result = await onSave({ ...command, name: cleanName(command.name) });
    setBusy(false);
    setErrors(result.ok ? NO_ERRORS : editorErrors(result.error, `commands.${index}`, KNOWN));
    if (!result.ok) focusFirstError(form);
  };

  const attach = async (file: File | undefined) => {
    if (!file || !botId) return;
    setUploading(true);
    try {
      const image = await getClient().call('automations:upload-image', {
        botId,
        name: file.name,
        uploadId: await uploadFile(file, 'file'),
      });
      set({ image });
      setImageError(null);
    } catch (failure) {
      setImageError(errorMessage(failure));
    } finally {
      setUploading(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  return (
    <form
      className="auto-form"
      onSubmit={(e) => void submit(e)}
      aria-label="Custom command"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h4 className="auto-form-title">{isNew ? 'New command' : `Edit ${prefix}${initial.name}`}</h4>
      <div className="auto-form-grid">
        <Field
          label="Trigger word"
          hint={
            nameWarning ? <span className="auto-warn">{nameWarning}</span> : `Customers type ${prefix}${name || 'word'}`
          }
          error={fieldError(errors, 'name')}
        >
          {(control) => (
            <div className="auto-prefixed">
              <span className="auto-prefixed-sign" aria-hidden="true">
                {prefix}
              </span>
              <input
                {...control}
                className="text-input"
                value={command.name}
                maxLength={33}
                placeholder="hours"
                autoFocus={isNew}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => set({ name: e.target.value })}
              />
            </div>
          )}
        </Field>
        <Field
          label="Menu description"
          hint={`One line for ${prefix}menu (optional)`}
          error={fieldError(errors, 'summary')}
        >
          {(control) => (
            <input
              {...control}
              className="text-input"
              value={command.summary}
              maxLength={120}
              placeholder="Our opening hours"
              onChange={(e) => set({ summary: e.target.value })}
            />
          )}
        </Field>
      </div>
      <ReplyField
        value={command.reply}
        onChange={(reply) => set({ reply })}
        error={fieldError(errors, 'reply')}
        placeholder="Hi {{name}}! We are open 9:00–18:00, Monday to Friday."
      />
      <div className="auto-form-grid">
        <SelectField
          label="Who may use it"
          value={command.permission}
          labels={PERMISSION_LABEL}
          onChange={(permission) => set({ permission })}
        />
        <SelectField label="Where" value={command.scope} labels={SCOPE_LABEL} onChange={(scope) => set({ scope })} />
      </div>
      <div className="auto-form-row auto-form-row-between">
        <div className="auto-picture">
          <input
            ref={fileRef}
            id={`${enabledId}-file`}
            type="file"
            className="visually-hidden"
            accept="image/jpeg,image/png,image/webp"
            onChange={(e) => void attach(e.target.files?.[0])}
          />
          {command.image ? (
            <span className="auto-chip">
              🖼 {command.image.name}
              <button
                type="button"
                className="auto-chip-remove"
                aria-label="Remove the picture"
                onClick={() => set({ image: null })}
              >
                <CloseIcon size={14} />
              </button>
            </span>
          ) : null}
          <button
            type="button"
            className="button button-secondary auto-small-button"
            disabled={uploading}
            aria-busy={uploading}
            onClick={() => fileRef.current?.click()}
          >
            {uploading ? 'Adding…' : command.image ? 'Change picture' : 'Add a picture'}
          </button>
          <span className="field-hint auto-inline-hint">Sent with the reply as its caption (optional)</span>
          <FieldError id={`${enabledId}-file-error`} message={imageError ?? fieldError(errors, 'image')} />
        </div>
        <span className="auto-switch-label">
          <span id={enabledId}>On</span>
          <Switch checked={command.enabled} labelledBy={enabledId} onChange={(enabled) => set({ enabled })} />
        </span>
      </div>
      <FormFooter
        error={errors.general}
        saveLabel="Save command"
        busy={busy}
        disabled={uploading}
        onCancel={onCancel}
      />
    </form>
  );
};
