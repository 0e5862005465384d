import { useId } from 'react';
import { REPLY_MAX } from '../../../../../src-shared/automations';
import { Switch } from '../../../ui/Switch';
import { splitWords, unkeptPromise } from '../edit';
import type { Draft, DraftSet, FieldError } from '../settings-draft';
import { Field, NumberInput } from './Field';

/** The menu timeout, and the words that stop and restart campaign messages with their confirmations. */
export const ConversationCard = ({
  draft,
  set,
  fieldError,
}: {
  draft: Draft;
  set: DraftSet;
  fieldError: FieldError;
}) => {
  const ids = { title: useId(), optOut: useId() };
  const optOut = draft.optOut;
  const promise = optOut.enabled ? unkeptPromise(optOut.confirmation, splitWords(draft.optInWords)) : null;
  return (
    <section className="card auto-settings-card" aria-labelledby={ids.title}>
      <header className="card-header">
        <h3 id={ids.title}>Menus, opt-out and opt-in</h3>
        <p>How long a menu waits for an answer, and how customers stop your campaign messages and start them again.</p>
      </header>
      <div className="auto-form auto-form-flat">
        <Field
          label="Menu timeout (minutes)"
          hint="A menu left unanswered this long closes."
          error={fieldError('flowTimeoutMinutes')}
        >
          {(control) => (
            <NumberInput
              control={control}
              className="text-input auto-narrow"
              min={1}
              max={1440}
              value={draft.flowTimeoutMinutes}
              onChange={(flowTimeoutMinutes) => set((d) => ({ ...d, flowTimeoutMinutes }))}
            />
          )}
        </Field>
        <div className="auto-setting-switch">
          <span id={ids.optOut}>
            <strong>Opt-out words</strong>
            <span className="field-hint">
              A customer who sends one of these words as the whole message gets no more campaign messages.
            </span>
          </span>
          <Switch
            checked={optOut.enabled}
            labelledBy={ids.optOut}
            onChange={(enabled) => set((d) => ({ ...d, optOut: { ...d.optOut, enabled } }))}
          />
        </div>
        <Field label="Words" hint="Separated by commas; any case and accents" error={fieldError('optOut.words')}>
          {(control) => (
            <input
              {...control}
              className="text-input"
              value={draft.words}
              disabled={!optOut.enabled}
              onChange={(e) => set((d) => ({ ...d, words: e.target.value }))}
            />
          )}
        </Field>
        <Field
          label="Confirmation"
          hint={
            promise ? (
              <span className="auto-warn">
                This tells customers to reply “{promise}”, but {promise} is not one of the opt-in words below: add it
                there, or change the confirmation.
              </span>
            ) : (
              'What the bot answers when someone opts out.'
            )
          }
          error={fieldError('optOut.confirmation')}
          count={{ length: optOut.confirmation.length, max: REPLY_MAX }}
        >
          {(control) => (
            <textarea
              {...control}
              className="text-input text-area"
              value={optOut.confirmation}
              maxLength={REPLY_MAX}
              disabled={!optOut.enabled}
              onChange={(e) => set((d) => ({ ...d, optOut: { ...d.optOut, confirmation: e.target.value } }))}
            />
          )}
        </Field>
        <Field
          label="Opt-in words"
          hint="A customer who opted out and sends one of these as the whole message gets campaign messages again."
          error={fieldError('optOut.optInWords')}
        >
          {(control) => (
            <input
              {...control}
              className="text-input"
              value={draft.optInWords}
              disabled={!optOut.enabled}
              onChange={(e) => set((d) => ({ ...d, optInWords: e.target.value }))}
            />
          )}
        </Field>
        <Field
          label="Opt-in confirmation"
          hint="What the bot answers when someone opts back in."
          error={fieldError('optOut.optInConfirmation')}
          count={{ length: optOut.optInConfirmation.length, max: REPLY_MAX }}
        >
          {(control) => (
            <textarea
              {...control}
              className="text-input text-area"
              value={optOut.optInConfirmation}
              maxLength={REPLY_MAX}
              disabled={!optOut.enabled}
              onChange={(e) => set((d) => ({ ...d, optOut: { ...d.optOut, optInConfirmation: e.target.value } }))}
            />
          )}
        </Field>
      </div>
    </section>
  );
};
