import { describe, expect, it } from 'vitest';
import { timeZoneSchema } from '../../../../src-shared/time-zones';
import { zoneMatches } from '../../ui/TimeZonePicker';

const ZONES = ['Europe/London', 'America/New_York', 'Asia/Tokyo', 'America/Argentina/Buenos_Aires'];

describe('zoneMatches (the shared time zone picker)', () => {
  it('finds zones by any words of their name, spaces for underscores, UTC always offered', () => {
    expect(zoneMatches('', ZONES)).toEqual(['UTC', ...ZONES]);
    expect(zoneMatches('new york', ZONES)).toEqual(['America/New_York']);
    expect(zoneMatches('TOKYO', ZONES)).toEqual(['Asia/Tokyo']);
    expect(zoneMatches('buenos aires argentina', ZONES)).toEqual(['America/Argentina/Buenos_Aires']);
    expect(zoneMatches('mars', ZONES)).toEqual([]);
  });
});

describe('timeZoneSchema', () => {
  it('keeps zones the runtime knows and refuses the rest with a sentence', () => {
    expect(timeZoneSchema.safeParse('Europe/London').success).toBe(true);
    expect(timeZoneSchema.safeParse('UTC').success).toBe(true);
    const bad = timeZoneSchema.safeParse('Mars/Olympus');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('Pick a time zone from the list, like Europe/London.');
    expect(timeZoneSchema.safeParse('').success).toBe(false);
  });
});
