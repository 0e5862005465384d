import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, linkDemoBot, type Harness } from '../testing/engine-harness';

let h: Harness;
let botId: string;

beforeEach(async () => {
  h = await createHarness();
  ({ id: botId } = await linkDemoBot(h));
});

afterEach(async () => {
  await h.dispose();
});

/** A cell Excel, LibreOffice or Google Sheets would run as a formula when the file is opened. */
const FORMULA = /^[=+\-@\t\r]/;

describe('the campaign report CSV', () => {
  it('neutralises customers’ names and texts that a spreadsheet would run as formulas', async () => {
    const names = ['=HYPERLINK("http://evil.example","Click")', '@SUM(A1:A9)', '-1+2'];
    const csv = ['phone,name', ...names.map((name, i) => `+44770090010${i},"${name.replace(/"/g, '""')}"`)].join('\n');
    await h.call('contacts:import', { botId, csv, mapping: { phone: 0, name: 1 }, tags: ['spring'] });
    const saved = await h.call('campaigns:save', {
      botId,
      draft: {
        name: 'Spring sale',
        variants: [{ text: '{{name}}', media: null }],
        audience: { kind: 'tags', tags: ['spring'], match: 'any' },
        startAt: null,
        window: { start: '00:00', end: '23:59', days: [0, 1, 2, 3, 4, 5, 6], timeZone: 'UTC' },
        throttle: {
          delayMinSeconds: 5,
          delayMaxSeconds: 5,
          pauseEvery: 100,
          pauseMinutes: 0,
          dailyCap: 100,
          warmup: [],
          typing: false,
        },
      },
    });
    await h.call('campaigns:schedule', { id: saved.id });
    const report = await h.call('campaigns:export', { id: saved.id });
    const rows = Papa.parse<string[]>(report.csv.trim()).data;
    expect(rows).toHaveLength(4);
    for (const cell of rows.flat()) expect(cell).not.toMatch(FORMULA);
    const byName = new Map(rows.slice(1).map((r) => [r[1], r]));
    for (const name of names) {
      const row = byName.get(`'${name}`);
      expect(row, name).toBeDefined();
      expect(row?.[0]).toMatch(/^'\+44770090010\d$/);
      expect(row?.[9]).toBe(`'${name}`);
    }
  });
});
