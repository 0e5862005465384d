import { useId, useState, type FormEvent } from 'react';
import type { Contact } from '../../../../../src-shared/contacts';
import { Dialog } from '../../../ui/Dialog';
import { PlusIcon, TrashIcon } from '../../../ui/icons';
import { contactActions } from '../actions';
import { displayName, useContactsStore } from '../store';
import { TagInput } from './TagInput';

type FieldRow = { key: number; name: string; value: string };

let nextKey = 1;
const rowsOf = (fields: Record<string, string>): FieldRow[] =>
  Object.entries(fields).map(([name, value]) => ({ key: nextKey++, name, value }));

/** Adds a contact, or edits one (with opting out and back in). The engine's refusal shows in the form. */
export const ContactDialog = ({ contact, onClose }: { contact: Contact | null; onClose: () => void }) => {
  const suggestions = useContactsStore((s) => s.tags).map((t) => t.tag);
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [name, setName] = useState(contact?.name ?? '');
  const [tags, setTags] = useState<string[]>(contact?.tags ?? []);
  const [fields, setFields] = useState<FieldRow[]>(() => rowsOf(contact?.fields ?? {}));
  const [notes, setNotes] = useState(contact?.notes ?? '');
  const [optedOutAt, setOptedOutAt] = useState(contact?.optedOutAt ?? null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const title = contact ? `Edit ${displayName(contact)}` : 'Add contact';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const named = fields.filter((row) => row.name.trim() !== '' || row.value.trim() !== '');
    const missing = named.find((row) => row.name.trim() === '');
    if (missing) {
      setError('Give every custom field a name, or remove the row.');
      return;
    }
    setBusy(true);
    const problem = await contactActions.save(contact?.id, {
      phone,
      name,
      tags,
      fields: Object.fromEntries(named.map((row) => [row.name.trim(), row.value])),
      notes,
    });
    setBusy(false);
    if (problem) setError(problem);
    else onClose();
  };

  const flipOptOut = async () => {
    if (!contact) return;
    setBusy(true);
    const problem = await contactActions.setOptedOut(contact.id, optedOutAt === null);
    setBusy(false);
    if (problem) setError(problem);
    else setOptedOutAt(optedOutAt === null ? Date.now() : null);
  };

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
              onChange={(e) => setPhone(e.target.value)}
            />
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
              onChange={(e) => setName(e.target.value)}
            />
          </div>
        </div>
        {contact?.pushName ? (
          <p className="field-hint">On WhatsApp they call themselves “{contact.pushName}”.</p>
        ) : null}
        <label className="field-label" htmlFor={`${id}-tags`}>
          Tags
        </label>
        <TagInput id={`${id}-tags`} tags={tags} onChange={setTags} suggestions={suggestions} />
        <fieldset className="contacts-fields">
          <legend className="field-label">Custom fields</legend>
          {fields.length === 0 ? (
            <p className="field-hint">Fields such as city or last order fill {'{{variables}}'} in campaign messages.</p>
          ) : null}
          {fields.map((row, index) => (
            <div key={row.key} className="contacts-field-row">
              <input
                className="text-input"
                aria-label={`Field ${index + 1} name`}
                placeholder="city"
                value={row.name}
                maxLength={40}
                onChange={(e) => setFields(fields.map((r) => (r.key === row.key ? { ...r, name: e.target.value } : r)))}
              />
              <input
                className="text-input"
                aria-label={`Field ${index + 1} value`}
                placeholder="Lisbon"
                value={row.value}
                maxLength={500}
                onChange={(e) =>
                  setFields(fields.map((r) => (r.key === row.key ? { ...r, value: e.target.value } : r)))
                }
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove field ${index + 1}`}
                onClick={() => setFields(fields.filter((r) => r.key !== row.key))}
              >
                <TrashIcon size={18} />
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button button-ghost contacts-add-field"
            onClick={() => setFields([...fields, { key: nextKey++, name: '', value: '' }])}
          >
            <PlusIcon size={16} /> Add field
          </button>
        </fieldset>
        <label className="field-label" htmlFor={`${id}-notes`}>
          Notes
        </label>
        <textarea
          id={`${id}-notes`}
          className="text-input contacts-notes"
          rows={3}
          maxLength={2000}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
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
        {error ? (
          <p className="field-error contacts-form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="contacts-form-footer">
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
