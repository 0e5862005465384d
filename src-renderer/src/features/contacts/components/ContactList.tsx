import { Virtuoso } from 'react-virtuoso';
import { useShallow } from 'zustand/react/shallow';
import type { Contact } from '../../../../../src-shared/contacts';
import { Avatar } from '../../../ui/Avatar';
import { ChatIcon } from '../../../ui/icons';
import { Spinner } from '../../../ui/Spinner';
import { toast } from '../../../ui/toast-store';
import { contactActions } from '../actions';
import { isSelected, selectedCount, toggle, toggleLoaded } from '../selection';
import { displayName, useContactsStore } from '../store';

type ListContext = { loadingMore: boolean };

/** Defined once: Virtuoso remounts parts whose component identity changes. */
const Footer = ({ context }: { context?: ListContext }) =>
  context?.loadingMore ? (
    <div className="list-more">
      <Spinner size={20} label="Loading more contacts" />
    </div>
  ) : null;

const COMPONENTS = { Footer };

/** The contacts, virtualized and paged by name as the list scrolls. */
export const ContactList = ({ onOpen }: { onOpen: (contact: Contact) => void }) => {
  const { contacts, loading, selection, total, select, loadMore } = useContactsStore(
    useShallow((s) => ({
      contacts: s.contacts,
      loading: s.loading,
      selection: s.selection,
      total: s.total,
      select: s.select,
      loadMore: s.loadMore,
    })),
  );
  const ids = contacts.map((c) => c.id);
  const count = selectedCount(selection, total);
  const allLoaded = ids.length > 0 && ids.every((id) => isSelected(selection, id));
  return (
    <div className="contacts-list-wrap">
      <div className="contacts-list-head">
        <input
          type="checkbox"
          aria-label="Select all shown"
          checked={allLoaded}
          ref={(node) => {
            if (node) node.indeterminate = count > 0 && !allLoaded;
          }}
          onChange={() => select(toggleLoaded(selection, ids))}
        />
        <span className="contacts-col-name">Name</span>
        <span className="contacts-col-phone">Number</span>
        <span className="contacts-col-tags">Tags</span>
        <span aria-hidden />
      </div>
      <Virtuoso
        className="contacts-list"
        data-testid="contact-list"
        data={contacts}
        context={{ loadingMore: loading && contacts.length > 0 }}
        computeItemKey={(_, contact) => contact.id}
        itemContent={(_, contact) => (
          <ContactRow
            contact={contact}
            selected={isSelected(selection, contact.id)}
            onToggle={() => select(toggle(selection, contact.id, ids))}
            onOpen={() => onOpen(contact)}
          />
        )}
        endReached={() => void loadMore()}
        increaseViewportBy={300}
        components={COMPONENTS}
      />
    </div>
  );
};

const ContactRow = ({
  contact,
  selected,
  onToggle,
  onOpen,
}: {
  contact: Contact;
  selected: boolean;
  onToggle: () => void;
  onOpen: () => void;
}) => {
  const name = displayName(contact);
  const alsoKnownAs = contact.name && contact.pushName && contact.pushName !== contact.name ? contact.pushName : null;
  return (
    <div className={`contacts-row${selected ? ' contacts-row-selected' : ''}`} data-testid="contact-row">
      <input type="checkbox" aria-label={`Select ${name}`} checked={selected} onChange={onToggle} />
      <button type="button" className="contacts-row-open" aria-label={`Edit ${name}`} onClick={onOpen}>
        <Avatar name={name} seed={contact.phone ?? String(contact.id)} size={40} />
        <span className="contacts-col-name">
          <span className="contacts-name">{name}</span>
          {alsoKnownAs ? <span className="contacts-aka">~{alsoKnownAs}</span> : null}
        </span>
      </button>
      <span className="contacts-col-phone">{contact.phone ?? 'Hidden number'}</span>
      <span className="contacts-col-tags">
        {contact.optedOutAt !== null ? (
          <span className="contacts-badge-out" title={contact.optedOutReason ?? undefined}>
            Opted out
          </span>
        ) : null}
        {contact.tags.map((tag) => (
          <span key={tag} className="contacts-tag">
            {tag}
          </span>
        ))}
      </span>
      {contact.phone !== null ? (
        <button
          type="button"
          className="icon-button contacts-row-message"
          aria-label={`Message ${name}`}
          title="Message in Chats"
          onClick={() =>
            void contactActions.message(contact).then((problem) => {
              if (problem) toast.error(problem);
            })
          }
        >
          <ChatIcon size={20} />
        </button>
      ) : (
        <span aria-hidden />
      )}
    </div>
  );
};
