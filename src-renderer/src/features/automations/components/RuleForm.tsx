import { useState, type FormEvent } from 'react';
import {
  PATTERN_MAX,
  regexProblem,
  ruleWords,
  splitPhrases,
  WORD_MATCHES,
  type AutoReplyRule,
} from '../../../../../src-shared/automations';
import { clearField, fieldError, NO_ERRORS, type FormErrors } from '../../../lib/errors';
import { editorErrors } from '../edit';
import { HOURS_LABEL, MATCH_LABEL, SCOPE_LABEL } from '../labels';
import type { SaveResult } from '../store';
import { focusFirstError, Field, FormFooter, NumberInput, ReplyField, SelectField } from './Field';

const WORDS_NOTE = 'Separate several with commas: any one of them answers. Case and accents do not matter.';

const MATCH_HINT: Record<AutoReplyRule['match'], string> = {
  contains: `Answers when the message has one of these words or phrases, as whole words, anywhere. ${WORDS_NOTE}`,
  exact: `Answers when the whole message is one of these. ${WORDS_NOTE}`,
  'starts-with': `Answers when the message starts with one of these words or phrases. ${WORDS_NOTE}`,
  regex:
    'A regular expression, case-insensitive, e.g. order\\s*#?\\d{4}. Checked in linear time so no message can stall the bot: look-arounds such as (?=…) or (?<=…) and back-references such as \\1 are not available.',
  'first-message': 'Answers the very first message of someone who has never written before.',
  any: 'Answers every message no other automation answered: a catch-all, best with a cooldown.',
};

/** The fields this form shows, by the engine's names for them. */
const KNOWN = ['name', 'pattern', 'words', 'reply', 'priority', 'cooldownMinutes', 'match', 'scope', 'hours'];

/**
 * Creates or edits one auto-reply rule. Words and phrases are typed as a comma-separated list (as
 * a menu's trigger words are) and saved as a list; a regular expression is checked as it is
 * typed, the same way the engine checks it. The engine's refusal shows under the field it is
 * about, and goes once that field is edited.
 */
export const RuleForm = ({
  initial,
  index,
  onSave,
  onCancel,
}: {
  initial: AutoReplyRule;
  /** Where the rule sits in the saved list, to place the engine's `rules.2.pattern` under Pattern. */
  index: number;
  onSave: (rule: AutoReplyRule) => Promise<SaveResult>;
  onCancel: () => void;
}) => {
  const [rule, setRule] = useState(initial);
  // A rule saved before rules had lists shows its one phrase (or comma list) here.
  const [wordsText, setWordsText] = useState(() => ruleWords(initial).join(', '));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<AutoReplyRule>) => {
    setRule((r) => ({ ...r, ...patch }));
    setErrors((e) => Object.keys(patch).reduce(clearField, e));
  };
  const byWords = WORD_MATCHES.includes(rule.match);
  const words = splitPhrases(wordsText);
  // Checked as you type, the same way the engine checks it on save.
  const liveRegexError = rule.match === 'regex' && rule.pattern ? regexProblem(rule.pattern) : null;
  const patternError = liveRegexError ?? fieldError(errors, 'pattern');
  const wordsError = fieldError(errors, 'words');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    const saved = byWords
      ? { ...rule, words, pattern: '' }
      : { ...rule, words: [], pattern: rule.match === 'regex' ? rule.pattern : '' };
    const result = await onSave(saved);
    setBusy(false);
    setErrors(result.ok ? NO_ERRORS : editorErrors(result.error, `rules.${index}`, KNOWN));
    if (!result.ok) focusFirstError(form);
  };

  return (
    <form
      className="auto-form"
      onSubmit={(e) => void submit(e)}
      aria-label="Auto-reply rule"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h4 className="auto-form-title">{initial.reply === '' ? 'New auto-reply' : `Edit ${initial.name || 'rule'}`}</h4>
      <div className="auto-form-grid">
        <Field label="Name" hint="For you, in this list (optional)" error={fieldError(errors, 'name')}>
          {(control) => (
            <input
              {...control}
              className="text-input"
              value={rule.name}
              maxLength={60}
              placeholder="Prices"
              autoFocus={initial.reply === ''}
              onChange={(e) => set({ name: e.target.value })}
            />
          )}
        </Field>
        <SelectField
          label="Match"
          value={rule.match}
          labels={MATCH_LABEL}
          onChange={(match) => {
            set({ match });
            setErrors((e) => clearField(clearField(e, 'words'), 'pattern'));
          }}
        />
      </div>
      {byWords ? (
        <Field label="Words or phrases" hint={MATCH_HINT[rule.match]} error={wordsError}>
          {(control) => (
            <input
              {...control}
              className={`text-input${wordsError ? ' text-input-invalid' : ''}`}
              value={wordsText}
              spellCheck={false}
              autoComplete="off"
              placeholder="price, how much, cost"
              onChange={(e) => {
                setWordsText(e.target.value);
                setErrors((x) => clearField(x, 'words'));
              }}
            />
          )}
        </Field>
      ) : rule.match === 'regex' ? (
        <Field label="Pattern" hint={MATCH_HINT[rule.match]} error={patternError}>
          {(control) => (
            <input
              {...control}
              className={`text-input auto-mono${patternError ? ' text-input-invalid' : ''}`}
              value={rule.pattern}
              maxLength={PATTERN_MAX}
              spellCheck={false}
              autoComplete="off"
              placeholder="order\s*#?\d{4}"
              onChange={(e) => set({ pattern: e.target.value })}
            />
          )}
        </Field>
      ) : (
        <p className="auto-note">{MATCH_HINT[rule.match]}</p>
      )}
      <ReplyField
        value={rule.reply}
        onChange={(reply) => set({ reply })}
        error={fieldError(errors, 'reply')}
        placeholder="Hi {{name}}! A coffee is £2.50."
      />
      <div className="auto-form-grid auto-form-grid-4">
        <SelectField label="Where" value={rule.scope} labels={SCOPE_LABEL} onChange={(scope) => set({ scope })} />
        <SelectField label="When" value={rule.hours} labels={HOURS_LABEL} onChange={(hours) => set({ hours })} />
        <Field label="Priority" hint="-100 to 100; higher first" error={fieldError(errors, 'priority')}>
          {(control) => (
            <NumberInput
              control={control}
              min={-100}
              max={100}
              value={rule.priority}
              onChange={(priority) => set({ priority })}
            />
          )}
        </Field>
        <Field
          label="Cooldown (minutes)"
          hint="Per contact; 0: every time"
          error={fieldError(errors, 'cooldownMinutes')}
        >
          {(control) => (
            <NumberInput
              control={control}
              min={0}
              max={10080}
              value={rule.cooldownMinutes}
              onChange={(cooldownMinutes) => set({ cooldownMinutes })}
            />
          )}
        </Field>
      </div>
      <FormFooter
        error={errors.general}
        saveLabel="Save rule"
        busy={busy}
        disabled={liveRegexError !== null}
        onCancel={onCancel}
      />
    </form>
  );
};
