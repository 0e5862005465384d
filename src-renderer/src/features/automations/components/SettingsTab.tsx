import { useId, useState, type FormEvent } from 'react';
import { REPLY_MAX, WEEKDAYS, type AutomationConfig } from '../../../../../src-shared/automations';
import { fieldError as errorAt, NO_ERRORS, type FormErrors } from '../../../lib/errors';
import { formatPhone } from '../../../lib/format';
import { FieldError as FieldErrorLine } from '../../../ui/FieldError';
import { Switch } from '../../../ui/Switch';
import { TimeZonePicker } from '../../../ui/TimeZonePicker';
import { toast } from '../../../ui/toast-store';
import {
  clearChanged,
  crossesMidnight,
  editorErrors,
  hoursSummary,
  prefixProblem,
  splitWords,
  toE164,
  toggleDay,
} from '../edit';
import { useDraft } from '../hooks/useDraft';
import { useAutomationsStore, type SaveResult } from '../store';
import { ChipList } from './ChipList';
import { ALIASES, draftOf, KNOWN, type Draft, type DraftSet, type FieldError } from '../settings-draft';
import { ConversationCard } from './ConversationCard';
import { focusFirstError, Field, NumberInput } from './Field';

/** Prefixes, owners and premium members, time zone and business hours, menu timeout, opt-out. */
export const SettingsTab = () => {
  const data = useAutomationsStore((s) => s.data);
  if (!data) return null;
  const { config } = data;
  return (
    <div className="auto-stack">
      <PeopleCard config={config} premium={data.premium} />
      <SettingsForm config={config} />
    </div>
  );
};

const PeopleCard = ({ config, premium }: { config: AutomationConfig; premium: string[] }) => {
  const save = useAutomationsStore((s) => s.save);
  const setPremium = useAutomationsStore((s) => s.setPremium);
  const titleId = useId();
  // One line under the list: every sentence of a refusal, never a field path.
  const outcome = (result: SaveResult) =>
    result.ok ? null : (editorErrors(result.error, '', []).general ?? result.message);

  const addPrefix = async (text: string) =>
    prefixProblem(text, config.prefixes) ?? outcome(await save({ prefixes: [...config.prefixes, text.trim()] }));
  const addOwner = async (text: string) => {
    const phone = toE164(text);
    if (!phone) return 'Write the number with its country code, like +44 7911 123456.';
    if (config.owners.includes(phone)) return `${formatPhone(phone)} is already an owner.`;
    return outcome(await save({ owners: [...config.owners, phone] }));
  };
  const addPremium = async (text: string) => {
    const phone = toE164(text);
    if (!phone) return 'Write the number with its country code, like +44 7911 123456.';
    return outcome(await setPremium(phone, true));
  };

  return (
    <section className="card auto-settings-card" aria-labelledby={titleId}>
      <header className="card-header">
        <h3 id={titleId}>Commands and people</h3>
        <p>How commands start, and who may run the restricted ones.</p>
      </header>
      <div className="auto-settings-rows">
        <div className="auto-setting">
          <div className="auto-setting-text">
            <h4>Prefixes</h4>
            <p>
              Symbols that start a command. The first one is used in examples: <code>{config.prefixes[0]}menu</code>
            </p>
          </div>
          <ChipList
            items={config.prefixes}
            inputLabel="New prefix"
            addLabel="Add prefix"
            placeholder="#"
            narrow
            min={1}
            minReason="Keep at least one prefix."
            onAdd={addPrefix}
            onRemove={async (p) => outcome(await save({ prefixes: config.prefixes.filter((x) => x !== p) }))}
          />
        </div>
        <div className="auto-setting">
          <div className="auto-setting-text">
            <h4>Owners</h4>
            <p>These numbers may run every command of this bot, including .broadcast and .premium.</p>
          </div>
          <ChipList
            items={config.owners}
            show={formatPhone}
            inputLabel="New owner number"
            addLabel="Add owner"
            placeholder="+44 7911 123456"
            onAdd={addOwner}
            onRemove={async (p) => outcome(await save({ owners: config.owners.filter((x) => x !== p) }))}
          />
        </div>
        <div className="auto-setting">
          <div className="auto-setting-text">
            <h4>Premium members</h4>
            <p>They may use commands for premium members. Owners can also add them in a chat with .premium add.</p>
          </div>
          <ChipList
            items={premium}
            show={formatPhone}
            inputLabel="New premium member"
            addLabel="Add premium member"
            placeholder="+44 7911 123456"
            onAdd={addPremium}
            onRemove={async (p) => outcome(await setPremium(p, false))}
          />
        </div>
      </div>
    </section>
  );
};

/**
 * Business hours and the rest, saved together with one Save; what is typed stays through a
 * refusal (shown under the field it names) and through saves made elsewhere on the page.
 */
const SettingsForm = ({ config }: { config: AutomationConfig }) => {
  const save = useAutomationsStore((s) => s.save);
  const draftState = useDraft(draftOf(config));
  const { draft, dirty, discard, saved } = draftState;
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const other = errors.general;
  const fieldError: FieldError = (key) => errorAt(errors, key);
  // Editing a value answers the sentence about it; the others stay until the next save.
  const set: DraftSet = (change) => {
    const next = change(draft);
    setErrors((e) => clearChanged(e, draft, next, ALIASES));
    draftState.set(change);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    const result = await save({
      hours: draft.hours,
      timeZone: draft.timeZone,
      flowTimeoutMinutes: draft.flowTimeoutMinutes,
      optOut: { ...draft.optOut, words: splitWords(draft.words), optInWords: splitWords(draft.optInWords) },
    });
    setBusy(false);
    setErrors(result.ok ? NO_ERRORS : editorErrors(result.error, '', KNOWN));
    if (!result.ok) focusFirstError(form);
    if (result.ok) {
      saved();
      toast.info('Settings saved.');
    }
  };

  return (
    <form className="auto-stack" aria-label="Automation settings" onSubmit={(e) => void submit(e)}>
      <HoursCard draft={draft} set={set} fieldError={fieldError} />
      <ConversationCard draft={draft} set={set} fieldError={fieldError} />
      <div className={`auto-savebar${dirty ? ' auto-savebar-dirty' : ''}`}>
        {other ? (
          <p className="field-error" role="alert">
            {other}
          </p>
        ) : (
          <span className="auto-unsaved">{dirty ? 'Unsaved changes' : 'All changes saved'}</span>
        )}
        <button
          type="button"
          className="button button-ghost"
          disabled={!dirty || busy}
          onClick={() => {
            discard();
            setErrors(NO_ERRORS);
          }}
        >
          Discard
        </button>
        <button type="submit" className="button button-primary" disabled={!dirty || busy} aria-busy={busy}>
          Save settings
        </button>
      </div>
    </form>
  );
};

const HoursCard = ({ draft, set, fieldError }: { draft: Draft; set: DraftSet; fieldError: FieldError }) => {
  const ids = { title: useId(), enabled: useId(), days: useId() };
  const hours = draft.hours;
  const setHours = (patch: Partial<AutomationConfig['hours']>) =>
    set((d) => ({ ...d, hours: { ...d.hours, ...patch } }));

  return (
    <section className="card auto-settings-card" aria-labelledby={ids.title}>
      <header className="card-header auto-card-header">
        <div>
          <h3 id={ids.title}>Business hours</h3>
          <p>{hoursSummary(hours)}</p>
        </div>
        <span className="auto-switch-label">
          <span id={ids.enabled}>Away message outside these hours</span>
          <Switch checked={hours.enabled} labelledBy={ids.enabled} onChange={(enabled) => setHours({ enabled })} />
        </span>
      </header>
      <div className="auto-form auto-form-flat">
        <div className="auto-field">
          <span className="field-label" id={ids.days}>
            Open on
          </span>
          <div className="auto-days" role="group" aria-labelledby={ids.days}>
            {WEEKDAYS.map((day, index) => (
              <button
                key={day}
                type="button"
                className={`auto-day${hours.days.includes(index) ? ' auto-day-on' : ''}`}
                aria-pressed={hours.days.includes(index)}
                onClick={() => setHours({ days: toggleDay(hours.days, index) })}
              >
                {day}
              </button>
            ))}
          </div>
          <FieldErrorLine id={`${ids.days}-error`} message={fieldError('hours.days')} />
        </div>
        <div className="auto-form-grid auto-form-grid-3">
          <Field label="Opens" error={fieldError('hours.start')}>
            {(control) => (
              <input
                {...control}
                type="time"
                className="text-input"
                value={hours.start}
                required
                onChange={(e) => setHours({ start: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="Closes"
            error={fieldError('hours.end')}
            hint={
              crossesMidnight(hours)
                ? 'Before the opening time: open past midnight, into the next day.'
                : 'An earlier time than Opens means past midnight.'
            }
          >
            {(control) => (
              <input
                {...control}
                type="time"
                className="text-input"
                value={hours.end}
                required
                onChange={(e) => setHours({ end: e.target.value })}
              />
            )}
          </Field>
          <Field label="Time zone" error={fieldError('timeZone')}>
            {(control) => (
              <TimeZonePicker
                control={control}
                value={draft.timeZone}
                onChange={(timeZone) => set((d) => ({ ...d, timeZone }))}
              />
            )}
          </Field>
        </div>
        <Field
          label="Away message"
          hint="Sent in private chats to who writes while you are closed."
          error={fieldError('hours.awayReply')}
          count={{ length: hours.awayReply.length, max: REPLY_MAX }}
        >
          {(control) => (
            <textarea
              {...control}
              className="text-input text-area"
              value={hours.awayReply}
              maxLength={REPLY_MAX}
              onChange={(e) => setHours({ awayReply: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Send it again after (minutes)"
          hint="Once per contact in this time; 720 is 12 hours."
          error={fieldError('hours.awayCooldownMinutes')}
        >
          {(control) => (
            <NumberInput
              control={control}
              className="text-input auto-narrow"
              min={1}
              max={10080}
              value={hours.awayCooldownMinutes}
              onChange={(awayCooldownMinutes) => setHours({ awayCooldownMinutes })}
            />
          )}
        </Field>
      </div>
    </section>
  );
};
