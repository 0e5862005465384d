import { describe, expect, it } from 'vitest';
import { campaignDraftSchema, VARIANTS_MAX } from '../../../../src-shared/campaigns';
import {
  addVariant,
  describeWarmup,
  insertVariable,
  NEW_NUMBER_WARMUP,
  newDraft,
  removeVariant,
  setAudienceKind,
  setVariantText,
  toggleDay,
  warmupToday,
} from './draft';

describe('newDraft', () => {
  it('matches the defaults the engine would fill in', () => {
    const d = setVariantText({ ...newDraft('Europe/Berlin'), name: 'Sale' }, 0, 'Hi {{name|there}}');
    const parsed = campaignDraftSchema.parse({
      name: 'Sale',
      variants: [{ text: 'Hi {{name|there}}' }],
      audience: { kind: 'all' },
      window: { timeZone: 'Europe/Berlin' },
      throttle: { warmup: NEW_NUMBER_WARMUP },
    });
    expect(d).toEqual(parsed);
  });
});

describe('variants', () => {
  it('adds up to the maximum and never removes the last one', () => {
    let d = newDraft('UTC');
    for (let i = 0; i < 10; i++) d = addVariant(d);
    expect(d.variants).toHaveLength(VARIANTS_MAX);
    for (let i = 0; i < 10; i++) d = removeVariant(d, 0);
    expect(d.variants).toHaveLength(1);
  });
  it('removes the chosen variant', () => {
    let d = addVariant(setVariantText(newDraft('UTC'), 0, 'A'));
    d = setVariantText(d, 1, 'B');
    expect(removeVariant(d, 0).variants.map((v) => v.text)).toEqual(['B']);
  });
});

describe('insertVariable', () => {
  it('puts the variable at the caret and moves the caret after it', () => {
    expect(insertVariable('Hi !', 'first_name', 3)).toEqual({ text: 'Hi {{first_name}}!', caret: 17 });
    expect(insertVariable('Hi ', 'name')).toEqual({ text: 'Hi {{name}}', caret: 11 });
  });
});

describe('window and audience', () => {
  it('toggles weekdays and keeps them sorted', () => {
    const d = toggleDay(toggleDay(newDraft('UTC'), 3), 0);
    expect(d.window.days).toEqual([0, 1, 2, 4, 5]);
  });
  it('starts a tag audience empty with "any"', () => {
    expect(setAudienceKind(newDraft('UTC'), 'tags').audience).toEqual({ kind: 'tags', tags: [], match: 'any' });
  });
});

describe('describeWarmup', () => {
  it('reads the steps back in plain words', () => {
    expect(describeWarmup([], 200)).toBe('200 a day from the start');
    expect(
      describeWarmup(
        [
          { cap: 50, days: 2 },
          { cap: 100, days: 1 },
        ],
        200,
      ),
    ).toBe('50 a day for 2 days, then 100 a day for 1 day, then 200 a day');
  });
});

describe('warmupToday', () => {
  const noon = (day: number) => new Date(2026, 0, day, 12).getTime();
  const throttle = { warmup: [{ days: 3, cap: 50 }], dailyCap: 200 };
  it('counts the days from when the number was added', () => {
    expect(warmupToday(throttle, noon(5), noon(5))).toBe('Added today: day 1 of 3, so up to 50 a day for now.');
    expect(warmupToday(throttle, noon(5), noon(7))).toBe('Added 2 days ago: day 3 of 3, so up to 50 a day for now.');
    expect(warmupToday(throttle, noon(5), noon(8))).toBe('Added 3 days ago: the warm-up is over, so up to 200 a day.');
    expect(warmupToday({ warmup: [], dailyCap: 200 }, noon(5), noon(6))).toBe(
      'Added yesterday: up to 200 a day from the start.',
    );
    expect(warmupToday(throttle, null, noon(5))).toBeNull();
  });
});
