import { z } from 'zod';

/** Whether the runtime knows this IANA time zone ("Europe/London"); "Mars/Olympus" is refused. */
export const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/**
 * An IANA time zone the runtime knows. Checked where it is stored (campaign windows, the
 * automations' business hours): a zone Intl cannot use would otherwise throw on every clock
 * reading made with it, long after the save that let it in.
 */
export const timeZoneSchema = z
  .string()
  .min(1, 'Pick a time zone from the list, like Europe/London.')
  .max(64, 'Pick a time zone from the list, like Europe/London.')
  .refine(isTimeZone, 'Pick a time zone from the list, like Europe/London.');
