import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignDraft } from '../../../src-shared/campaigns';
import { createHarness, linkDemoBot, type Harness } from '../testing/engine-harness';
import { readDraft } from './stored-draft';

/** Settings that would break the scheduler (a time zone that does not exist) never get in, and old ones never stop it. */

let h: Harness;
let botId: string;
let botPhone: string;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

beforeEach(async () => {
  h = await createHarness(); // FakeClock starts on Monday 5 January 2026, 09:00 UTC.
  ({ id: botId, phone: botPhone } = await linkDemoBot(h));
  const csv = ['phone,name', '+447700900101,Ana', '+447700900102,Ben', '+447700900103,Cleo'].join('\n');
  await h.call('contacts:import', {
    botId,
    csv,
    mapping: { phone: 0, name: 1, tags: null, fields: {} },
    tags: ['spring'],
  });
});

afterEach(async () => {
  await h.dispose();
});

const draft = (overrides: Partial<CampaignDraft> = {}): CampaignDraft => ({
  name: 'Spring sale',
  variants: [{ text: 'Hello {{first_name|there}}, 20% off this week.', media: null }],
  // The demo phone brings contacts of its own: only the three imported here.
  audience: { kind: 'tags', tags: ['spring'], match: 'any' },
  startAt: null,
  window: { start: '00:00', end: '23:59', days: [0, 1, 2, 3, 4, 5, 6], timeZone: 'UTC' },
  throttle: {
    delayMinSeconds: 15,
    delayMaxSeconds: 45,
    pauseEvery: 20,
    pauseMinutes: 5,
    dailyCap: 200,
    warmup: [],
    typing: false,
  },
  ...overrides,
});

const received = () => h.engine.network.inboxOfContacts.filter((m) => m.from === botPhone);

/** What an older version could store: the same draft with a zone Intl refuses. */
const writeBadZone = (id: number) => {
  const bad = { ...draft({ name: 'Mars promo' }), window: { ...draft().window, timeZone: 'Mars/Olympus' } };
  h.engine.db.sqlite.prepare('UPDATE campaigns SET draft = ? WHERE id = ?').run(JSON.stringify(bad), id);
};

describe('a time zone that does not exist', () => {
  it('is refused on save with a sentence for its field, and nothing is saved', async () => {
    const reply = await h.engine.dispatch('campaigns:save', {
      botId,
      draft: draft({ window: { ...draft().window, timeZone: 'Mars/Olympus' } }),
    });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: { 'draft.window.timeZone': 'Pick a time zone from the list, like Europe/London.' },
      },
    });
    expect(await h.call('campaigns:list', { botId })).toEqual([]);
  });

  it('is refused in the automations settings too', async () => {
    const reply = await h.engine.dispatch('automations:save', { botId, patch: { timeZone: 'Mars/Olympus' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('a stored campaign whose settings cannot be used', () => {
  it('is listed flagged, skipped by the scheduler without holding up the others, and can be fixed or deleted', async () => {
    // The bad one comes first for its bot: before, every tick threw on it and nothing else went.
    const bad = await h.call('campaigns:save', { botId, draft: draft({ name: 'Mars promo' }) });
    await h.call('campaigns:schedule', { id: bad.id });
    writeBadZone(bad.id);
    const good = await h.call('campaigns:save', { botId, draft: draft() });
    await h.call('campaigns:schedule', { id: good.id });

    await h.clock.advance(10 * MINUTE);
    expect(received()).toHaveLength(3);
    expect((await h.call('campaigns:get', { id: good.id })).status).toBe('done');

    const listed = await h.call('campaigns:list', { botId });
    const flagged = listed.find((c) => c.id === bad.id);
    expect(flagged).toMatchObject({
      status: 'scheduled',
      expectedFinishAt: null,
      draft: { name: 'Mars promo', window: { timeZone: 'UTC', start: '00:00' } },
      problem: {
        message: 'This campaign is not sent: Its time zone “Mars/Olympus” does not exist. Edit it to fix this.',
        fields: { 'window.timeZone': 'Pick a time zone from the list, like Europe/London.' },
      },
    });
    expect(listed.find((c) => c.id === good.id)?.problem).toBeNull();
    expect(await h.engine.dispatch('campaigns:health', { botId })).toMatchObject({ ok: true });

    // Scheduling it again is refused in words; an edit fixes it and it sends.
    const again = await h.engine.dispatch('campaigns:resume', { id: bad.id });
    expect(again).toMatchObject({ ok: false });
    const fixed = await h.call('campaigns:save', { botId, id: bad.id, draft: draft({ name: 'Mars promo' }) });
    expect(fixed).toMatchObject({ status: 'draft', problem: null });
    await h.call('campaigns:schedule', { id: bad.id });
    await h.clock.advance(10 * MINUTE);
    expect(received()).toHaveLength(6);

    writeBadZone(good.id);
    await h.call('campaigns:delete', { id: good.id });
    expect((await h.call('campaigns:list', { botId })).map((c) => c.id)).toEqual([bad.id]);
  });

  it('refuses to schedule a flagged draft, saying what to fix', async () => {
    const saved = await h.call('campaigns:save', { botId, draft: draft() });
    writeBadZone(saved.id);
    const reply = await h.engine.dispatch('campaigns:schedule', { id: saved.id });
    expect(reply).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/“Mars\/Olympus” does not exist/) },
    });
  });

  it('reads even unreadable settings as a usable draft with a problem', () => {
    expect(readDraft('not json').issues?.sentence).toBe('Its settings cannot be read.');
    const partly = readDraft(
      JSON.stringify({ ...draft(), throttle: { ...draft().throttle, delayMaxSeconds: 1 }, extra: true }),
    );
    expect(partly.draft.throttle.delayMaxSeconds).toBe(45);
    expect(partly.draft.variants[0]?.text).toBe(draft().variants[0]?.text);
    expect(partly.issues?.fields['throttle.delayMaxSeconds']).toBe('Make the longest gap at least 5 seconds.');
    const noText = readDraft(JSON.stringify({ ...draft(), variants: [{ text: '', media: null }] }));
    expect(noText.draft.variants).toHaveLength(1);
    expect(noText.issues?.fields['variants.0.text']).toBe('Write the message.');
  });
});

describe('warm-up', () => {
  it('counts from when the number was added, not from its first campaign', async () => {
    expect(await h.call('campaigns:health', { botId })).toMatchObject({
      warmupStage: null,
      warmup: 'Not started: the number was added today. Start its first campaign with a warm-up (under Safety).',
    });
    // Three days after linking, a 2-day warm-up is over: the daily cap applies from the first send.
    await h.clock.advance(3 * DAY);
    const d = draft();
    const saved = await h.call('campaigns:save', {
      botId,
      draft: { ...d, throttle: { ...d.throttle, warmup: [{ days: 2, cap: 1 }] } },
    });
    await h.call('campaigns:schedule', { id: saved.id });
    await h.clock.advance(10 * MINUTE);
    expect(received()).toHaveLength(3);
    expect(await h.call('campaigns:health', { botId })).toMatchObject({
      warmupStage: null,
      capToday: 200,
      warmup: 'Done: the number was added 3 days ago.',
    });
  });

  it('counts from when this number was linked: not the bot’s creation, and not again for a relink of it', async () => {
    const linkAs = async (id: string, phone: string) => {
      await h.clock.advance(0);
      h.engine.network.scanQr(h.engine.bots.get(id).link?.qr ?? '', phone);
      await h.waitForStatus(id, 'online');
    };
    const warmup = async (id: string) => (await h.call('campaigns:health', { botId: id })).warmup;
    const old = await h.call('bots:create', { name: 'Made long ago', kind: 'demo' });
    await h.clock.advance(30 * DAY);
    await h.call('bots:start', { botId: old.id });
    await linkAs(old.id, '+447700900777');
    expect(await warmup(old.id)).toMatch(/the number was added today/);

    await h.clock.advance(3 * DAY);
    await h.call('bots:relink', { botId: old.id });
    await linkAs(old.id, '+447700900777');
    expect(await warmup(old.id)).toMatch(/the number was added 3 days ago/);

    await h.call('bots:relink', { botId: old.id });
    await linkAs(old.id, '+447700900888');
    expect(await warmup(old.id)).toMatch(/the number was added today/);
  });

  it('says where a new number is in its warm-up, and when none is set', async () => {
    const d = draft();
    const saved = await h.call('campaigns:save', {
      botId,
      draft: { ...d, throttle: { ...d.throttle, warmup: [{ days: 2, cap: 1 }] } },
    });
    await h.call('campaigns:schedule', { id: saved.id });
    await h.clock.advance(10 * MINUTE);
    expect(received()).toHaveLength(1);
    expect(await h.call('campaigns:health', { botId })).toMatchObject({
      capToday: 1,
      warmup: 'Day 1 of 2: up to 1 a day, then 200 a day.',
    });
    await h.call('campaigns:cancel', { id: saved.id });
    const none = await h.call('campaigns:save', { botId, draft: d });
    await h.call('campaigns:schedule', { id: none.id });
    expect((await h.call('campaigns:health', { botId })).warmup).toBe(
      'None set, and the number was added today. New numbers are blocked more easily: set a warm-up under Safety.',
    );
  });
});
