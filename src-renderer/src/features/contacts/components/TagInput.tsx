import { useState, type KeyboardEvent } from 'react';
import { CloseIcon } from '../../../ui/icons';
import { splitTags } from '../mapping';

/** Tags as chips: Enter or a comma turns what was typed into a chip; Backspace on empty removes the last. */
export const TagInput = ({
  id,
  tags,
  onChange,
  suggestions = [],
  describedBy,
}: {
  id: string;
  tags: string[];
  onChange: (tags: string[]) => void;
  suggestions?: string[];
  describedBy?: string;
}) => {
  const [text, setText] = useState('');
  const commit = (value: string) => {
    const added = splitTags(value).filter((tag) => !tags.includes(tag));
    if (added.length > 0) onChange([...tags, ...added]);
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',' || event.key === ';') {
      event.preventDefault();
      commit(text);
    } else if (event.key === 'Backspace' && text === '' && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  };
  return (
    <div className="contacts-tag-input">
      {tags.map((tag) => (
        <span key={tag} className="contacts-tag">
          {tag}
          <button
            type="button"
            className="contacts-tag-remove"
            aria-label={`Remove tag ${tag}`}
            onClick={() => onChange(tags.filter((t) => t !== tag))}
          >
            <CloseIcon size={12} />
          </button>
        </span>
      ))}
      <input
        id={id}
        className="contacts-tag-text"
        value={text}
        list={`${id}-list`}
        placeholder={tags.length === 0 ? 'Type a tag, then Enter' : ''}
        aria-describedby={describedBy}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        // A tag typed but not yet confirmed is kept when the person moves on.
        onBlur={() => commit(text)}
      />
      <datalist id={`${id}-list`}>
        {suggestions
          .filter((s) => !tags.includes(s))
          .map((s) => (
            <option key={s} value={s} />
          ))}
      </datalist>
    </div>
  );
};
