import { VARIANTS_MAX, type Audience, type CampaignDraft } from '../../../../src-shared/campaigns';

/** The editor's working copy: the contract's draft shape, filled with the engine's defaults. */
export type DraftState = CampaignDraft;

/** The browser's time zone, so the window means the owner's local hours by default. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Defaults mirror throttleSchema/sendWindowSchema so what the form shows is what gets saved. */
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
      warmup: [],
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

/** "50 a day for 2 days, then 100 a day for 3 days" — read back to the owner under the warm-up. */
export function describeWarmup(steps: DraftState['throttle']['warmup'], dailyCap: number): string {
  if (steps.length === 0) return `${dailyCap} a day from the start`;
  const parts = steps.map((s) => `${s.cap} a day for ${s.days} ${s.days === 1 ? 'day' : 'days'}`);
  return `${parts.join(', then ')}, then ${dailyCap} a day`;
}
