import { useId, useState, type FormEvent } from 'react';
import { CONTACT_NOTES_MAX, type Contact } from '../../../../../src-shared/contacts';
import { clearField, fieldError, NO_ERRORS, type FormErrors } from '../../../lib/errors';
import { Dialog } from '../../../ui/Dialog';
import { FieldError } from '../../../ui/FieldError';
import { ChatIcon, PlusIcon, TrashIcon } from '../../../ui/icons';
import { contactActions } from '../actions';
import { checkFieldRows, clearRow, counterText, fieldNameOf, rowError, type FieldDraft } from '../form';
import { displayName, useContactsStore } from '../store';
import { TagInput } from './TagInput';

let nextKey = 1;
const rowsOf = (fields: Record<string, string>): FieldDraft[] =>
  Object.entries(fields).map(([name, value]) => ({ key: nextKey++, name, value }));

/**
 * Adds a contact, or edits one (with opting out and back in, and a way to message them). Every
 * refusal shows under the field it concerns, and goes when that field is edited.
 */
export const ContactDialog = ({ contact, onClose }: { contact: Contact | null; onClose: () => void }) => {
  const suggestions = useContactsStore((s) => s.tags).map((t) => t.tag);
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [name, setName] = useState(contact?.name ?? '');
  const [tags, setTags] = useState<string[]>(contact?.tags ?? []);
  const [fields, setFields] = useState<FieldDraft[]>(() => rowsOf(contact?.fields ?? {}));
  const [notes, setNotes] = useState(contact?.notes ?? '');
  const [optedOutAt, setOptedOutAt] = useState(contact?.optedOutAt ?? null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const title = contact ? `Edit ${displayName(contact)}` : 'Add contact';
  const edited = (key: string) => setErrors((e) => clearField({ ...e, general: null }, key));
  const editRow = (row: FieldDraft, patch: Partial<FieldDraft>) => {
    setErrors((e) => clearRow({ ...e, general: null }, row));
    setFields(fields.map((r) => (r.key === row.key ? { ...r, ...patch } : r)));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const named = fields.filter((row) => row.name.trim() !== '' || row.value.trim() !== '');
    const local = checkFieldRows(named);
    if (Object.keys(local.fields).length > 0) {
      setErrors(local);
      return;
    }
    setBusy(true);
    const refused = await contactActions.save(contact?.id, {
      phone,
      name,
      tags,
      fields: Object.fromEntries(named.map((row) => [fieldNameOf(row), row.value])),
      notes,
    });
    setBusy(false);
    if (refused) setErrors(refused);
    else onClose();
  };

  const flipOptOut = async () => {
    if (!contact) return;
    setBusy(true);
    const problem = await contactActions.setOptedOut(contact.id, optedOutAt === null);
    setBusy(false);
    if (problem) setErrors({ fields: {}, general: problem });
    else setOptedOutAt(optedOutAt === null ? Date.now() : null);
  };

  const message = async () => {
    if (!contact) return;
    const problem = await contactActions.message(contact);
    if (problem) setErrors({ ...errors, general: problem });
    else onClose();
  };

  const phoneError = fieldError(errors, 'phone');
  const nameError = fieldError(errors, 'name');
  const tagsError = fieldError(errors, 'tags');
  const fieldsError = errors.fields.fields ?? null;
  const notesError = fieldError(errors, 'notes');
  const notesCounter = counterText(notes.length, CONTACT_NOTES_MAX);

  return (
    <Dialog title={title} size="md" onClose={onClose}>
      <form className="contacts-form" aria-label={title} noValidate onSubmit={(e) => void submit(e)}>
        <div className="contacts-form-grid">
          <div>
            <label className="field-label" htmlFor={`${id}-phone`}>
              Phone number
            </label>
            <input
              id={`${id}-phone`}
              className="text-input"
              type="tel"
              value={phone}
              placeholder="+44 7700 900123"
              maxLength={40}
              data-autofocus
              aria-invalid={phoneError ? true : undefined}
              aria-describedby={phoneError ? `${id}-phone-error` : undefined}
              onChange={(e) => {
                setPhone(e.target.value);
                edited('phone');
              }}
            />
            <FieldError id={`${id}-phone-error`} message={phoneError} />
          </div>
          <div>
            <label className="field-label" htmlFor={`${id}-name`}>
              Name
            </label>
            <input
              id={`${id}-name`}
              className="text-input"
              value={name}
              placeholder={contact?.pushName ?? 'Ana Silva'}
              maxLength={120}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? `${id}-name-error` : undefined}
              onChange={(e) => {
                setName(e.target.value);
                edited('name');
              }}
            />
            <FieldError id={`${id}-name-error`} message={nameError} />
          </div>
        </div>
        {contact?.pushName ? (
          <p className="field-hint">On WhatsApp they call themselves “{contact.pushName}”.</p>
        ) : null}
        <label className="field-label" htmlFor={`${id}-tags`}>
          Tags
        </label>
        <TagInput
          id={`${id}-tags`}
          tags={tags}
          onChange={(next) => {
            setTags(next);
            edited('tags');
          }}
          suggestions={suggestions}
          error={tagsError}
          onEdit={() => edited('tags')}
        />
        <fieldset className="contacts-fields">
          <legend className="field-label">Custom fields</legend>
          {fields.length === 0 ? (
            <p className="field-hint">Fields such as city or last order fill {'{{variables}}'} in campaign messages.</p>
          ) : null}
          {fields.map((row, index) => {
            const problem = rowError(errors, row);
            const errorId = `${id}-field-${row.key}-error`;
            return (
              <div key={row.key} className="contacts-field-row">
                <input
                  className="text-input"
                  aria-label={`Field ${index + 1} name`}
                  placeholder="city"
                  value={row.name}
                  maxLength={40}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? errorId : undefined}
                  onChange={(e) => editRow(row, { name: e.target.value })}
                />
                <input
                  className="text-input"
                  aria-label={`Field ${index + 1} value`}
                  placeholder="Lisbon"
                  value={row.value}
                  maxLength={500}
                  onChange={(e) => editRow(row, { value: e.target.value })}
                />
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove field ${index + 1}`}
                  onClick={() => {
                    setErrors((e) => clearRow(e, row));
                    setFields(fields.filter((r) => r.key !== row.key));
                  }}
                >
                  <TrashIcon size={18} />
                </button>
                <div className="contacts-field-row-error">
                  <FieldError id={errorId} message={problem} />
                </div>
              </div>
            );
          })}
          <FieldError id={`${id}-fields-error`} message={fieldsError} />
          <button
            type="button"
            className="button button-ghost contacts-add-field"
            onClick={() => setFields([...fields, { key: nextKey++, name: '', value: '' }])}
          >
            <PlusIcon size={16} /> Add field
          </button>
          <p className="field-hint">Names may have spaces (“favourite cake” fills {'{{favourite cake}}'}).</p>
        </fieldset>
        <label className="field-label" htmlFor={`${id}-notes`}>
          Notes
        </label>
        <textarea
          id={`${id}-notes`}
          className="text-input contacts-notes"
          rows={3}
          maxLength={CONTACT_NOTES_MAX}
          value={notes}
          aria-invalid={notesError ? true : undefined}
          aria-describedby={`${id}-notes-count${notesError ? ` ${id}-notes-error` : ''}`}
          onChange={(e) => {
            setNotes(e.target.value);
            edited('notes');
          }}
        />
        <div className="contacts-notes-foot">
          <FieldError id={`${id}-notes-error`} message={notesError} />
          <span
            id={`${id}-notes-count`}
            className={`field-hint contacts-counter${notes.length >= CONTACT_NOTES_MAX ? ' contacts-counter-full' : ''}`}
            aria-live="polite"
          >
            {notesCounter}
          </span>
        </div>
        {contact ? (
          <div className="contacts-optout">
            <span>
              {optedOutAt === null
                ? 'Subscribed: campaigns can message them.'
                : `Opted out${contact.optedOutReason && contact.optedOutAt ? ` (${contact.optedOutReason})` : ''}: campaigns skip them.`}
            </span>
            <button type="button" className="button button-secondary" disabled={busy} onClick={() => void flipOptOut()}>
              {optedOutAt === null ? 'Opt out' : 'Opt back in'}
            </button>
          </div>
        ) : null}
        {errors.general ? (
          <p className="field-error contacts-form-error" role="alert">
            {errors.general}
          </p>
        ) : null}
        <div className="contacts-form-footer">
          {contact?.phone ? (
            <button type="button" className="button button-secondary contacts-message" onClick={() => void message()}>
              <ChatIcon size={16} /> Message
            </button>
          ) : null}
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
            {contact ? 'Save' : 'Add contact'}
          </button>
        </div>
      </form>
    </Dialog>
  );
};
