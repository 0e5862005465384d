import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactFilter } from '../../../src-shared/contacts';
import { createHarness, type Harness } from '../testing/engine-harness';

let h: Harness;
let botId: string;

beforeEach(async () => {
  h = await createHarness();
  botId = (await h.call('bots:create', { name: 'Corner Shop', kind: 'demo' })).id;
});

afterEach(async () => {
  await h.dispose();
});

const mapping = { phone: 0, name: 1, tags: 2, fields: {} };
const everyone = (): ContactFilter => ({ botId, query: '', tag: null, optedOut: 'any' });
const list = async (filter: Partial<ContactFilter> = {}) =>
  h.call('contacts:list', { filter: { ...everyone(), ...filter }, limit: 100 });

describe('importing contacts from a CSV', () => {
  it('adds the good rows and reports every bad one with its line and reason', async () => {
    const csv = [
      'Phone,Name,Tags,City',
      '+44 7700 900001,Ana,vip;spring,Leeds',
      '07700 900002,"Brown, Ben",spring,York', // national number: the default country (GB)
      '12345,Broken,,',
      '+447700900001,Ana again,,',
      '"+44 7700 900003","Cara',
      'on two lines",,Hull',
      ',No number,,',
    ].join('\n');
    const result = await h.call('contacts:import', {
      botId,
      csv,
      mapping: { ...mapping, fields: { city: 3 } },
      tags: ['march'],
    });
    expect(result.added).toBe(3);
    expect(result.skipped).toEqual([
      { line: 4, reason: expect.stringMatching(/^“12345” is not a valid phone number/) },
      { line: 5, reason: '+447700900001 is already on line 2 (duplicate).' },
      { line: 8, reason: 'The phone number is empty.' },
    ]);
    const { contacts, total } = await list();
    expect(total).toBe(3);
    expect(contacts.map((c) => [c.name, c.phone, c.tags, c.fields])).toEqual([
      ['Ana', '+447700900001', ['march', 'spring', 'vip'], { city: 'Leeds' }],
      ['Brown, Ben', '+447700900002', ['march', 'spring'], { city: 'York' }],
      ['Cara\non two lines', '+447700900003', ['march'], { city: 'Hull' }],
    ]);
  });

  it('reads a BOM, semicolons and the numbers Excel mangles, and guesses the columns', async () => {
    const csv =
      '\uFEFFNombre;Teléfono;Etiquetas\r\nAna;4.47700900001E+11;vip\r\nBen;\'447700900002;\r\nCara;="00447700900003";\r\n';
    const preview = await h.call('contacts:import-preview', { botId, csv });
    expect(preview.delimiter).toBe(';');
    expect(preview.columns).toEqual(['Nombre', 'Teléfono', 'Etiquetas']);
    expect(preview.rows).toBe(3);
    expect(preview.mapping).toMatchObject({ phone: 1, name: 0, tags: 2 });
    const result = await h.call('contacts:import', { botId, csv, mapping: preview.mapping, tags: [] });
    expect(result).toEqual({ added: 3, updated: 0, skipped: [], notes: [] });
    expect((await list()).contacts.map((c) => c.phone)).toEqual(['+447700900001', '+447700900002', '+447700900003']);
  });

  it('updates contacts it already has instead of adding them twice', async () => {
    await h.call('contacts:save', {
      botId,
      contact: { phone: '+447700900001', name: 'Ana', tags: ['old'], fields: { city: 'Leeds' }, notes: '' },
    });
    const result = await h.call('contacts:import', {
      botId,
      csv: 'phone,name,tags,size\n+447700900001,,new,M\n',
      mapping: { ...mapping, fields: { size: 3 } },
      tags: [],
    });
    expect(result).toMatchObject({ added: 0, updated: 1 });
    const [ana] = (await list()).contacts;
    expect(ana).toMatchObject({
      name: 'Ana',
      tags: ['new', 'old'],
      fields: { city: 'Leeds', size: 'M' },
      source: 'manual',
    });
  });

  it('keeps nothing of an import that fails while writing', async () => {
    h.engine.db.sqlite.exec(
      "CREATE TRIGGER fail_third AFTER INSERT ON contacts WHEN NEW.phone_jid = '447700900003@s.whatsapp.net' BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    const reply = await h.engine.dispatch('contacts:import', {
      botId,
      csv: 'phone\n+447700900001\n+447700900002\n+447700900003\n',
      mapping: { phone: 0, name: null, tags: null, fields: {} },
      tags: ['x'],
    });
    expect(reply.ok).toBe(false);
    expect((await list()).total).toBe(0);
    expect(await h.call('contacts:tags', { botId })).toEqual([]);
  });

  it('refuses a mapping to a column the file does not have', async () => {
    const reply = await h.engine.dispatch('contacts:import', {
      botId,
      csv: 'phone\n+447700900001\n',
      mapping: { phone: 3 },
    });
    expect(reply).toMatchObject({ ok: false, error: { message: expect.stringMatching(/column 4 does not exist/) } });
  });
});

describe('the contacts list', () => {
  const seed = async (n: number) => {
    const rows = ['phone,name,tags'];
    for (let i = 0; i < n; i += 1)
      rows.push(
        `+447700900${String(i).padStart(3, '0')},Customer ${String(i).padStart(3, '0')},${i % 3 === 0 ? 'vip' : ''}`,
      );
    await h.call('contacts:import', { botId, csv: rows.join('\n'), mapping, tags: [] });
  };

  it('pages by name with no repeats and no gaps, and filters by text, tag and opt-out', async () => {
    await seed(250);
    const seen: string[] = [];
    let after: { sortName: string; id: number } | undefined;
    for (;;) {
      const page = await h.call('contacts:list', { filter: everyone(), ...(after ? { after } : {}), limit: 100 });
      if (page.contacts.length === 0) break;
      seen.push(...page.contacts.map((c) => c.name ?? ''));
      const last = page.contacts.at(-1)!;
      after = { sortName: (last.name ?? '').toLowerCase(), id: last.id };
    }
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    expect(seen).toEqual([...seen].sort());
    expect((await list({ query: 'customer 01' })).total).toBe(10);
    expect((await list({ query: '900100' })).contacts.map((c) => c.name)).toEqual(['Customer 100']);
    expect((await list({ tag: 'vip' })).total).toBe(84);
    const [first] = (await list()).contacts;
    await h.call('contacts:opt-out', { botId, id: first!.id, optedOut: true });
    expect((await list({ optedOut: 'opted-out' })).contacts.map((c) => [c.name, c.optedOutReason])).toEqual([
      ['Customer 000', 'Marked by hand'],
    ]);
    expect((await list({ optedOut: 'subscribed' })).total).toBe(249);
  });

  it('tags, untags and deletes a selection or everything a filter matches', async () => {
    await seed(9);
    const { contacts } = await list();
    const ids = contacts.slice(0, 2).map((c) => c.id);
    expect(await h.call('contacts:bulk', { botId, selection: { ids }, action: 'tag', tag: 'spring' })).toEqual({
      changed: 2,
    });
    expect(await h.call('contacts:tags', { botId })).toEqual([
      { tag: 'spring', count: 2 },
      { tag: 'vip', count: 3 },
    ]);
    await h.call('contacts:bulk', {
      botId,
      selection: { filter: { ...everyone(), tag: 'vip' } },
      action: 'untag',
      tag: 'vip',
    });
    expect(await h.call('contacts:tags', { botId })).toEqual([{ tag: 'spring', count: 2 }]);
    expect(
      await h.call('contacts:bulk', {
        botId,
        selection: { filter: { ...everyone(), tag: 'spring' } },
        action: 'delete',
      }),
    ).toEqual({ changed: 2 });
    expect((await list()).total).toBe(7);
  });

  it('adds a contact by hand with a normalized number, and refuses a number another contact has', async () => {
    const ana = await h.call('contacts:save', {
      botId,
      contact: {
        phone: '07700 900001',
        name: 'Ana',
        tags: ['vip'],
        fields: { city: 'Leeds' },
        notes: 'Prefers mornings',
      },
    });
    expect(ana).toMatchObject({ phone: '+447700900001', source: 'manual', tags: ['vip'] });
    const reply = await h.engine.dispatch('contacts:save', {
      botId,
      contact: { phone: '+44 7700 900001', name: 'Copy' },
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { message: '+447700900001 already belongs to Ana. Edit that contact instead.' },
    });
    const bad = await h.engine.dispatch('contacts:save', { botId, contact: { phone: '+44 7700', name: 'X' } });
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not a valid phone number/) } });
    await h.call('contacts:save-settings', { defaultCountry: 'US' });
    expect((await h.call('contacts:save', { botId, contact: { phone: '(201) 555-0123', name: 'Dan' } })).phone).toBe(
      '+12015550123',
    );
  });

  it('exports CSV that imports back the same', async () => {
    await h.call('contacts:import', {
      botId,
      csv: 'phone,name,tags,city\n+447700900001,"Ana ""A"" Smith","vip;spring",Leeds\n+447700900002,Ben,,\n',
      mapping: { ...mapping, fields: { city: 3 } },
      tags: [],
    });
    const exported = await h.call('contacts:export', { botId, selection: { filter: everyone() } });
    expect(exported.rows).toBe(2);
    expect(exported.fileName).toMatch(/^contacts-corner-shop-\d{4}-\d{2}-\d{2}\.csv$/);
    const other = (await h.call('bots:create', { name: 'Other', kind: 'demo' })).id;
    const preview = await h.call('contacts:import-preview', { botId: other, csv: exported.csv });
    await h.call('contacts:import', { botId: other, csv: exported.csv, mapping: preview.mapping, tags: [] });
    const strip = (
      cs: { name: string | null; phone: string | null; tags: string[]; fields: Record<string, string> }[],
    ) => cs.map(({ name, phone, tags, fields }) => ({ name, phone, tags, city: fields.city }));
    expect(strip((await list({ botId: other })).contacts)).toEqual(strip((await list()).contacts));
  });
});
