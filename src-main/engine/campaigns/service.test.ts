import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Campaign, CampaignDraft } from '../../../src-shared/campaigns';
import { FakeClock } from '../clock';
import { createEngineEvents } from '../events';
import { memoryDbWithBots } from '../testing/memory-db';
import type { CampaignScheduler } from './scheduler';
import { createCampaignService, type CampaignService } from './service';

// The service on a real migrated database, with a scheduler fake that only counts wake-ups.
let sqlite: Database.Database;
let service: CampaignService;
let wakes: number;
let progress: Campaign[];

const scheduler = {
  wake: () => {
    wakes += 1;
  },
  health: () => {
    throw new Error('not used');
  },
  expectedFinish: (id: number) => id * 1000,
} as unknown as CampaignScheduler;

beforeEach(() => {
  sqlite = memoryDbWithBots('b1', 'b2');
  wakes = 0;
  progress = [];
  const events = createEngineEvents();
  events.on('campaign:progress', ({ campaign }) => progress.push(campaign));
  service = createCampaignService({
    sqlite,
    clock: new FakeClock(),
    events,
    botExists: (id) => id === 'b1' || id === 'b2',
    scheduler: () => scheduler,
  });
});

afterEach(() => sqlite.close());

const addContact = (
  phone: string | null,
  opts: { name?: string; tags?: string[]; optedOut?: boolean; fields?: Record<string, string>; bot?: string } = {},
): number => {
  const { id } = sqlite
    .prepare(
      `INSERT INTO contacts (bot_id, phone_jid, lid_jid, name, fields, opted_out_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 0) RETURNING id`,
    )
    .get(
      opts.bot ?? 'b1',
      phone ? `${phone}@s.whatsapp.net` : null,
      phone ? null : `${Math.random().toString().slice(2)}@lid`,
      opts.name ?? null,
      JSON.stringify(opts.fields ?? {}),
      opts.optedOut ? 1 : null,
    ) as { id: number };
  for (const tag of opts.tags ?? []) sqlite.prepare('INSERT INTO contact_tags VALUES (?, ?)').run(id, tag);
  return id;
};

const draft = (overrides: Partial<CampaignDraft> = {}): CampaignDraft => ({
  name: 'Spring sale',
  variants: [{ text: 'Hi {{first_name|there}}', media: null }],
  audience: { kind: 'all' },
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

const rows = (id: number) =>
  sqlite.prepare('SELECT * FROM campaign_recipients WHERE campaign_id = ? ORDER BY id').all(id) as {
    contact_id: number;
    phone: string;
    variant: number;
    text: string;
    wa_id: string;
  }[];

describe('planning', () => {
  it('leaves out opted-out and numberless contacts, counts them, and fills each text', async () => {
    addContact('447700900001', { name: 'Ann Lee', fields: { town: 'Leeds' } });
    addContact('447700900002', { optedOut: true });
    addContact(null, { name: 'Only a LID' });
    addContact('447700900003');
    const saved = service.save(
      'b1',
      undefined,
      draft({ variants: [{ text: 'Hi {{first_name|there}} in {{town|your town}}', media: null }] }),
    );
    const planned = await service.schedule(saved.id);
    expect(planned.status).toBe('scheduled');
    expect(planned.total).toBe(2);
    expect(planned.excluded).toEqual({ 'opted out': 1, 'no phone number': 1 });
    expect(planned.counts.queued).toBe(2);
    expect(planned.expectedFinishAt).toBe(saved.id * 1000);
    expect(rows(saved.id).map((r) => [r.phone, r.text])).toEqual([
      ['+447700900001', 'Hi Ann in Leeds'],
      ['+447700900003', 'Hi there in your town'],
    ]);
    expect(wakes).toBe(1);
    expect(progress.at(-1)?.status).toBe('scheduled');
  });

  it('takes contacts with any of the tags, or only those with all of them', async () => {
    addContact('447700900001', { tags: ['vip', 'spring'] });
    addContact('447700900002', { tags: ['vip'] });
    addContact('447700900003', { tags: ['spring'] });
    addContact('447700900004');
    addContact('447700900005', { tags: ['vip', 'spring'], bot: 'b2' });
    const any = service.save(
      'b1',
      undefined,
      draft({ audience: { kind: 'tags', tags: ['vip', 'spring'], match: 'any' } }),
    );
    const all = service.save(
      'b1',
      undefined,
      draft({ audience: { kind: 'tags', tags: ['vip', 'spring'], match: 'all' } }),
    );
    expect((await service.schedule(any.id)).total).toBe(3);
    expect(rows((await service.schedule(all.id)).id).map((r) => r.phone)).toEqual(['+447700900001']);
  });

  it('rotates variants, fixes a unique message id for each row, and is reproducible', async () => {
    for (let i = 0; i < 7; i++) addContact(`4477009000${10 + i}`);
    const variants = [
      { text: '{Hi|Hello|Hey} one', media: null },
      { text: '{Hi|Hello|Hey} two', media: null },
      { text: 'three', media: null },
    ];
    const a = service.save('b1', undefined, draft({ variants }));
    const b = service.save('b1', undefined, draft({ variants }));
    await service.schedule(a.id);
    await service.schedule(b.id);
    const planned = rows(a.id);
    expect(planned.map((r) => r.variant)).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(planned[2]?.text).toBe('three');
    expect(planned.every((r) => /^(Hi|Hello|Hey) (one|two|three)$|^three$/.test(r.text))).toBe(true);
    const ids = [...planned, ...rows(b.id)].map((r) => r.wa_id);
    expect(ids.every((id) => /^3EB0[0-9A-F]{20}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(14);
    // The same contacts get the same texts in a second plan: the preview can be trusted.
    expect(rows(b.id).map((r) => r.text)).toEqual(planned.map((r) => r.text));
  });

  it('writes all rows or none: a failure mid-plan leaves the draft as it was', async () => {
    for (let i = 0; i < 5; i++) addContact(`4477009000${10 + i}`);
    const saved = service.save('b1', undefined, draft());
    sqlite.exec(`CREATE TRIGGER boom BEFORE INSERT ON campaign_recipients
      WHEN (SELECT count(*) FROM campaign_recipients) >= 3 BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await expect(service.schedule(saved.id)).rejects.toThrow('disk full');
    expect(rows(saved.id)).toHaveLength(0);
    expect(service.get(saved.id)).toMatchObject({ status: 'draft', total: 0, excluded: {} });
  });

  it('refuses an empty audience with the reasons, and changes nothing', async () => {
    addContact('447700900001', { optedOut: true });
    const saved = service.save('b1', undefined, draft());
    await expect(service.schedule(saved.id)).rejects.toThrow(/Nobody to send to \(left out: 1 opted out\)/);
    expect(service.get(saved.id).status).toBe('draft');
  });

  it('refuses unknown variables and unbalanced spintax, naming what to fix', () => {
    addContact('447700900001', { fields: { town: 'Leeds' } });
    expect(() =>
      service.save('b1', undefined, draft({ variants: [{ text: 'Size {{shoe_size}}', media: null }] })),
    ).toThrow('{{shoe_size}} is not a field any contact has. Add it to your contacts or give it a fallback');
    expect(() =>
      service.save('b1', undefined, draft({ variants: [{ text: '{Hi|Hello there', media: null }] })),
    ).toThrow('A “{” has no matching “}”. Close every {choice|choice}.');
    // A field some contact has, and any variable with a fallback, are fine.
    expect(
      service.save('b1', undefined, draft({ variants: [{ text: '{{town}} {{shoe_size|your size}}', media: null }] }))
        .status,
    ).toBe('draft');
  });
});

describe('control', () => {
  const scheduled = async () => {
    addContact('447700900001');
    addContact('447700900002');
    const saved = service.save('b1', undefined, draft());
    return service.schedule(saved.id);
  };

  it('can be edited until it starts: a scheduled campaign goes back to draft without its rows', async () => {
    const c = await scheduled();
    const edited = service.save('b1', c.id, draft({ name: 'Spring sale, take two' }));
    expect(edited).toMatchObject({ status: 'draft', name: 'Spring sale, take two', total: 0 });
    expect(rows(c.id)).toHaveLength(0);
    await service.schedule(c.id);
    sqlite.prepare("UPDATE campaigns SET status = 'running', started_at = 1 WHERE id = ?").run(c.id);
    expect(() => service.save('b1', c.id, draft())).toThrow(/started; duplicate it/);
  });

  it('pauses, resumes and cancels, and refuses what makes no sense', async () => {
    const c = await scheduled();
    expect(() => service.resume(c.id)).toThrow('Only a paused campaign can be resumed; this one is scheduled.');
    expect(service.pause(c.id)).toMatchObject({ status: 'paused', note: 'Paused by you.' });
    expect(() => service.pause(c.id)).toThrow(/this one is paused/);
    expect(service.resume(c.id)).toMatchObject({ status: 'scheduled', note: null });
    const cancelled = service.cancel(c.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.counts.cancelled).toBe(2);
    expect(() => service.cancel(c.id)).toThrow('This campaign is already cancelled.');
    await expect(service.schedule(c.id)).rejects.toThrow(/only a draft can be scheduled/);
    expect(progress.map((p) => p.status).slice(-3)).toEqual(['paused', 'scheduled', 'cancelled']);
  });

  it('duplicates as a new draft and deletes with its rows', async () => {
    const c = await scheduled();
    const copy = service.duplicate(c.id);
    expect(copy).toMatchObject({ status: 'draft', name: 'Spring sale (copy)', total: 0 });
    expect(service.list('b1').map((x) => x.id)).toEqual([copy.id, c.id]);
    expect(service.list('b2')).toEqual([]);
    service.remove(c.id);
    expect(rows(c.id)).toHaveLength(0);
    expect(() => service.get(c.id)).toThrow('That campaign does not exist any more.');
  });

  it('pages recipients by id with a status filter, and exports the report as CSV', async () => {
    for (let i = 0; i < 5; i++) addContact(`4477009000${10 + i}`, { name: `Customer ${i}` });
    const c = await service.schedule(service.save('b1', undefined, draft()).id);
    const first = service.recipients({ id: c.id, status: null, afterId: 0, limit: 2 });
    const next = service.recipients({ id: c.id, status: null, afterId: first[1]?.id ?? 0, limit: 2 });
    expect([...first, ...next].map((r) => r.phone)).toEqual([
      '+447700900010',
      '+447700900011',
      '+447700900012',
      '+447700900013',
    ]);
    sqlite
      .prepare(
        "UPDATE campaign_recipients SET status = 'failed', attempts = 2, error = 'Not on WhatsApp', sent_at = ? WHERE id = ?",
      )
      .run(Date.UTC(2026, 0, 5, 9), first[0]?.id);
    expect(service.recipients({ id: c.id, status: 'failed', afterId: 0, limit: 10 }).map((r) => r.name)).toEqual([
      'Customer 0',
    ]);
    const { fileName, csv } = service.export(c.id);
    expect(fileName).toBe('campaign-spring-sale-report.csv');
    const lines = csv.split(/\r?\n/);
    expect(lines[0]).toMatch(/^\uFEFFphone,name,variant,status,attempts,error,sent_at,delivered_at,read_at/);
    // A leading + is neutralised (a spreadsheet would read it as a formula) and reads back as it was.
    expect(lines[1]).toContain(`"'+447700900010",Customer 0,1,failed,2,Not on WhatsApp,2026-01-05T09:00:00.000Z,,`);
    expect(lines).toHaveLength(6);
  });
});
