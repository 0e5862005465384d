import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactFilter } from '../../../src-shared/contacts';
import { valuesFor } from '../campaigns/render';
import { createHarness, type Harness } from '../testing/engine-harness';

/** What trips a newcomer up (issue 13): foreign headers, first names, field names, Excel. */

let h: Harness;
let botId: string;

beforeEach(async () => {
  h = await createHarness();
  botId = (await h.call('bots:create', { name: 'Loja da Ana', kind: 'demo' })).id;
});

afterEach(async () => {
  await h.dispose();
});

const everyone = (id = botId): ContactFilter => ({ botId: id, query: '', tag: null, optedOut: 'any' });
const list = async (id = botId) => (await h.call('contacts:list', { filter: everyone(id), limit: 50 })).contacts;

describe('headers in the languages people write their sheets in', () => {
  it.each([
    ['Nome;Telefone;Empresa;Etiquetas', 'pt'],
    ['Nombre;Teléfono;Empresa;Etiquetas', 'es'],
    ['Nama;WhatsApp;Perusahaan;Kategori', 'id'],
    ['nome;celular;empresa;grupos', 'pt lower case'],
    ['Nombre;Móvil;Compañía;Etiquetas', 'es mobile'],
    ['Nome;Número;Empresa;Etiquetas', 'pt number'],
  ])('maps %s (%s)', async (header) => {
    const csv = `${header}\r\nAna Lima;07700 900001;Padaria;vip\r\n`;
    const preview = await h.call('contacts:import-preview', { botId, csv });
    expect(preview.mapping).toMatchObject({ phone: 1, name: 0, organisation: 2, tags: 3 });
  });

  it('keeps the given name of a "first name" column for {{first_name}}', async () => {
    const csv = 'Sobrenome,Primeiro nome,Celular\r\n"Lima, filha",Ana Maria,07700 900001\r\nSmith,,07700 900002\r\n';
    const preview = await h.call('contacts:import-preview', { botId, csv });
    expect(preview.mapping).toMatchObject({ phone: 2, nameParts: [1, 0], givenName: 1 });
    await h.call('contacts:import', { botId, csv, mapping: preview.mapping, tags: [] });
    const [ana, smith] = await list();
    expect(ana).toMatchObject({ name: 'Ana Maria Lima, filha', fields: { given_name: 'Ana Maria' } });
    const first = (c: typeof ana) =>
      c && valuesFor({ contactId: c.id, name: c.name, phone: c.phone ?? '', fields: c.fields }).first_name;
    expect(first(ana)).toBe('Ana Maria');
    // The family name stays a {{sobrenome}} field, as a sheet's columns do; no given name.
    expect(smith?.fields).toEqual({ sobrenome: 'Smith' });
    expect(first(smith)).toBe('Smith');
  });
});

describe('custom field names', () => {
  it('accepts spaces and letters of any script, and fills them in templates', async () => {
    const saved = await h.call('contacts:save', {
      botId,
      contact: { phone: '+447700900001', name: 'Ana', fields: { 'favourite cake': 'lemon', 'número do cliente': '7' } },
    });
    expect(saved.fields).toEqual({ 'favourite cake': 'lemon', 'número do cliente': '7' });
    const values = valuesFor({ contactId: saved.id, name: saved.name, phone: '+447700900001', fields: saved.fields });
    expect(values['favourite cake']).toBe('lemon');
  });

  it('refuses other characters with a sentence under the field, never zod’s "Invalid key in record"', async () => {
    const reply = await h.engine.dispatch('contacts:save', {
      botId,
      contact: { phone: '+447700900001', fields: { 'cake!': 'lemon' } },
    });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: {
          'contact.fields.cake!':
            '“cake!” cannot be a field name: use letters, digits, spaces and _ only (it becomes a {{variable}} in templates).',
        },
      },
    });
    expect(JSON.stringify(reply)).not.toMatch(/Invalid key/);
  });
});

describe('CSV for Excel', () => {
  it('starts the export with a BOM, and imports it back with accents, Arabic and spaced field names', async () => {
    await h.call('contacts:save', {
      botId,
      contact: {
        phone: '+447700900001',
        name: 'João Ação',
        tags: ['São Paulo'],
        fields: { 'favourite cake': 'pão de ló', given_name: 'João' },
      },
    });
    await h.call('contacts:save', { botId, contact: { phone: '+447700900002', name: 'محمد علي' } });
    const exported = await h.call('contacts:export', { botId, selection: { filter: everyone() } });
    expect(exported.csv.startsWith('\uFEFFphone,')).toBe(true);
    expect(Buffer.from(exported.csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(Papa.parse<string[]>(exported.csv).data[0]).toContain('favourite cake');

    const other = (await h.call('bots:create', { name: 'Other', kind: 'demo' })).id;
    const preview = await h.call('contacts:import-preview', { botId: other, csv: exported.csv });
    expect(preview.columns[0]).toBe('phone');
    await h.call('contacts:import', { botId: other, csv: exported.csv, mapping: preview.mapping, tags: [] });
    const strip = (cs: Awaited<ReturnType<typeof list>>) =>
      cs.map((c) => ({
        phone: c.phone,
        name: c.name,
        tags: c.tags,
        cake: c.fields['favourite cake'],
        given: c.fields.given_name,
      }));
    expect(strip(await list(other))).toEqual(strip(await list()));
  });
});
