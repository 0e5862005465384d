import { useId } from 'react';
import type { CampaignDraft } from '../../../../../src-shared/campaigns';
import { TimeZonePicker } from '../../../ui/TimeZonePicker';
import { Field } from '../../automations/components/Field';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `datetime-local` works in local time without a zone: convert both ways here. */
const toLocalInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

type Window = CampaignDraft['window'];

type Props = {
  startAt: number | null;
  window: Window;
  onStart: (startAt: number | null) => void;
  onWindow: (next: Partial<Window>) => void;
  onToggleDay: (day: number) => void;
  /** The sentence for a field of the draft (`startAt`, `window.timeZone`), or null. */
  error: (key: string) => string | null;
};

/** When it may send: a start, the hours of the day and the days of the week, in a chosen zone. */
export const WhenFields = ({ startAt, window, onStart, onWindow, onToggleDay, error }: Props) => {
  const daysId = useId();
  const daysError = error('window.days');
  return (
    <fieldset className="campaign-section">
      <legend>When</legend>
      <Field label="Start" hint="Empty: as soon as it is scheduled (inside the window)." error={error('startAt')}>
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            className="text-input campaign-start"
            value={startAt === null ? '' : toLocalInput(startAt)}
            onChange={(e) => onStart(e.target.value ? new Date(e.target.value).getTime() : null)}
          />
        )}
      </Field>
      <div className="auto-form-grid auto-form-grid-3 campaign-window">
        <Field label="Window opens" error={error('window.start')}>
          {(control) => (
            <input
              {...control}
              type="time"
              className="text-input"
              value={window.start}
              onChange={(e) => onWindow({ start: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Window closes"
          hint="An earlier time than it opens means past midnight."
          error={error('window.end')}
        >
          {(control) => (
            <input
              {...control}
              type="time"
              className="text-input"
              value={window.end}
              onChange={(e) => onWindow({ end: e.target.value })}
            />
          )}
        </Field>
        <Field label="Time zone" hint="The hours above are this zone’s." error={error('window.timeZone')}>
          {(control) => (
            <TimeZonePicker control={control} value={window.timeZone} onChange={(timeZone) => onWindow({ timeZone })} />
          )}
        </Field>
      </div>
      <div className="auto-field">
        <span className="field-label" id={daysId}>
          Days
        </span>
        <div className="auto-days" role="group" aria-labelledby={daysId}>
          {DAYS.map((day, index) => (
            <button
              key={day}
              type="button"
              className={`auto-day${window.days.includes(index) ? ' auto-day-on' : ''}`}
              aria-pressed={window.days.includes(index)}
              onClick={() => onToggleDay(index)}
            >
              {day}
            </button>
          ))}
        </div>
        {daysError ? (
          <p className="field-error" role="alert">
            {daysError}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
};
