import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

/** A cell Excel, LibreOffice or Google Sheets would run as a formula when the file is opened. */
const FORMULA = /^[=+\-@\t\r]/;
const everyone = (id: string) => ({ filter: { botId: id, query: '', tag: null, optedOut: 'any' as const } });

describe('the contacts export', () => {
  it('writes no cell a spreadsheet would run, and imports back exactly as it was', async () => {
    await h.call('contacts:save', {
      botId,
      contact: {
        phone: '+447700900001',
        name: '=HYPERLINK("http://evil.example","Click")',
        tags: ['+vip', '@spring'],
        fields: { order: '@SUM(A1:A9)', balance: '-12.50', code: "'=not a formula" },
        notes: '\tindented',
      },
    });
    await h.call('contacts:save', {
      botId,
      contact: { phone: '+447700900002', name: 'Ben', fields: { order: 'tea' } },
    });
    // A WhatsApp name the customer chose.
    h.engine.db.sqlite.prepare("UPDATE contacts SET push_name = '=cmd|'' /C calc''!A0' WHERE name = 'Ben'").run();

    const exported = await h.call('contacts:export', { botId, selection: everyone(botId) });
    const rows = Papa.parse<string[]>(exported.csv).data;
    expect(rows).toHaveLength(3);
    for (const cell of rows.flat()) expect(cell).not.toMatch(FORMULA);
    const header = rows[0] ?? [];
    const ana = rows.find((r) => r[header.indexOf('phone')] === "'+447700900001") ?? [];
    expect(ana[header.indexOf('name')]).toBe(`'=HYPERLINK("http://evil.example","Click")`);
    expect(ana[header.indexOf('order')]).toBe("'@SUM(A1:A9)");
    expect(ana[header.indexOf('code')]).toBe("''=not a formula");
    expect(rows.flat()).toContain("'=cmd|' /C calc'!A0");

    const other = (await h.call('bots:create', { name: 'Other', kind: 'demo' })).id;
    const preview = await h.call('contacts:import-preview', { botId: other, csv: exported.csv });
    expect(preview.sample.flat()).toContain('=HYPERLINK("http://evil.example","Click")');
    await h.call('contacts:import', { botId: other, csv: exported.csv, mapping: preview.mapping, tags: [] });
    const strip = async (id: string) =>
      (await h.call('contacts:list', { ...everyone(id), limit: 10 })).contacts.map((c) => ({
        phone: c.phone,
        name: c.name,
        tags: c.tags,
        order: c.fields.order,
        balance: c.fields.balance,
        code: c.fields.code,
      }));
    expect(await strip(other)).toEqual(await strip(botId));
    expect((await strip(other)).find((c) => c.phone === '+447700900001')).toMatchObject({
      balance: '-12.50',
      code: "'=not a formula",
    });
  });
});
