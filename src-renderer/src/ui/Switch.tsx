type SwitchProps = {
  checked: boolean;
  /** The accessible name; the visible label lives next to the switch and names it too. */
  labelledBy: string;
  describedBy?: string;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
};

export const Switch = ({ checked, labelledBy, describedBy, disabled, onChange }: SwitchProps) => (
  <button
    type="button"
    role="switch"
    className="switch"
    aria-checked={checked}
    aria-labelledby={labelledBy}
    aria-describedby={describedBy}
    disabled={disabled}
    onClick={() => onChange(!checked)}
  >
    <span className="switch-thumb" />
  </button>
);
