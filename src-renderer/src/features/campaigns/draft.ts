import { VARIANTS_MAX, type Audience, type CampaignDraft } from '../../../../src-shared/campaigns';

/** The editor's working copy: the contract's draft shape, filled with the engine's defaults. */
export type DraftState = CampaignDraft;

/** The browser's time zone, so the window means the owner's local hours by default. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * A new number's first days, as the form starts: few messages while WhatsApp gets to know it. It
 * counts from the day the number was added, so on a number added long ago it changes nothing.
 */
export const NEW_NUMBER_WARMUP: DraftState['throttle']['warmup'] = [{ days: 3, cap: 50 }];

/**
 * Defaults mirror throttleSchema/sendWindowSchema so what the form shows is what gets saved,
 * except the warm-up: the API's default is none, a person starting a campaign gets one.
 */
export function newDraft(timeZone = localTimeZone()): DraftState {
  return {
    name: '',
    variants: [{ text: '', media: null }],
    audience: { kind: 'all' },
    startAt: null,
    window: { start: '09:00', end: '18:00', days: [1, 2, 3, 4, 5], timeZone },
    throttle: {
      delayMinSeconds: 15,
      delayMaxSeconds: 45,
      pauseEvery: 20,
      pauseMinutes: 5,
      dailyCap: 200,
      warmup: NEW_NUMBER_WARMUP,
      typing: true,
    },
  };
}

export function canAddVariant(d: DraftState): boolean {
  return d.variants.length < VARIANTS_MAX;
}

export function addVariant(d: DraftState): DraftState {
  if (!canAddVariant(d)) return d;
  return { ...d, variants: [...d.variants, { text: '', media: null }] };
}

/** The last variant stays: a campaign always has a message. */
export function removeVariant(d: DraftState, index: number): DraftState {
  if (d.variants.length <= 1) return d;
  return { ...d, variants: d.variants.filter((_, i) => i !== index) };
}

export function setVariantText(d: DraftState, index: number, text: string): DraftState {
  return { ...d, variants: d.variants.map((v, i) => (i === index ? { ...v, text } : v)) };
}

/** Inserts `{{name}}` at the caret (or the end) and returns the new text and caret. */
export function insertVariable(text: string, variable: string, caret = text.length): { text: string; caret: number } {
  const token = `{{${variable}}}`;
  const at = Math.max(0, Math.min(caret, text.length));
  return { text: text.slice(0, at) + token + text.slice(at), caret: at + token.length };
}

export function toggleDay(d: DraftState, day: number): DraftState {
  const days = d.window.days.includes(day) ? d.window.days.filter((x) => x !== day) : [...d.window.days, day];
  return { ...d, window: { ...d.window, days: days.sort((a, b) => a - b) } };
}

/** Switching audience kind keeps nothing from the old kind; the tag/contact lists start empty. */
export function setAudienceKind(d: DraftState, kind: Audience['kind']): DraftState {
  const audience: Audience =
    kind === 'all' ? { kind } : kind === 'tags' ? { kind, tags: [], match: 'any' } : { kind, ids: [] };
  return { ...d, audience };
}

/** The form's warm-up: one step of `days` at `cap` a day, or none. */
export function setWarmup(d: DraftState, step: { days: number; cap: number } | null): DraftState {
  return { ...d, throttle: { ...d.throttle, warmup: step ? [step] : [] } };
}

/** "50 a day for 2 days, then 100 a day for 3 days" — read back to the owner under the warm-up. */
export function describeWarmup(steps: DraftState['throttle']['warmup'], dailyCap: number): string {
  if (steps.length === 0) return `${dailyCap} a day from the start`;
  const parts = steps.map((s) => `${s.cap} a day for ${s.days} ${s.days === 1 ? 'day' : 'days'}`);
  return `${parts.join(', then ')}, then ${dailyCap} a day`;
}

/**
 * What the warm-up means for this number today, from when it was added (the engine counts the
 * same days): "Added today: day 1 of 3, so up to 50 a day for now." Null when that is unknown.
 */
export function warmupToday(
  throttle: Pick<DraftState['throttle'], 'warmup' | 'dailyCap'>,
  linkedAt: number | null,
  now: number,
): string | null {
  if (linkedAt === null) return null;
  const day = (ms: number) => {
    const d = new Date(ms);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000;
  };
  const age = Math.max(0, Math.round(day(now) - day(linkedAt)));
  const added = age === 0 ? 'Added today' : age === 1 ? 'Added yesterday' : `Added ${age} days ago`;
  const total = throttle.warmup.reduce((n, s) => n + s.days, 0);
  let first = 0;
  for (const step of throttle.warmup) {
    if (age < first + step.days) {
      return `${added}: day ${age + 1} of ${total}, so up to ${Math.min(step.cap, throttle.dailyCap)} a day for now.`;
    }
    first += step.days;
  }
  return throttle.warmup.length > 0
    ? `${added}: the warm-up is over, so up to ${throttle.dailyCap} a day.`
    : `${added}: up to ${throttle.dailyCap} a day from the start.`;
}
