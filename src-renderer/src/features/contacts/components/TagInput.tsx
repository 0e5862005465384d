import { useState, type KeyboardEvent } from 'react';
import { FieldError } from '../../../ui/FieldError';
import { CloseIcon } from '../../../ui/icons';
import { addTags } from '../form';

/**
 * Tags as chips: Enter or a comma turns what was typed into a chip; Backspace on empty removes the
 * last. "vip" next to a chip "VIP" is the same tag, and a suggestion's spelling wins. What is wrong
 * with a tag (too long), or the form's `error` for the tags, shows underneath until it is edited.
 */
export const TagInput = ({
  id,
  tags,
  onChange,
  suggestions = [],
  describedBy,
  error = null,
  onEdit,
}: {
  id: string;
  tags: string[];
  onChange: (tags: string[]) => void;
  suggestions?: string[];
  describedBy?: string;
  error?: string | null;
  onEdit?: () => void;
}) => {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const commit = (value: string) => {
    const added = addTags(tags, value, suggestions);
    setProblem(added.problem);
    if (added.problem !== null) return;
    if (added.tags.length !== tags.length) onChange(added.tags);
    setText('');
  };
  const shown = problem ?? error;
  const errorId = `${id}-error`;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',' || event.key === ';') {
      event.preventDefault();
      commit(text);
    } else if (event.key === 'Backspace' && text === '' && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  };
  return (
    <>
      <div className={`contacts-tag-input${shown ? ' contacts-tag-input-invalid' : ''}`}>
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
          aria-describedby={[describedBy, shown ? errorId : null].filter(Boolean).join(' ') || undefined}
          aria-invalid={shown ? true : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setProblem(null);
            onEdit?.();
          }}
          onKeyDown={onKeyDown}
          // A tag typed but not yet confirmed is kept when the person moves on.
          onBlur={() => commit(text)}
        />
        <datalist id={`${id}-list`}>
          {suggestions
            .filter((s) => !tags.some((t) => t.toLowerCase() === s.toLowerCase()))
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
      </div>
      <FieldError id={errorId} message={shown} />
    </>
  );
};
