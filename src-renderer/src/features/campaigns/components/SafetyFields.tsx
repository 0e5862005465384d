import { useId } from 'react';
import type { Throttle } from '../../../../../src-shared/campaigns';

/** The throttle: gaps, pauses, the daily cap and a new number's lower cap, each explained. */
export const SafetyFields = ({
  throttle,
  onChange,
}: {
  throttle: Throttle;
  onChange: (next: Partial<Throttle>) => void;
}) => (
  <fieldset className="campaign-section">
    <legend>Safety</legend>
    <p className="field-hint">Random gaps, pauses and a daily cap look human and keep the number from being banned.</p>
    <div className="campaign-numbers">
      <NumberField
        label="Shortest gap (s)"
        value={throttle.delayMinSeconds}
        onChange={(v) => onChange({ delayMinSeconds: v })}
      />
      <NumberField
        label="Longest gap (s)"
        value={throttle.delayMaxSeconds}
        onChange={(v) => onChange({ delayMaxSeconds: v })}
      />
      <NumberField
        label="Pause every (messages)"
        value={throttle.pauseEvery}
        onChange={(v) => onChange({ pauseEvery: v })}
      />
      <NumberField
        label="Pause for (min)"
        value={throttle.pauseMinutes}
        onChange={(v) => onChange({ pauseMinutes: v })}
      />
      <NumberField label="Daily cap" value={throttle.dailyCap} onChange={(v) => onChange({ dailyCap: v })} />
      <NumberField
        label="New number: first days cap"
        value={throttle.warmup[0]?.cap ?? 0}
        onChange={(v) => onChange({ warmup: v > 0 ? [{ days: 2, cap: v }] : [] })}
      />
    </div>
    <label className="campaign-typing">
      <input type="checkbox" checked={throttle.typing} onChange={(e) => onChange({ typing: e.target.checked })} /> Show
      “typing…” before each message
    </label>
  </fieldset>
);

const NumberField = ({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number;
  onChange: (value: number) => void;
}) => {
  const id = useId();
  return (
    <div>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="number"
        min={0}
        className="text-input"
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </div>
  );
};
