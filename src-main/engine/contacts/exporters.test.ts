import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../../src-shared/contacts';
import { createHarness, type Harness } from '../testing/engine-harness';

/**
 * The files people really bring: Google Contacts' exports (the old "Google CSV" and the current
 * one), Outlook's (outlook.com / "Outlook CSV", and desktop Outlook's all-quoted one) and a
 * tab-separated sheet. Each fixture has the exporter's full header row. Before these fixes each
 * imported 0 contacts: the phone column was guessed as column 1 (or the TSV read as commas).
 */

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

let h: Harness;
let botId: string;

beforeEach(async () => {
  h = await createHarness();
  botId = (await h.call('bots:create', { name: 'Corner Shop', kind: 'demo' })).id;
});

afterEach(async () => {
  await h.dispose();
});

/** Preview, import with the guessed mapping (as the dialog does when nothing is changed), list. */
const importFile = async (csv: string) => {
  const preview = await h.call('contacts:import-preview', { botId, csv });
  const result = await h.call('contacts:import', { botId, csv, mapping: preview.mapping, tags: [] });
  const { contacts } = await h.call('contacts:list', {
    filter: { botId, query: '', tag: null, optedOut: 'any' },
    limit: 100,
  });
  const byPhone = new Map(contacts.map((c) => [c.phone, c]));
  return { preview, result, contacts, byPhone };
};

const summary = (c: Contact | undefined) => c && { name: c.name, tags: c.tags, fields: c.fields };

describe('Google Contacts exports', () => {
  it('imports the old Google CSV: mobile numbers first, names from parts, the company as a name', async () => {
    const { preview, result, byPhone } = await importFile(fixture('google-contacts-old.csv'));
    expect(preview.columns).toHaveLength(58);
    expect(result).toMatchObject({ added: 5, updated: 0 });
    // Ana's address spans lines 2–5 (a quoted cell with line breaks): Dev is on line 9.
    expect(result.skipped).toEqual([{ line: 9, reason: 'The phone number is empty.' }]);
    // Ana's Work number is listed first; the Mobile one is kept.
    expect(summary(byPhone.get('+447700900101'))).toEqual({
      name: 'Ana Silva',
      tags: ['Customers'],
      fields: { email: 'ana.silva@example.com', city: 'Leeds', given_name: 'Ana' },
    });
    expect(byPhone.has('+442079460018')).toBe(false);
    expect(summary(byPhone.get('+447700900102'))).toMatchObject({ name: 'Ben Okafor', tags: ['Customers', 'VIP'] });
    expect(byPhone.get('+447700900102')?.fields).toEqual({ birthday: '1988-04-12', given_name: 'Ben' });
    expect(summary(byPhone.get('+441134960000'))).toEqual({
      name: 'Corner Bakery Ltd',
      tags: ['Suppliers'],
      fields: { company: 'Corner Bakery Ltd', email: 'orders@cornerbakery.example' },
    });
    // Two numbers in one cell: the first is kept, and the result says so.
    expect(byPhone.get('+447700900104')?.name).toBe('Cara Jones');
    expect(byPhone.has('+447700900105')).toBe(false);
    expect(result.notes).toContainEqual({
      line: 8,
      reason: expect.stringMatching(/^\+447700900104 has 2 numbers; kept \+447700900104 \(the mobile one\)/),
    });
    // No full name: given, additional and family names; "* Mobile" is Google's primary mobile.
    expect(byPhone.get('+447700900106')?.name).toBe('Eva Maria Lopez');
  });

  it('imports the current Google CSV, dropping system labels and invisible name parts', async () => {
    const { preview, result, byPhone } = await importFile(fixture('google-contacts-new.csv'));
    expect(preview.mapping).toMatchObject({ name: null, nameParts: [0, 1, 2], organisation: 10, tags: 16 });
    expect(result).toMatchObject({ added: 5, updated: 0 });
    expect(result.skipped).toEqual([{ line: 6, reason: 'The phone number is empty.' }]);
    expect(summary(byPhone.get('+447700900201'))).toEqual({
      name: 'Farah Haddad',
      tags: ['Customers'],
      fields: { email: 'farah@example.com', given_name: 'Farah' },
    });
    expect(summary(byPhone.get('+447700900202'))).toEqual({
      name: 'George A. Brown',
      tags: ['VIP'],
      fields: { nickname: 'Geo', city: 'York', given_name: 'George' },
    });
    expect(byPhone.get('+441134960123')?.name).toBe('Harbour Fish Bar');
    expect(byPhone.get('+447700900204')).toMatchObject({
      name: 'Iris Novak',
      fields: { company: 'Novak Design', job_title: 'Director', notes: 'Prefers mornings' },
    });
    // First and last names of zero-width characters are no name: the company names the row.
    expect(summary(byPhone.get('+447700900206'))).toMatchObject({ name: 'Kite Shop', tags: ['Customers'] });
  });
});

describe('Outlook exports', () => {
  beforeEach(async () => {
    await h.call('contacts:save-settings', { defaultCountry: 'US' });
  });

  it('imports outlook.com’s CSV with US numbers, Mobile before Business and Home', async () => {
    const { result, byPhone, contacts } = await importFile(fixture('outlook.csv'));
    expect(result).toMatchObject({ added: 5, updated: 0 });
    // Paul has only a fax number: no number WhatsApp reaches.
    expect(result.skipped).toEqual([{ line: 6, reason: 'The phone number is empty.' }]);
    expect(summary(byPhone.get('+12015550188'))).toEqual({
      name: 'Maria Garcia',
      tags: ['Customers', 'VIP'],
      fields: {
        email: 'maria.garcia@example.com',
        job_title: 'Owner',
        company: 'Garcia Catering',
        given_name: 'Maria',
      },
    });
    expect(byPhone.get('+19735550142')?.name).toBe('Nate J Williams');
    expect(summary(byPhone.get('+12125550175'))).toMatchObject({ name: 'Hudson Print Shop', tags: ['Suppliers'] });
    expect(byPhone.get('+16465550190')?.name).toBe('Olga Ivanova');
    expect(byPhone.get('+17185550131')?.name).toBe('Quinn Reyes');
    expect(contacts.map((c) => c.phone).sort()).toEqual(
      ['+12015550188', '+12125550175', '+16465550190', '+17185550131', '+19735550142'].sort(),
    );
  });

  it('imports desktop Outlook’s all-quoted CSV, ignoring its placeholder dates', async () => {
    const { result, byPhone } = await importFile(fixture('outlook-desktop.csv'));
    expect(result).toMatchObject({ added: 4, updated: 0, skipped: [] });
    expect(summary(byPhone.get('+19175550134'))).toEqual({
      name: 'Rosa Diaz',
      tags: ['Customers', 'VIP'],
      fields: { company: 'Diaz Auto Repair', email: 'rosa@example.com', birthday: '3/14/1985', given_name: 'Rosa' },
    });
    expect(byPhone.get('+12125550199')).toMatchObject({ name: 'Sam Lee', fields: {} });
    expect(byPhone.get('+16465550142')?.name).toBe('Liberty Florist');
    expect(byPhone.get('+14155550188')).toMatchObject({
      name: 'Tara Singh',
      fields: { notes: 'Met at the trade fair' },
    });
  });
});

describe('a tab-separated sheet', () => {
  it('is read by its tabs although every name and address holds a comma', async () => {
    const { preview, result, contacts } = await importFile(fixture('sheet.tsv'));
    expect(preview.delimiter).toBe('\t');
    expect(preview.columns).toEqual(['Name', 'Phone', 'Address', 'Notes']);
    expect(result).toMatchObject({ added: 6, updated: 0, skipped: [] });
    expect(contacts.map((c) => [c.name, c.phone, c.fields.address])).toContainEqual([
      'Okafor, Ben',
      '+447700900302',
      'York, YO1 7HH',
    ]);
  });
});
