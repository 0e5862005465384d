import type { AutomationConfig } from '../../../../src-shared/automations';

/**
 * The draft the Settings tab's form edits: business hours, time zone, menu timeout, opt-out and
 * opt-in (the word lists as typed, split on save).
 */
export const draftOf = (config: AutomationConfig) => ({
  hours: config.hours,
  timeZone: config.timeZone,
  flowTimeoutMinutes: config.flowTimeoutMinutes,
  optOut: config.optOut,
  words: config.optOut.words.join(', '),
  optInWords: config.optOut.optInWords.join(', '),
});
/** Draft keys the engine knows by another path. */
export const ALIASES = { words: 'optOut.words', optInWords: 'optOut.optInWords' };
export type Draft = ReturnType<typeof draftOf>;
export type DraftSet = (change: (draft: Draft) => Draft) => void;
export type FieldError = (key: string) => string | null;

/** The fields the form shows, by the engine's names for them; a sentence about any other goes to the save bar. */
export const KNOWN = [
  'hours.days',
  'hours.start',
  'hours.end',
  'hours.awayReply',
  'hours.awayCooldownMinutes',
  'timeZone',
  'flowTimeoutMinutes',
  'optOut.words',
  'optOut.confirmation',
  'optOut.optInWords',
  'optOut.optInConfirmation',
];
