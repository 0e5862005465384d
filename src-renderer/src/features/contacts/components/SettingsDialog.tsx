import { useEffect, useId, useState, type FormEvent } from 'react';
import { getClient } from '../../../contract';
import { errorMessage, fieldError, formErrors, NO_ERRORS, type FormErrors } from '../../../lib/errors';
import { Dialog } from '../../../ui/Dialog';
import { FieldError } from '../../../ui/FieldError';
import { Spinner } from '../../../ui/Spinner';
import { toast } from '../../../ui/toast-store';

/** Common choices; any other country is typed as its two-letter code. */
const COUNTRIES: [string, string][] = [
  ['GB', 'United Kingdom (+44)'],
  ['US', 'United States (+1)'],
  ['BR', 'Brazil (+55)'],
  ['PT', 'Portugal (+351)'],
  ['ES', 'Spain (+34)'],
  ['FR', 'France (+33)'],
  ['DE', 'Germany (+49)'],
  ['IT', 'Italy (+39)'],
  ['IN', 'India (+91)'],
  ['MX', 'Mexico (+52)'],
  ['NG', 'Nigeria (+234)'],
  ['ZA', 'South Africa (+27)'],
];
const OTHER = 'other';

/** The country assumed for numbers written without a country code (07700 900123). */
export const SettingsDialog = ({ onClose }: { onClose: () => void }) => {
  const [country, setCountry] = useState<string | null>(null);
  const [choice, setChoice] = useState('GB');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const error = errors.general;
  const countryError = fieldError(errors, 'defaultCountry');
  const id = useId();

  useEffect(() => {
    getClient()
      .call('contacts:settings', {})
      .then((settings) => {
        setCountry(settings.defaultCountry);
        setChoice(COUNTRIES.some(([code]) => code === settings.defaultCountry) ? settings.defaultCountry : OTHER);
      })
      .catch((problem: unknown) => setErrors({ fields: {}, general: errorMessage(problem) }));
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const code = (choice === OTHER ? (country ?? '') : choice).trim().toUpperCase();
    // Checked here too: the contract's refusal would name the field ("defaultCountry: …").
    if (!/^[A-Z]{2}$/.test(code)) {
      setErrors({ fields: { defaultCountry: 'Type the country as two letters, such as NL or JP.' }, general: null });
      return;
    }
    setBusy(true);
    try {
      await getClient().call('contacts:save-settings', { defaultCountry: code });
      toast.info('Contact settings saved.');
      onClose();
    } catch (problem) {
      setErrors(formErrors(problem, { known: ['defaultCountry'] }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Contact settings" size="sm" onClose={onClose}>
      {country === null && !error ? (
        <Spinner label="Loading settings" />
      ) : (
        <form className="contacts-form" aria-label="Contact settings" onSubmit={(e) => void submit(e)}>
          <label className="field-label" htmlFor={`${id}-country`}>
            Default country
          </label>
          <select
            id={`${id}-country`}
            className="text-input"
            value={choice}
            aria-invalid={countryError && choice !== OTHER ? true : undefined}
            aria-describedby={countryError && choice !== OTHER ? `${id}-country-error` : undefined}
            onChange={(e) => {
              setChoice(e.target.value);
              setErrors(NO_ERRORS);
            }}
          >
            {COUNTRIES.map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
            <option value={OTHER}>Another country…</option>
          </select>
          {choice !== OTHER ? <FieldError id={`${id}-country-error`} message={countryError} /> : null}
          {choice === OTHER ? (
            <>
              <label className="field-label" htmlFor={`${id}-code`}>
                Country code (two letters)
              </label>
              <input
                id={`${id}-code`}
                className="text-input contacts-country-code"
                value={country ?? ''}
                maxLength={2}
                placeholder="NL"
                aria-invalid={countryError ? true : undefined}
                aria-describedby={countryError ? `${id}-country-error` : undefined}
                onChange={(e) => {
                  setCountry(e.target.value.toUpperCase());
                  setErrors(NO_ERRORS);
                }}
              />
              <FieldError id={`${id}-country-error`} message={countryError} />
            </>
          ) : null}
          <p className="field-hint">
            Numbers typed or imported without a country code (such as 07700 900123) are read as this country’s.
          </p>
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="contacts-form-footer">
            <button type="button" className="button button-ghost" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
              Save
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
};
