import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignDraft } from '../../../src-shared/campaigns';
import { createHarness, linkDemoBot, type Harness } from '../testing/engine-harness';

let h: Harness;
let botId: string;
let botPhone: string;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

beforeEach(async () => {
  // FakeClock starts on Monday 5 January 2026, 09:00 UTC.
  h = await createHarness();
  ({ id: botId, phone: botPhone } = await linkDemoBot(h));
});

afterEach(async () => {
  await h.dispose();
});

const customers = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `+447700900${String(100 + from + i).padStart(3, '0')}`);

const importPeople = async (phones: string[], tags = ['spring']) => {
  const csv = ['phone,name', ...phones.map((p, i) => `${p},Customer ${i}`)].join('\n');
  await h.call('contacts:import', { botId, csv, mapping: { phone: 0, name: 1, tags: null, fields: {} }, tags });
};

const draft = (overrides: Partial<CampaignDraft> = {}): CampaignDraft => ({
  name: 'Spring sale',
  variants: [{ text: '{Hi|Hello} {{first_name|there}}, 20% off this week.', media: null }],
  audience: { kind: 'tags', tags: ['spring'], match: 'any' },
  startAt: null,
  window: { start: '09:00', end: '18:00', days: [1, 2, 3, 4, 5], timeZone: 'UTC' },
  throttle: {
    delayMinSeconds: 15,
    delayMaxSeconds: 45,
    pauseEvery: 20,
    pauseMinutes: 5,
    dailyCap: 200,
    warmup: [],
    typing: true,
  },
  ...overrides,
});

const schedule = async (d: CampaignDraft = draft()) => {
  const saved = await h.call('campaigns:save', { botId, draft: d });
  return h.call('campaigns:schedule', { id: saved.id });
};

/** What the simulated customers received from the bot, in order, with times. */
const received = () =>
  h.engine.network.inboxOfContacts
    .filter((m) => m.from === botPhone)
    .map((m) => ({ to: m.to, text: m.text, ts: m.ts }));

const campaign = (id: number) => h.call('campaigns:get', { id });

describe('planning a campaign', () => {
  it('writes one row per recipient with its text, and leaves out opted-out and numberless contacts', async () => {
    await importPeople(customers(4));
    const { contacts } = await h.call('contacts:list', {
      filter: { botId, query: '', tag: null, optedOut: 'any' },
      limit: 10,
    });
    await h.call('contacts:opt-out', { botId, id: contacts[0]!.id, optedOut: true });
    const planned = await schedule();
    expect(planned).toMatchObject({ status: 'scheduled', total: 3, excluded: { 'opted out': 1 } });
    const rows = await h.call('campaigns:recipients', { id: planned.id });
    for (const row of rows) {
      expect(row.text).toMatch(new RegExp(`^(Hi|Hello) ${row.name?.split(' ')[0]}, 20% off this week\\.$`));
    }
  });

  it('refuses what a recipient could never read right, and an empty audience, changing nothing', async () => {
    await importPeople(customers(2));
    const unknown = await h.engine.dispatch('campaigns:save', {
      botId,
      draft: draft({ variants: [{ text: 'Hi {{shoe_size}}', media: null }] }),
    });
    expect(unknown).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/\{\{shoe_size\}\} is not a field/) },
    });
    const braces = await h.engine.dispatch('campaigns:save', {
      botId,
      draft: draft({ variants: [{ text: '{Hi|Hello', media: null }] }),
    });
    expect(braces).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no matching “}”/) } });
    const nobody = await h.call('campaigns:save', {
      botId,
      draft: draft({ audience: { kind: 'tags', tags: ['nobody'], match: 'any' } }),
    });
    const reply = await h.engine.dispatch('campaigns:schedule', { id: nobody.id });
    expect(reply).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Nobody to send to/) } });
    expect((await campaign(nobody.id)).status).toBe('draft');
  });

  it('can be edited until it starts, and not after', async () => {
    await importPeople(customers(3));
    const planned = await schedule(draft({ startAt: h.clock.now() + HOUR }));
    const edited = await h.call('campaigns:save', { botId, id: planned.id, draft: draft({ name: 'Spring sale 2' }) });
    expect(edited).toMatchObject({ status: 'draft', total: 0, name: 'Spring sale 2' });
    await h.call('campaigns:schedule', { id: planned.id });
    await h.clock.advance(HOUR + MINUTE);
    expect((await campaign(planned.id)).startedAt).not.toBeNull();
    const refused = await h.engine.dispatch('campaigns:save', { botId, id: planned.id, draft: draft() });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });
});

describe('sending', () => {
  it('goes one message at a time, typing first, with random gaps within the bounds and a pause every N', async () => {
    await importPeople(customers(6));
    const d = draft();
    const planned = await schedule({ ...d, throttle: { ...d.throttle, pauseEvery: 3, pauseMinutes: 5 } });
    await h.clock.advance(20 * MINUTE);
    const sent = received();
    expect(sent).toHaveLength(6);
    const gaps = sent.slice(1).map((m, i) => m.ts - sent[i]!.ts);
    // Each gap: the random delay (15–45 s) plus typing (1–4 s); after the 3rd message a 5-minute pause.
    gaps.forEach((gap, i) => {
      const pause = i === 2 ? 5 * MINUTE : 0;
      expect(gap).toBeGreaterThanOrEqual(15_000 + pause);
      expect(gap).toBeLessThanOrEqual(45_000 + 4_000 + pause + 1_000);
    });
    const typing = h.engine.network.delivery.presences.filter((p) => p.state === 'composing');
    expect(typing).toHaveLength(6);
    const done = await campaign(planned.id);
    expect(done).toMatchObject({ status: 'done', note: 'Sent 6, failed 0.' });
    // The messages are in the chats too, and receipts came back.
    expect(done.counts.read + done.counts.delivered).toBe(6);
  });

  it('waits outside the window and says when it opens; a window across midnight belongs to its first day', async () => {
    await importPeople(customers(2));
    const planned = await schedule(
      draft({ window: { start: '22:00', end: '02:00', days: [1], timeZone: 'Asia/Tokyo' } }),
    );
    // 09:00 UTC Monday is 18:00 Monday in Tokyo: closed until 22:00 Tokyo (13:00 UTC).
    await h.clock.advance(MINUTE);
    expect(received()).toHaveLength(0);
    expect((await campaign(planned.id)).note).toBe('Outside the sending window; next opens Mon 22:00.');
    await h.clock.advance(4 * HOUR);
    expect(received()).toHaveLength(2);
    expect(new Date(received()[0]!.ts).toISOString()).toMatch(/T13:0/);
  });

  it('keeps to the daily cap and the warm-up, and goes on the next day', async () => {
    await importPeople(customers(5));
    const d = draft({ window: { start: '00:00', end: '23:59', days: [0, 1, 2, 3, 4, 5, 6], timeZone: 'UTC' } });
    const planned = await schedule({ ...d, throttle: { ...d.throttle, dailyCap: 3, warmup: [{ days: 1, cap: 1 }] } });
    await h.clock.advance(2 * HOUR);
    expect(received()).toHaveLength(1);
    expect((await campaign(planned.id)).note).toMatch(/cap of 1 is reached/);
    expect(await h.call('campaigns:health', { botId })).toMatchObject({
      sentToday: 1,
      capToday: 1,
      warmupStage: 'Warm-up day 1 of 1: 1 a day',
    });
    await h.clock.advance(15 * HOUR); // past midnight: day 2, warmed up, 3 a day
    expect(received()).toHaveLength(4);
    await h.clock.advance(24 * HOUR);
    expect(received()).toHaveLength(5);
  });

  it('never bursts to catch up after the bot was offline', async () => {
    await importPeople(customers(4));
    await h.call('bots:stop', { botId });
    await schedule();
    await h.clock.advance(3 * HOUR);
    expect(received()).toHaveLength(0);
    await h.call('bots:start', { botId });
    await h.waitForStatus(botId, 'online');
    await h.clock.advance(10 * MINUTE);
    const sent = received();
    expect(sent).toHaveLength(4);
    sent.slice(1).forEach((m, i) => expect(m.ts - sent[i]!.ts).toBeGreaterThanOrEqual(15_000));
  });

  it('closing the app mid-typing sends nothing then, and that message once after the restart', async () => {
    await importPeople(customers(3));
    const planned = await schedule();
    await h.clock.advance(500); // the first message is claimed and its typing pause has begun
    expect((await campaign(planned.id)).counts.sending).toBe(1);
    await h.restart(); // hung forever on the typing pause before stop() woke it
    expect(received()).toHaveLength(0);
    await h.waitForStatus(botId, 'online');
    await h.clock.advance(10 * MINUTE);
    const after = await campaign(planned.id);
    expect(after).toMatchObject({ status: 'done', note: 'Sent 3, failed 0.' });
    expect(new Set(received().map((m) => m.to)).size).toBe(3);
    expect(received()).toHaveLength(3);
  });

  it('fails a number without WhatsApp at once, and retries a passing failure with backoff', async () => {
    const [ana, ben] = customers(2);
    await importPeople([ana!, ben!]);
    h.engine.network.delivery.notOnWhatsApp.add(ana!);
    h.engine.network.delivery.refuseNext(500, 'Server hiccup.');
    const planned = await schedule();
    await h.clock.advance(30 * MINUTE);
    const rows = await h.call('campaigns:recipients', { id: planned.id });
    expect(rows.find((r) => r.phone === ana)).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'That number is not on WhatsApp.',
    });
    expect(rows.find((r) => r.phone === ben)).toMatchObject({
      attempts: 2,
      status: expect.stringMatching(/sent|delivered|read/),
    });
    expect(received().map((m) => m.to)).toEqual([ben]);
  });

  it('slows down when WhatsApp says so, then pauses itself and says why', async () => {
    await importPeople(customers(6));
    const planned = await schedule();
    await h.clock.advance(2 * MINUTE);
    h.engine.network.delivery.refuseNext(463);
    await h.clock.advance(2 * MINUTE);
    expect((await campaign(planned.id)).note).toMatch(/\(463\)\. Sending more slowly\./);
    h.engine.network.delivery.refuseNext(463);
    await h.clock.advance(40 * MINUTE);
    const paused = await campaign(planned.id);
    expect(paused.status).toBe('paused');
    expect(paused.note).toMatch(/paused to protect the number/);
    expect((await h.call('campaigns:health', { botId })).lastWarning?.message).toMatch(/paused to protect/);
    const before = received().length;
    await h.clock.advance(HOUR);
    expect(received()).toHaveLength(before);
    await h.call('campaigns:resume', { id: planned.id });
    await h.clock.advance(3 * HOUR);
    expect((await campaign(planned.id)).status).toBe('done');
  });

  it('goes back to its normal pace after an hour without trouble', async () => {
    await importPeople(customers(150));
    const d = draft();
    await schedule({ ...d, throttle: { ...d.throttle, pauseEvery: 1000 } });
    await h.clock.advance(2 * MINUTE);
    h.engine.network.delivery.refuseNext(463);
    await h.clock.advance(2 * MINUTE);
    const slowedAt = h.clock.now();
    await h.clock.advance(3 * HOUR);
    const gaps = (from: number, to: number) => {
      const sent = received().filter((m) => m.ts >= from && m.ts < to);
      return sent.slice(1).map((m, i) => m.ts - sent[i]!.ts);
    };
    // Slowed in the first hour: after the 20-minute wait, the 15–45 s gap doubled.
    const slowed = gaps(slowedAt + 25 * MINUTE, slowedAt + 55 * MINUTE);
    expect(slowed.length).toBeGreaterThan(10);
    expect(Math.min(...slowed)).toBeGreaterThanOrEqual(30_000);
    // After an hour with no trouble, the normal gaps again.
    const eased = gaps(slowedAt + HOUR + 5 * MINUTE, slowedAt + 2 * HOUR);
    expect(eased.length).toBeGreaterThan(10);
    expect(Math.max(...eased)).toBeLessThanOrEqual(45_000 + 4_000 + 1_000);
    const log = await h.call('bots:events', { botId, kinds: ['info'], limit: 50 });
    expect(log.items.map((e) => e.message)).toContain(
      'Campaign “Spring sale”: an hour without trouble, back to the normal pace.',
    );
  });

  it('pauses itself when delivery receipts fall well behind the sends', async () => {
    const phones = customers(60);
    await importPeople(phones);
    for (const phone of phones) h.engine.network.delivery.unreachable.add(phone);
    const planned = await schedule();
    await h.clock.advance(45 * MINUTE);
    const paused = await campaign(planned.id);
    expect(paused.status).toBe('paused');
    expect(paused.note).toMatch(/^Only 0 of the last \d+ messages sent more than 15 minutes ago were delivered\./);
    expect(paused.counts.queued).toBeGreaterThan(0);
  });

  it('pause, resume and cancel do what they say', async () => {
    await importPeople(customers(5));
    const planned = await schedule();
    await h.clock.advance(30_000);
    await h.call('campaigns:pause', { id: planned.id });
    const sentWhenPaused = received().length;
    await h.clock.advance(HOUR);
    expect(received()).toHaveLength(sentWhenPaused);
    await h.call('campaigns:resume', { id: planned.id });
    await h.clock.advance(50_000);
    await h.call('campaigns:cancel', { id: planned.id });
    const cancelled = await campaign(planned.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.counts.cancelled).toBeGreaterThan(0);
    const total = received().length;
    await h.clock.advance(HOUR);
    expect(received()).toHaveLength(total);
    const refused = await h.engine.dispatch('campaigns:resume', { id: planned.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });

  it('leaves out a contact who answered STOP from the next campaign', async () => {
    const [ana, ben] = customers(2);
    await importPeople([ana!, ben!]);
    const first = await schedule();
    await h.clock.advance(10 * MINUTE);
    expect((await campaign(first.id)).status).toBe('done');
    h.engine.network.receive({ from: ana!, to: botPhone, text: 'STOP' });
    await h.clock.advance(10_000);
    await h.engine.automations.idle();
    const second = await schedule(draft({ name: 'Summer' }));
    expect(second).toMatchObject({ total: 1, excluded: { 'opted out': 1 } });
  });

  it('sends a picture with its caption to contacts chosen by hand', async () => {
    await importPeople(customers(3));
    const { contacts } = await h.call('contacts:list', {
      filter: { botId, query: '', tag: null, optedOut: 'any' },
      limit: 10,
    });
    const chosen = contacts.filter((c) => c.phone !== null).slice(0, 2);
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#00a884' } })
      .png()
      .toBuffer();
    const media = await h.call('templates:upload', { name: 'offer.png', data: png.toString('base64') });
    expect(media).toMatchObject({ kind: 'image', name: 'offer.png' });
    await schedule(
      draft({
        variants: [{ text: 'Our new menu, {{first_name|friend}}', media }],
        audience: { kind: 'contacts', ids: chosen.map((c) => c.id) },
      }),
    );
    const sent = () => h.engine.network.inboxOfContacts.filter((m) => m.from === botPhone);
    await h.advanceUntil(() => sent().length >= 2, 10 * MINUTE, 'both pictures');
    expect(
      sent()
        .map((m) => m.to)
        .sort(),
    ).toEqual(chosen.map((c) => c.phone).sort());
    expect(sent().every((m) => m.media?.kind === 'image' && m.media.mime === 'image/png')).toBe(true);
    expect(sent()[0]?.text).toMatch(/^Our new menu, \S+/);
  });

  it('exports the per-recipient report as CSV', async () => {
    await importPeople(customers(2));
    const planned = await schedule();
    await h.clock.advance(10 * MINUTE);
    const report = await h.call('campaigns:export', { id: planned.id });
    expect(report.fileName).toBe('campaign-spring-sale-report.csv');
    const lines = report.csv.trim().split('\r\n');
    expect(lines[0]).toBe('phone,name,variant,status,attempts,error,sent_at,delivered_at,read_at,text');
    expect(lines).toHaveLength(3);
    // The phone starts with +, which a spreadsheet would run as a formula: it is neutralised.
    expect(lines[1]).toMatch(/^"'\+447700900100",Customer 0,1,(sent|delivered|read),1,,2026-01-05T09:/);
  });
});
