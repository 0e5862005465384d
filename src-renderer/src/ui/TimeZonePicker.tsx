import { useMemo, useState } from 'react';

/** What a Field hands its control: the id its label points at, and what describes it. */
type Control = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true };

/** Every zone the runtime knows, once: the list is long (about 420) and the same for every picker. */
let known: string[] | null = null;
const allZones = (): string[] => {
  if (!known) {
    try {
      known = Intl.supportedValuesOf('timeZone');
    } catch {
      known = [];
    }
  }
  return known;
};

/** How a zone reads in the list: "America/New York". */
export const zoneLabel = (zone: string) => zone.replace(/_/g, ' ');

/** The zones whose name has every word of `query` (spaces or underscores alike), UTC included. */
export const zoneMatches = (query: string, zones: readonly string[] = allZones()): string[] => {
  // Chromium leaves UTC out of its list; the engine's default must still be there to choose.
  const all = [...new Set(['UTC', ...zones])];
  const words = query.toLowerCase().replace(/_/g, ' ').split(/\s+/).filter(Boolean);
  return words.length === 0 ? all : all.filter((z) => words.every((w) => zoneLabel(z).toLowerCase().includes(w)));
};

/**
 * A time zone chosen from the list the runtime knows, with a search box to narrow it ("tokyo",
 * "new york"): nothing typed by hand is ever saved as a zone. Used wherever Wren stores one.
 */
export const TimeZonePicker = ({
  control,
  value,
  onChange,
  className = '',
}: {
  control: Control;
  value: string;
  onChange: (zone: string) => void;
  className?: string;
}) => {
  const [query, setQuery] = useState('');
  const found = useMemo(() => zoneMatches(query), [query]);
  // The current choice always shows, so the select never claims another zone is chosen.
  const options = found.includes(value) ? found : [value, ...found];
  return (
    <div className={`tz-picker${className ? ` ${className}` : ''}`}>
      <input
        type="search"
        className="text-input tz-picker-search"
        aria-label="Search zones"
        placeholder="Search: London, Tokyo…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          // The first match is chosen as you type: finding a zone is choosing it.
          const first = zoneMatches(e.target.value)[0];
          if (e.target.value.trim() !== '' && first && first !== value) onChange(first);
        }}
      />
      <select
        {...control}
        className="text-input tz-picker-select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((zone) => (
          <option key={zone} value={zone}>
            {zoneLabel(zone)}
          </option>
        ))}
      </select>
      {query.trim() !== '' && found.length === 0 ? (
        <p className="field-hint">No time zone matches “{query.trim()}”.</p>
      ) : null}
    </div>
  );
};
