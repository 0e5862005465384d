import { ArrowLeftIcon, SearchIcon } from '../../../ui/chat-icons';
import { CloseIcon } from '../../../ui/icons';

type SearchBoxProps = {
  value: string;
  onChange: (value: string) => void;
  /** Enter: search the messages themselves, not only chat names (null: names only). */
  onSubmit: (() => void) | null;
  /** Shown as a back arrow while results replace the chat list. */
  onBack: (() => void) | null;
  placeholder: string;
};

/** Filters chats by name or number as you type; Enter searches the messages too. */
export const SearchBox = ({ value, onChange, onSubmit, onBack, placeholder }: SearchBoxProps) => (
  <div className="chat-search">
    <div className="chat-search-field">
      {onBack ? (
        <button type="button" className="chat-search-icon chat-search-back" aria-label="Back to chats" onClick={onBack}>
          <ArrowLeftIcon size={18} />
        </button>
      ) : (
        <span className="chat-search-icon" aria-hidden="true">
          <SearchIcon size={18} />
        </span>
      )}
      <input
        type="search"
        className="chat-search-input"
        placeholder={placeholder}
        aria-label="Search chats"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && value.trim()) onSubmit?.();
          if (e.key === 'Escape' && value) {
            e.preventDefault();
            onChange('');
          }
        }}
      />
      {value ? (
        <button type="button" className="chat-search-clear" aria-label="Clear search" onClick={() => onChange('')}>
          <CloseIcon size={16} />
        </button>
      ) : null}
    </div>
  </div>
);
