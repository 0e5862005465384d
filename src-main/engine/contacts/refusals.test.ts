import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
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

/** Bytes as the renderer's File.text() turns them into a string: UTF-8, bad bytes as U+FFFD. */
const asText = (bytes: number[]) => new TextDecoder('utf-8').decode(new Uint8Array(bytes));

const randomBytes = (n: number, seed: number) => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => Math.floor(random() * 256));
};

const PNG = [
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  0,
  0,
  0,
  0x0d,
  0x49,
  0x48,
  0x44,
  0x52,
  ...randomBytes(200, 3),
];
const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, ...randomBytes(200, 4)];
const XLSX = [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, ...randomBytes(200, 5)];

const refusal = async (csv: string) => {
  const preview = await h.engine.dispatch('contacts:import-preview', { botId, csv });
  const imported = await h.engine.dispatch('contacts:import', { botId, csv, mapping: { phone: 0 } });
  expect(imported).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  const total = await h.call('contacts:list', {
    filter: { botId, query: '', tag: null, optedOut: 'any' },
    limit: 1,
  });
  expect(total.total).toBe(0);
  return preview;
};

describe('a file that is no contacts table', () => {
  it.each([
    [
      'random bytes',
      asText(randomBytes(4096, 1)),
      /^This does not look like a contacts table: it is a binary file, not text\./,
    ],
    ['a file with NUL bytes', `phone\n+447700900001\n\u0000\u0000\u0000`, /it is a binary file, not text/],
    ['invalid UTF-8 throughout', asText(randomBytes(4096, 2).map((b) => b | 0x80)), /it is a binary file/],
    ['a PNG image', asText(PNG), /it is an image \(PNG\)/],
    ['a JPEG photo', asText(JPEG), /it is an image \(JPEG\)/],
    ['an Excel workbook', asText(XLSX), /\.xlsx.*In Excel choose File › Save As › CSV UTF-8/],
    ['a JSON file', '[{"phone": "+447700900001", "name": "Ana"}]', /it is a JSON file\. Export your contacts as CSV/],
    ['a vCard', 'BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nTEL:+447700900001\nEND:VCARD\n', /vCard .*Export › Google CSV/],
    ['a web page', '<!DOCTYPE html><html><body>Contacts</body></html>', /it is a web page/],
  ])('refuses %s and says what it is', async (_what, csv, message) => {
    const preview = await refusal(csv);
    expect(preview).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(message) },
    });
  });

  it('refuses a table with no column of phone numbers, in the words the person acts on', async () => {
    const csv = 'Name,City,Notes\nAna,Leeds,Likes tea\nBen,York,Wholesale\n';
    const preview = await refusal(csv);
    expect(preview).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message:
          'This does not look like a contacts table: no column holds phone numbers. Export your contacts as CSV with a phone column.',
      },
    });
    const imported = await h.engine.dispatch('contacts:import', { botId, csv, mapping: { phone: 1 } });
    expect(imported).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(
          /^This does not look like a contacts table: no column holds phone numbers \(“City” has none\)/,
        ),
      },
    });
  });

  it('finds the phone column by what it holds when no header names it', async () => {
    const preview = await h.call('contacts:import-preview', {
      botId,
      csv: 'Kunde,Rufnummer mobil,Ort\nAna,+44 7700 900001,Leeds\nBen,+44 7700 900002,York\n',
    });
    expect(preview.mapping.phone).toBe(1);
    const unnamed = await h.call('contacts:import-preview', {
      botId,
      csv: 'Who,Reach,Where\nAna,+44 7700 900001,Leeds\nBen,07700 900002,York\n',
    });
    expect(unnamed.mapping).toMatchObject({ phone: 1, fields: { who: 0, where: 2 } });
  });

  it('still reports the rows of a real table whose numbers are all wrong, line by line', async () => {
    const result = await h.call('contacts:import', {
      botId,
      csv: 'phone,name\n6.28123E+11,Ana\n12345678,Ben\n',
      mapping: { phone: 0, name: 1 },
      tags: [],
    });
    expect(result.added).toBe(0);
    expect(result.skipped).toEqual([
      {
        line: 2,
        reason:
          '“6.28123E+11” was shortened by a spreadsheet (its last digits are lost); format the column as text and export again.',
      },
      { line: 3, reason: expect.stringMatching(/^“12345678” is not a valid phone number/) },
    ]);
  });
});

describe('numbers a spreadsheet rounded', () => {
  it('refuses each with its line instead of messaging a stranger', async () => {
    const rows = ['6,28123E+11', '6.28123E+11', '6.28E+11', '6,28123E11', '628123E+6', '4.47700900123E+11'];
    const csv = ['phone;name', ...rows.map((cell, i) => `${cell};Customer ${i}`)].join('\r\n');
    const result = await h.call('contacts:import', { botId, csv, mapping: { phone: 0, name: 1 }, tags: [] });
    expect(result.skipped.map((s) => s.line)).toEqual([2, 3, 4, 5, 6]);
    for (const skipped of result.skipped) {
      expect(skipped.reason).toMatch(/was shortened by a spreadsheet .*format the column as text and export again\.$/);
    }
    const { contacts } = await h.call('contacts:list', {
      filter: { botId, query: '', tag: null, optedOut: 'any' },
      limit: 10,
    });
    expect(contacts.map((c) => c.phone)).toEqual(['+447700900123']);
  });
});

describe('names made of invisible characters', () => {
  it('are refused when typed, and count as no name in an import', async () => {
    const blank = await h.engine.dispatch('contacts:save', {
      botId,
      contact: { phone: '+447700900001', name: '\u200B\u200D\u2060' },
    });
    expect(blank).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/name with letters or digits you can see/) },
    });
    expect((await h.call('contacts:save', { botId, contact: { phone: '+447700900001', name: '' } })).name).toBeNull();

    const csv = 'phone,name,company\n+447700900002,\u200B\uFEFF\u00AD,Kite Shop\n+447700900003,\u200E\u200F,\n';
    const preview = await h.call('contacts:import-preview', { botId, csv });
    expect(preview.mapping).toMatchObject({ name: 1, organisation: 2 });
    await h.call('contacts:import', { botId, csv, mapping: preview.mapping, tags: [] });
    const { contacts } = await h.call('contacts:list', {
      filter: { botId, query: '', tag: null, optedOut: 'any' },
      limit: 10,
    });
    expect(contacts.map((c) => [c.phone, c.name])).toEqual([
      ['+447700900002', 'Kite Shop'],
      ['+447700900001', null],
      ['+447700900003', null],
    ]);
  });
});
