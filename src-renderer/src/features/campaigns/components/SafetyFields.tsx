import { useId } from 'react';
import type { Throttle } from '../../../../../src-shared/campaigns';
import { useNow } from '../../../lib/useNow';
import { Switch } from '../../../ui/Switch';
import { Field, NumberInput } from '../../automations/components/Field';
import { describeWarmup, NEW_NUMBER_WARMUP, warmupToday } from '../draft';

type NumberKey = 'delayMinSeconds' | 'delayMaxSeconds' | 'pauseEvery' | 'pauseMinutes' | 'dailyCap';

/** Each number with the schema's limits (src-shared/campaigns.ts throttleSchema), so typing stays inside them. */
const NUMBERS: { key: NumberKey; label: string; min: number; max: number; hint: string }[] = [
  { key: 'delayMinSeconds', label: 'Shortest gap (s)', min: 5, max: 3600, hint: 'Between two messages.' },
  { key: 'delayMaxSeconds', label: 'Longest gap (s)', min: 5, max: 3600, hint: 'Each gap is random in between.' },
  { key: 'pauseEvery', label: 'Pause every (messages)', min: 1, max: 1000, hint: 'Then a longer break.' },
  { key: 'pauseMinutes', label: 'Pause for (min)', min: 0, max: 240, hint: '0 for no break.' },
  {
    key: 'dailyCap',
    label: 'Daily cap',
    min: 1,
    max: 5000,
    hint: 'Most messages this number sends a day, all campaigns together; the rest go the next day.',
  },
];

type Props = {
  throttle: Throttle;
  onChange: (next: Partial<Throttle>) => void;
  /** The sentence for one throttle field (`delayMaxSeconds`, `warmup`), or null. */
  error: (key: keyof Throttle) => string | null;
  /** When this bot's number was added (its health says), for what the warm-up means today. */
  linkedAt: number | null;
};

/** The throttle: gaps, pauses, the daily cap and a new number's warm-up, each explained. */
export const SafetyFields = ({ throttle, onChange, error, linkedAt }: Props) => {
  const ids = { warmup: useId(), typing: useId() };
  const step = throttle.warmup[0] ?? null;
  const today = warmupToday(throttle, linkedAt, useNow(false));
  return (
    <fieldset className="campaign-section">
      <legend>Safety</legend>
      <p className="field-hint campaign-section-hint">
        Random gaps, pauses and a daily cap look human and keep the number from being blocked.
      </p>
      <div className="auto-form-grid auto-form-grid-3 campaign-numbers">
        {NUMBERS.map(({ key, label, min, max, hint }) => (
          <Field key={key} label={label} hint={hint} error={error(key)}>
            {(control) => (
              <NumberInput
                control={control}
                min={min}
                max={max}
                value={throttle[key]}
                onChange={(value) => onChange({ [key]: value })}
              />
            )}
          </Field>
        ))}
      </div>
      <div className="auto-setting-switch">
        <span id={ids.warmup}>
          <strong>Warm up a new number</strong>
          <span className="field-hint">
            A newly linked number is blocked more easily, so it starts with fewer messages a day. The days count from
            when the number was added to Wren; on an older number this changes nothing.
          </span>
        </span>
        <Switch
          checked={step !== null}
          labelledBy={ids.warmup}
          onChange={(on) => onChange({ warmup: on ? NEW_NUMBER_WARMUP : [] })}
        />
      </div>
      {step ? (
        <div className="auto-form-grid campaign-numbers">
          <Field label="Warm-up days" error={error('warmup')}>
            {(control) => (
              <NumberInput
                control={control}
                min={1}
                max={60}
                value={step.days}
                onChange={(days) => onChange({ warmup: [{ ...step, days }] })}
              />
            )}
          </Field>
          <Field label="Cap a day while warming up">
            {(control) => (
              <NumberInput
                control={control}
                min={1}
                max={5000}
                value={step.cap}
                onChange={(cap) => onChange({ warmup: [{ ...step, cap }] })}
              />
            )}
          </Field>
        </div>
      ) : null}
      <p className="field-hint" data-testid="warmup-summary">
        {describeWarmup(throttle.warmup, throttle.dailyCap)}.{today ? ` ${today}` : ''}
      </p>
      <div className="auto-setting-switch">
        <span id={ids.typing}>
          <strong>Show “typing…” before each message</strong>
          <span className="field-hint">A second or few, as a person would take.</span>
        </span>
        <Switch checked={throttle.typing} labelledBy={ids.typing} onChange={(typing) => onChange({ typing })} />
      </div>
    </fieldset>
  );
};
