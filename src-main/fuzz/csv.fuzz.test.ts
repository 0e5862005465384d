import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvPreview } from '../../src-shared/contacts';
import { createHarness, type Harness } from '../engine/testing/engine-harness';
import { fuzzParams, report } from './settings';

/**
 * Generated CSV text into the import's preview and import, through the contract: any delimiter,
 * quotes, line breaks, BOMs, Excel's number forms, invisible and full-width characters, and bytes
 * that are no table at all. Properties: every answer is ok or a coded error in words; an import
 * that fails changes nothing; and every number imported is one the file really holds (its last
 * seven digits stand in the file): no digit is made up, as rounding a shortened `6,28123E+11`
 * would.
 */
let h: Harness;
let botId = '';
let inputs = 0;
let worstMs = 0;
/** Files that imported at least one contact: the property must reach the writer, not just the refusals. */
let importedFiles = 0;

beforeAll(async () => {
  h = await createHarness();
  botId = (await h.call('bots:create', { name: 'Shop', kind: 'demo' })).id;
});
afterAll(async () => {
  report('csv', { inputs, failures: 0, worstMs });
  await h.dispose();
});

const phoneish = fc.oneof(
  fc.integer({ min: 100_000, max: 999_999 }).map((n) => `+447911${n}`),
  fc.integer({ min: 100_000, max: 999_999 }).map((n) => `07911 ${n}`),
  fc.integer({ min: 100, max: 999 }).map((n) => `4.47911123${n}E+11`),
  fc.integer({ min: 1, max: 99_999 }).map((n) => `${(n / 10_000).toFixed(4).replace('.', ',')}E+11`),
  fc.integer({ min: 1000, max: 9999 }).map((n) => `="0044791112${n}"`),
  fc.integer({ min: 1000, max: 9999 }).map((n) => `'+44791112${n}`),
  fc.integer({ min: 1000, max: 9999 }).map((n) => `(201) 555-${n}`),
  fc.constantFrom('12345', '', '+', 'n/a', '４４７９１１１２３４５６', '+44\u200B7911\u00A0123456', '6,28123E+11'),
);
const cell = fc.oneof(
  { weight: 3, arbitrary: phoneish },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('"', '""', '"a,b"', '"line\nbreak"', '=SUM(A1)', '\u200B', 'Ana ::: Ben', ';', '\t'),
  },
);
const delimiter = fc.constantFrom(',', ';', '\t', '|');
const header = fc.constantFrom(
  ['Name', 'Phone'],
  ['Phone 1 - Value', 'Given Name', 'Family Name', 'Organization 1 - Name'],
  ['First Name', 'Last Name', 'Mobile Phone', 'Business Phone', 'Categories'],
  ['a', 'b', 'c'],
  [],
);
const csv = fc
  .tuple(
    delimiter,
    header,
    fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 25 }),
    fc.boolean(),
    fc.constantFrom('\r\n', '\n'),
  )
  .map(([d, head, rows, bom, eol]) => (bom ? '\uFEFF' : '') + [head, ...rows].map((r) => r.join(d)).join(eol))
  .filter((text) => text.length > 0);
const noise = fc.string({ minLength: 1, maxLength: 400, unit: 'binary' });

const digitsOf = (text: string) => text.normalize('NFKC').replace(/\D/g, '');
const total = async () => (await h.call('contacts:list', { filter: { botId }, limit: 1 })).total;

describe('CSV import with generated files', () => {
  it('previews and imports, or refuses in words, and imports only numbers the file holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: csv }, { weight: 1, arbitrary: noise }), async (text) => {
        inputs += 1;
        const started = performance.now();
        const preview = await h.engine.dispatch('contacts:import-preview', { botId, csv: text });
        worstMs = Math.max(worstMs, performance.now() - started);
        if (!preview.ok) {
          expect(preview.error.code, preview.error.message).toBe('invalid_input');
          expect(preview.error.message.length).toBeGreaterThan(10);
          return;
        }
        const before = await total();
        const started2 = performance.now();
        const imported = await h.engine.dispatch('contacts:import', {
          botId,
          csv: text,
          mapping: (preview.value as CsvPreview).mapping,
        });
        worstMs = Math.max(worstMs, performance.now() - started2);
        if (!imported.ok) {
          expect(['invalid_input', 'invalid_state'], imported.error.message).toContain(imported.error.code);
          expect(await total()).toBe(before);
          return;
        }
        if ((imported.value as { added: number }).added > 0) importedFiles += 1;
        const fileDigits = digitsOf(text);
        const { contacts } = await h.call('contacts:list', { filter: { botId }, limit: 500 });
        for (const contact of contacts) {
          if (contact.phone === null || contact.source !== 'import') continue;
          expect(contact.phone).toMatch(/^\+\d{7,15}$/);
          expect(fileDigits, `${contact.phone} from ${JSON.stringify(text).slice(0, 300)}`).toContain(
            contact.phone.slice(-7),
          );
        }
        // Each import starts from nothing, so the check above sees only this file's numbers.
        await h.call('contacts:bulk', { botId, selection: { filter: { botId } }, action: 'delete' });
      }),
      fuzzParams(600),
    );
    expect(importedFiles, 'generated files that imported contacts').toBeGreaterThan(inputs / 10);
  });
});
