import type { Chat, ChatContact } from '../../../../../src-shared/inbox';
import { hrefFor } from '../../../app/router';
import { formatDateTime, formatPhone } from '../../../lib/format';
import { CloseIcon } from '../../../ui/icons';
import { Spinner } from '../../../ui/Spinner';
import { useContactsStore } from '../../contacts/store';
import { useChat } from '../hooks/useChats';
import { useChatContact } from '../hooks/useChatContact';
import { displayTitle } from '../text';
import { ChatAvatar } from './ChatAvatar';

/** The name to show: the one the business gave, else their WhatsApp name, else the chat's title. */
const nameOf = (chat: Chat, contact: ChatContact | null): string =>
  contact?.name ?? contact?.pushName ?? displayTitle(chat);

/** Contacts opens on this bot's list, filtered to this person, where the contact can be edited. */
const openInContacts = (chat: Chat, contact: ChatContact | null) => {
  const contacts = useContactsStore.getState();
  contacts.choose(chat.botId);
  const phone = contact?.phone ?? chat.phone;
  contacts.setFilter({ query: phone ? phone.replace(/^\+/, '') : nameOf(chat, contact), tag: null, optedOut: 'any' });
};

/** Contact info for a one-to-one chat, on the right of the thread as WhatsApp has it. */
export const ContactInfoPanel = ({ chatId, onClose }: { chatId: number; onClose: () => void }) => {
  const chat = useChat(chatId);
  const { status, contact, error } = useChatContact(chatId);
  if (!chat) return null;
  const name = nameOf(chat, contact);
  const phone = contact?.phone ?? chat.phone;
  return (
    <aside className="group-info contact-info" aria-label="Contact info" data-testid="contact-info">
      <header className="group-info-bar">
        <button type="button" className="icon-button" aria-label="Close contact info" onClick={onClose}>
          <CloseIcon size={22} />
        </button>
        <h3>Contact info</h3>
      </header>
      <div className="group-info-body">
        <section className="group-info-card group-info-head">
          <ChatAvatar chat={chat} size={120} />
          <h4 className="info-title" title={name} data-testid="contact-info-name">
            {name}
          </h4>
          <p className="group-info-count" data-testid="contact-info-phone">
            {phone ? formatPhone(phone) : 'Number hidden by WhatsApp'}
          </p>
          {contact?.name && contact.pushName && contact.pushName !== contact.name ? (
            <p className="contact-info-push">~{contact.pushName} on WhatsApp</p>
          ) : null}
        </section>
        {status === 'loading' ? (
          <div className="group-info-loading">
            <Spinner label="Loading contact" />
          </div>
        ) : null}
        {error ? (
          <p className="group-info-card group-info-error" role="alert">
            {error}
          </p>
        ) : null}
        {status === 'ready' && !contact ? (
          <section className="group-info-card">
            <p className="group-info-note">
              This person is not in Contacts yet. They are added when they write to the bot or when you import them.
            </p>
          </section>
        ) : null}
        {contact ? <ContactFacts contact={contact} /> : null}
        <section className="group-info-card">
          <a
            className="link-button"
            href={hrefFor({ section: 'contacts' })}
            onClick={() => openInContacts(chat, contact)}
          >
            Edit in Contacts
          </a>
        </section>
      </div>
    </aside>
  );
};

/** "today at 14:03", "on 3 Nov 2025 at 09:12": the end of "Opted out …". */
const optedOutWhen = (at: number): string => {
  const when = formatDateTime(at);
  return when.startsWith('Today') ? when.replace(/^Today/, 'today') : `on ${when}`;
};

const ContactFacts = ({ contact }: { contact: ChatContact }) => (
  <>
    <section className="group-info-card" data-testid="contact-info-optout">
      <div className="group-info-label">Messages from campaigns</div>
      {contact.optedOutAt === null ? (
        <p className="group-info-note">Subscribed: campaigns can reach this person.</p>
      ) : (
        <p className="group-info-note contact-info-optedout">
          Opted out {optedOutWhen(contact.optedOutAt)}
          {contact.optedOutReason ? ` (${contact.optedOutReason})` : ''}: campaigns skip this person.
        </p>
      )}
    </section>
    <section className="group-info-card">
      <div className="group-info-label">Tags</div>
      {contact.tags.length > 0 ? (
        <ul className="contact-info-tags" aria-label="Tags">
          {contact.tags.map((tag) => (
            <li key={tag} className="contact-info-tag" title={tag}>
              {tag}
            </li>
          ))}
        </ul>
      ) : (
        <p className="group-info-note">No tags.</p>
      )}
    </section>
    <section className="group-info-card">
      <div className="group-info-label">Notes</div>
      <p className="group-info-desc" data-testid="contact-info-notes">
        {contact.notes || 'No notes.'}
      </p>
    </section>
  </>
);
