import { useState, type FormEvent } from 'react';
import { PATTERN_MAX, regexProblem, type AutoReplyRule } from '../../../../../src-shared/automations';
import { placeErrors } from '../edit';
import { HOURS_LABEL, MATCH_LABEL, SCOPE_LABEL } from '../labels';
import type { SaveResult } from '../store';
import { Field, FormFooter, NumberInput, ReplyField, SelectField } from './Field';

const MATCH_HINT: Record<AutoReplyRule['match'], string> = {
  contains: 'Answers when the message contains these words anywhere. Case and accents do not matter.',
  exact: 'Answers when the whole message is exactly this. Case and accents do not matter.',
  'starts-with': 'Answers when the message starts with these words. Case and accents do not matter.',
  regex:
    'A regular expression, case-insensitive, e.g. order\\s*#?\\d{4}. Checked in linear time so no message can stall the bot: look-arounds such as (?=…) or (?<=…) and back-references such as \\1 are not available.',
  'first-message': 'Answers the very first message of someone who has never written before.',
  any: 'Answers every message no other automation answered: a catch-all, best with a cooldown.',
};

/**
 * Creates or edits one auto-reply rule. A regular expression is checked as it is typed, the same
 * way the engine checks it; the engine's refusal shows under the field it is about.
 */
export const RuleForm = ({
  initial,
  index,
  onSave,
  onCancel,
}: {
  initial: AutoReplyRule;
  /** Where the rule sits in the saved list, to read the engine's "rules.2.pattern: …". */
  index: number;
  onSave: (rule: AutoReplyRule) => Promise<SaveResult>;
  onCancel: () => void;
}) => {
  const [rule, setRule] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // An edit answers the last refusal; the next save checks again.
  const set = (patch: Partial<AutoReplyRule>) => {
    setRule((r) => ({ ...r, ...patch }));
    setError(null);
  };
  const needsPattern = rule.match !== 'first-message' && rule.match !== 'any';
  // Checked as you type, the same way the engine checks it on save.
  const liveRegexError = rule.match === 'regex' && rule.pattern ? regexProblem(rule.pattern) : null;
  const placed = error ? placeErrors(error, `rules.${index}`) : { fields: {}, other: null };
  const patternError = liveRegexError ?? placed.fields['pattern'] ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await onSave(needsPattern ? rule : { ...rule, pattern: '' });
    setBusy(false);
    setError(result.ok ? null : result.message);
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
        <Field label="Name" hint="For you, in this list (optional)" error={placed.fields['name'] ?? null}>
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
        <SelectField label="Match" value={rule.match} labels={MATCH_LABEL} onChange={(match) => set({ match })} />
      </div>
      {needsPattern ? (
        <Field label="Pattern" hint={MATCH_HINT[rule.match]} error={patternError}>
          {(control) => (
            <input
              {...control}
              className={`text-input${rule.match === 'regex' ? ' auto-mono' : ''}${patternError ? ' text-input-invalid' : ''}`}
              value={rule.pattern}
              maxLength={PATTERN_MAX}
              spellCheck={false}
              autoComplete="off"
              placeholder={rule.match === 'regex' ? 'order\\s*#?\\d{4}' : 'price'}
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
        error={placed.fields['reply'] ?? null}
        placeholder="Hi {{name}}! A coffee is £2.50."
      />
      <div className="auto-form-grid auto-form-grid-4">
        <SelectField label="Where" value={rule.scope} labels={SCOPE_LABEL} onChange={(scope) => set({ scope })} />
        <SelectField label="When" value={rule.hours} labels={HOURS_LABEL} onChange={(hours) => set({ hours })} />
        <Field label="Priority" hint="-100 to 100; higher first" error={placed.fields['priority'] ?? null}>
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
          error={placed.fields['cooldownMinutes'] ?? null}
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
        error={placed.other}
        saveLabel="Save rule"
        busy={busy}
        disabled={liveRegexError !== null}
        onCancel={onCancel}
      />
    </form>
  );
};
