import type { ChatListFilter } from '../../../app/router';

const CHIPS: { filter: ChatListFilter; label: string }[] = [
  { filter: 'all', label: 'All' },
  { filter: 'unread', label: 'Unread' },
  { filter: 'groups', label: 'Groups' },
];

/** WhatsApp Web's chips under the search box: all chats, only unread ones, only groups. */
export const FilterChips = ({ value, onChange }: { value: ChatListFilter; onChange: (f: ChatListFilter) => void }) => (
  <div className="chat-filters" role="group" aria-label="Show">
    {CHIPS.map(({ filter, label }) => (
      <button
        key={filter}
        type="button"
        className={`chat-filter${filter === value ? ' chat-filter-active' : ''}`}
        aria-pressed={filter === value}
        onClick={() => onChange(filter)}
      >
        {label}
      </button>
    ))}
  </div>
);
