import { useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { Dialog } from '../../../ui/Dialog';
import { contactActions } from '../actions';
import { EMPTY_SELECTION, isSelected, selectedCount } from '../selection';
import { useContactsStore } from '../store';

type Open = 'none' | 'tag' | 'untag' | 'delete';

const people = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'contact' : 'contacts'}`;

/** What to do with the ticked contacts (or every contact matching the filter). */
export const BulkBar = () => {
  const { selection, total, contacts, tags, select } = useContactsStore(
    useShallow((s) => ({
      selection: s.selection,
      total: s.total,
      contacts: s.contacts,
      tags: s.tags,
      select: s.select,
    })),
  );
  const [open, setOpen] = useState<Open>('none');
  const count = selectedCount(selection, total);
  if (count === 0) return null;
  const allLoaded = contacts.every((c) => isSelected(selection, c.id));
  return (
    <div className="contacts-bulk" role="toolbar" aria-label="Selected contacts">
      <span className="contacts-bulk-count" data-testid="selected-count">
        {selection.mode === 'all' ? `All ${people(count)} matching selected` : `${people(count)} selected`}
      </span>
      {selection.mode === 'ids' && allLoaded && total > count ? (
        <button type="button" className="button button-ghost" onClick={() => select({ mode: 'all' })}>
          Select all {total.toLocaleString()} matching
        </button>
      ) : null}
      <span className="contacts-bulk-spacer" />
      <button type="button" className="button button-secondary" onClick={() => setOpen('tag')}>
        Add tag
      </button>
      <button type="button" className="button button-secondary" onClick={() => setOpen('untag')}>
        Remove tag
      </button>
      <button type="button" className="button button-secondary" onClick={() => void contactActions.exportCsv()}>
        Export selected
      </button>
      <button type="button" className="button button-danger" onClick={() => setOpen('delete')}>
        Delete
      </button>
      <button type="button" className="button button-ghost" onClick={() => select(EMPTY_SELECTION)}>
        Clear selection
      </button>
      {open === 'tag' || open === 'untag' ? (
        <TagDialog action={open} count={count} suggestions={tags.map((t) => t.tag)} onClose={() => setOpen('none')} />
      ) : null}
      {open === 'delete' ? (
        <ConfirmDialog
          title={`Delete ${people(count)}?`}
          confirmLabel={`Delete ${people(count)}`}
          danger
          onCancel={() => setOpen('none')}
          onConfirm={async () => {
            await contactActions.bulk('delete');
            setOpen('none');
          }}
        >
          Their names, tags, fields and notes are removed. Chats with them stay in Chats; someone who writes again is
          added back as a new contact.
        </ConfirmDialog>
      ) : null}
    </div>
  );
};

const TagDialog = ({
  action,
  count,
  suggestions,
  onClose,
}: {
  action: 'tag' | 'untag';
  count: number;
  suggestions: string[];
  onClose: () => void;
}) => {
  const [tag, setTag] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const title = action === 'tag' ? `Add a tag to ${people(count)}` : `Remove a tag from ${people(count)}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (tag.trim() === '') {
      setError('Type a tag.');
      return;
    }
    setBusy(true);
    const problem = await contactActions.bulk(action, tag.trim());
    setBusy(false);
    if (problem) setError(problem);
    else onClose();
  };
  return (
    <Dialog title={title} size="sm" onClose={onClose}>
      <form className="contacts-form" aria-label={title} onSubmit={(e) => void submit(e)}>
        <label className="field-label" htmlFor={id}>
          Tag
        </label>
        <input
          id={id}
          className={`text-input${error ? ' text-input-invalid' : ''}`}
          list={`${id}-tags`}
          value={tag}
          maxLength={60}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setTag(e.target.value)}
        />
        <datalist id={`${id}-tags`}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        {error ? (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="contacts-form-footer">
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
            {action === 'tag' ? 'Add tag' : 'Remove tag'}
          </button>
        </div>
      </form>
    </Dialog>
  );
};
