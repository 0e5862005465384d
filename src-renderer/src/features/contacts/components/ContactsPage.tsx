import { useEffect, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useBotList } from '../../bots/hooks/useBots';
import { usePageBot } from '../../bots/hooks/usePageBot';
import { BotSelect } from '../../bots/components/BotSelect';
import { useDebounced } from '../../../lib/useDebounced';
import { ContactsIcon, PlusIcon, SettingsIcon } from '../../../ui/icons';
import { Spinner } from '../../../ui/Spinner';
import type { Contact } from '../../../../../src-shared/contacts';
import { contactActions } from '../actions';
import { useContactsStore } from '../store';
import { BulkBar } from './BulkBar';
import { ContactDialog } from './ContactDialog';
import { ContactList } from './ContactList';
import { ImportDialog } from './ImportDialog';
import { SettingsDialog } from './SettingsDialog';

type Open = { kind: 'none' } | { kind: 'edit'; contact: Contact | null } | { kind: 'import' } | { kind: 'settings' };

/**
 * A bot's contacts: everyone it has chatted with, added by hand or imported, with tags and
 * custom fields that campaigns target; searched, filtered, tagged and exported in bulk.
 */
export const ContactsPage = () => {
  const list = useBotList();
  const { botId, choose, total, count, loading, error, query, tag, optedOut, reload } = useContactsStore(
    useShallow((s) => ({
      botId: s.botId,
      choose: s.choose,
      total: s.total,
      count: s.contacts.length,
      loading: s.loading,
      error: s.error,
      query: s.query,
      tag: s.tag,
      optedOut: s.optedOut,
      reload: s.reload,
    })),
  );
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const close = () => setOpen({ kind: 'none' });

  usePageBot(list, botId, choose, () => {
    const s = useContactsStore.getState();
    return s.contacts.length === 0 && !s.loading;
  });

  if (list.status === 'ready' && list.ids.length === 0) {
    return (
      <section className="coming-soon" aria-labelledby="contacts-title">
        <div className="coming-soon-card">
          <span className="coming-soon-icon" aria-hidden="true">
            <ContactsIcon size={30} />
          </span>
          <h1 id="contacts-title">Contacts</h1>
          <p className="coming-soon-text">
            Add a bot first (<a href="#/bots">Bots</a> › New bot). The people it talks to are listed here.
          </p>
        </div>
      </section>
    );
  }

  const filtered = query.trim() !== '' || tag !== null || optedOut !== 'any';
  const empty = !loading && !error && count === 0 && !filtered;

  return (
    <section className="contacts-page" aria-labelledby="contacts-title">
      <header className="contacts-header">
        <div>
          <h1 id="contacts-title">Contacts</h1>
          <p className="pane-subtitle" data-testid="contacts-total">
            {botId && !empty
              ? `${total.toLocaleString()} ${total === 1 ? 'contact' : 'contacts'}`
              : 'People your bot knows'}
          </p>
        </div>
        <div className="contacts-header-tools">
          <BotSelect botId={botId} ids={list.ids} onChoose={choose} className="contacts-bot-picker" />
          <button
            type="button"
            className="icon-button"
            aria-label="Contact settings"
            title="Contact settings"
            disabled={!botId}
            onClick={() => setOpen({ kind: 'settings' })}
          >
            <SettingsIcon />
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={!botId}
            onClick={() => void contactActions.exportCsv()}
          >
            Export
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={!botId}
            onClick={() => setOpen({ kind: 'import' })}
          >
            Import CSV
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={!botId}
            onClick={() => setOpen({ kind: 'edit', contact: null })}
          >
            <PlusIcon size={18} /> Add contact
          </button>
        </div>
      </header>
      {empty ? (
        <EmptyState
          onImport={() => setOpen({ kind: 'import' })}
          onAdd={() => setOpen({ kind: 'edit', contact: null })}
        />
      ) : (
        <>
          <Filters />
          <BulkBar />
          <div className="contacts-body">
            {error && count === 0 ? (
              <div className="contacts-failed" role="alert">
                <p>{error}</p>
                <button type="button" className="button button-secondary" onClick={() => void reload()}>
                  Try again
                </button>
              </div>
            ) : loading && count === 0 ? (
              <div className="contacts-loading">
                <Spinner label="Loading contacts" />
              </div>
            ) : count === 0 ? (
              <p className="contacts-none">No contacts match. Try another search or filter.</p>
            ) : (
              <ContactList onOpen={(contact) => setOpen({ kind: 'edit', contact })} />
            )}
          </div>
        </>
      )}
      {open.kind === 'edit' && botId ? <ContactDialog contact={open.contact} onClose={close} /> : null}
      {open.kind === 'import' && botId ? <ImportDialog botId={botId} onClose={close} /> : null}
      {open.kind === 'settings' ? <SettingsDialog onClose={close} /> : null}
    </section>
  );
};

const EmptyState = ({ onImport, onAdd }: { onImport: () => void; onAdd: () => void }) => (
  <div className="contacts-empty">
    <span className="coming-soon-icon" aria-hidden="true">
      <ContactsIcon size={30} />
    </span>
    <h2>No contacts yet</h2>
    <p>
      Everyone who messages this bot is added here on their own. You can also add people by hand, or import a CSV file
      from a spreadsheet or another tool: a column of phone numbers is enough.
    </p>
    <div className="contacts-empty-actions">
      <button type="button" className="button button-secondary" onClick={onImport}>
        Import CSV
      </button>
      <button type="button" className="button button-primary" onClick={onAdd}>
        Add contact
      </button>
    </div>
  </div>
);

const OPTED_OUT_LABELS = { any: 'Everyone', subscribed: 'Subscribed', 'opted-out': 'Opted out' } as const;

const Filters = () => {
  const { tags, tag, optedOut, setFilter } = useContactsStore(
    useShallow((s) => ({ tags: s.tags, tag: s.tag, optedOut: s.optedOut, setFilter: s.setFilter })),
  );
  const [text, setText] = useState(() => useContactsStore.getState().query);
  const settled = useDebounced(text, 250);
  const ids = { search: useId(), tag: useId(), opted: useId() };
  useEffect(() => {
    if (settled !== useContactsStore.getState().query) setFilter({ query: settled });
  }, [settled, setFilter]);
  return (
    <div className="contacts-filters" role="search" aria-label="Filter contacts">
      <label className="visually-hidden" htmlFor={ids.search}>
        Search contacts
      </label>
      <input
        id={ids.search}
        type="search"
        className="text-input contacts-search"
        placeholder="Search by name or number"
        value={text}
        maxLength={100}
        onChange={(e) => setText(e.target.value)}
      />
      <label className="visually-hidden" htmlFor={ids.tag}>
        Tag
      </label>
      <select
        id={ids.tag}
        className="text-input contacts-select"
        value={tag ?? ''}
        onChange={(e) => setFilter({ tag: e.target.value === '' ? null : e.target.value })}
      >
        <option value="">All tags</option>
        {tags.map((t) => (
          <option key={t.tag} value={t.tag}>
            {t.tag} ({t.count})
          </option>
        ))}
      </select>
      <label className="visually-hidden" htmlFor={ids.opted}>
        Subscription
      </label>
      <select
        id={ids.opted}
        className="text-input contacts-select"
        value={optedOut}
        onChange={(e) => setFilter({ optedOut: e.target.value as keyof typeof OPTED_OUT_LABELS })}
      >
        {(Object.keys(OPTED_OUT_LABELS) as (keyof typeof OPTED_OUT_LABELS)[]).map((key) => (
          <option key={key} value={key}>
            {OPTED_OUT_LABELS[key]}
          </option>
        ))}
      </select>
    </div>
  );
};
