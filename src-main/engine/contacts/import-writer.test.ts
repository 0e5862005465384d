import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactFilter } from '../../../src-shared/contacts';
import { migrate } from '../db/migrate';
import { createHarness, type Harness } from '../testing/engine-harness';
import { undoInterruptedImports, writeImport, type ImportRow } from './import-writer';

let h: Harness;
let botId: string;

beforeEach(async () => {
  h = await createHarness();
  botId = (await h.call('bots:create', { name: 'Corner Shop', kind: 'demo' })).id;
});

afterEach(async () => {
  await h.dispose();
});

const everyone = (): ContactFilter => ({ botId, query: '', tag: null, optedOut: 'any' });
const number = (i: number) => `+4474${String(i).padStart(8, '0')}`;
const bigCsv = (rows: number) => {
  const lines = ['phone,name,city'];
  for (let i = 0; i < rows; i += 1) lines.push(`${number(i)},Customer ${i},Town ${i % 7}`);
  return lines.join('\n');
};
const mapping = { phone: 0, name: 1, tags: null, fields: { city: 2 } };
const seedAna = () =>
  h.call('contacts:save', {
    botId,
    contact: { phone: number(0), name: 'Ana', tags: ['old'], fields: { city: 'Leeds' }, notes: 'regular' },
  });

describe('an import written in slices', () => {
  it('keeps nothing when a late slice fails, and puts back what earlier slices changed', async () => {
    const ana = await seedAna();
    const sqlite = h.engine.db.sqlite;
    // Counts the slices that committed before the failure (outside the import's own tables).
    sqlite.exec(`CREATE TABLE seen_slices (slice INTEGER);
      CREATE TRIGGER count_slices AFTER INSERT ON contact_import_undo BEGIN INSERT INTO seen_slices VALUES (NEW.slice); END;
      CREATE TRIGGER fail_last AFTER INSERT ON contacts WHEN NEW.phone_jid = '${number(19_999).slice(1)}@s.whatsapp.net'
        BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    const reply = await h.engine.dispatch('contacts:import', { botId, csv: bigCsv(20_000), mapping, tags: ['spring'] });
    expect(reply).toMatchObject({ ok: false });
    const slices = sqlite.prepare('SELECT count(*) AS n FROM seen_slices').get() as { n: number };
    expect(slices.n).toBeGreaterThan(3);
    const { contacts, total } = await h.call('contacts:list', { filter: everyone(), limit: 10 });
    expect(total).toBe(1);
    expect(contacts[0]).toEqual(ana);
    expect(await h.call('contacts:tags', { botId })).toEqual([{ tag: 'old', count: 1 }]);
    expect(sqlite.prepare('SELECT count(*) AS n FROM contact_import_undo').get()).toEqual({ n: 0 });
    expect(sqlite.prepare('SELECT count(*) AS n FROM contact_imports').get()).toEqual({ n: 0 });
  });

  it('lets other calls answer while it runs, holding the event loop only briefly', async () => {
    let longest = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 2);
    const started = performance.now();
    let finished = 0;
    const importing = h.call('contacts:import', { botId, csv: bigCsv(30_000), mapping, tags: [] }).then((r) => {
      finished = performance.now();
      return r;
    });
    const answers: number[] = [];
    while (finished === 0) {
      const asked = performance.now();
      await h.call('contacts:tags', { botId });
      if (finished === 0) answers.push(performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    clearInterval(ticker);
    const result = await importing;
    expect(result).toMatchObject({ added: 30_000, skipped: [] });
    expect(answers.length, `calls answered during a ${Math.round(finished - started)} ms import`).toBeGreaterThan(20);
    // In slices, never one block: the loop is held a small part of the import at a time. Judged
    // against the import's own length, so a loaded machine (which stretches both) cannot fail it;
    // the absolute figures are the import bench's (bench/contacts-import.bench.ts).
    const took = finished - started;
    expect(Math.max(...answers)).toBeLessThan(took / 4);
    expect(longest).toBeLessThan(took / 4);
  });

  it('keeps edits made while it ran instead of overwriting them, and says so', async () => {
    const ana = await seedAna();
    const ben = await h.call('contacts:save', { botId, contact: { phone: number(1), name: 'Ben' } });
    // Every row has been checked (what each contact looked like is noted); nothing is written yet.
    h.engine.events.on('contacts:import-progress', ({ done, total }) => {
      if (done !== total) return;
      h.engine.contacts.save(botId, ana.id, {
        phone: number(0),
        name: 'Ana Edited',
        tags: ['kept'],
        fields: { city: 'Hull' },
        notes: 'regular',
      });
      h.engine.contacts.bulk(botId, { ids: [ben.id] }, 'delete');
    });
    const result = await h.call('contacts:import', {
      botId,
      csv: `phone,name,city,size\n${number(0)},Ana Import,York,M\n${number(1)},Ben Import,,\n${number(2)},Cara,Leeds,S\n`,
      mapping: { phone: 0, name: 1, tags: null, fields: { city: 2, size: 3 } },
      tags: ['spring'],
    });
    expect(result).toMatchObject({ added: 1, updated: 1, skipped: [] });
    expect(result.notes).toEqual([
      {
        line: 2,
        reason: `${number(0)} was changed while the import ran; kept its name “Ana Edited” (the file says “Ana Import”) and its city “Hull” (the file says “York”).`,
      },
      { line: 3, reason: `${number(1)} was deleted while the import ran; it was not added back.` },
    ]);
    const { contacts } = await h.call('contacts:list', { filter: everyone(), limit: 10 });
    expect(contacts.map((c) => [c.name, c.fields, c.tags])).toEqual([
      ['Ana Edited', { city: 'Hull', size: 'M' }, ['kept', 'spring']],
      ['Cara', { city: 'Leeds', size: 'S' }, ['spring']],
    ]);
  });

  it('runs two imports one after the other, the second seeing the first whole', async () => {
    const first = h.call('contacts:import', { botId, csv: bigCsv(3000), mapping, tags: ['a'] });
    const second = h.call('contacts:import', { botId, csv: bigCsv(4000), mapping, tags: ['b'] });
    expect(await first).toMatchObject({ added: 3000, updated: 0 });
    expect(await second).toMatchObject({ added: 1000, updated: 3000 });
    expect(await h.call('contacts:tags', { botId })).toEqual([
      { tag: 'a', count: 3000 },
      { tag: 'b', count: 4000 },
    ]);
  });
});

describe('an import interrupted by a kill', () => {
  it('is undone when the engine next opens the file, keeping what others changed since', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wren-undo-'));
    try {
      const sqlite = new Database(join(dir, 'live.db'));
      sqlite.pragma('foreign_keys = ON');
      migrate(sqlite);
      sqlite.exec(`INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at)
        VALUES ('b', 'Shop', 'demo', 'stopped', 0, 0, 0)`);
      const seed = sqlite.prepare(
        "INSERT INTO contacts (bot_id, phone_jid, name, fields, source, updated_at) VALUES ('b', ?, ?, ?, 'manual', 1)",
      );
      seed.run('447400000000@s.whatsapp.net', 'Ana', '{"city":"Leeds"}');
      seed.run('447400000001@s.whatsapp.net', 'Ben', '{}');
      sqlite.exec("INSERT INTO contact_tags (contact_id, tag) VALUES (1, 'old')");
      const before = sqlite.prepare('SELECT id, name, fields, updated_at FROM contacts ORDER BY id').all();
      const bases: ImportRow['base'][] = [
        { id: 1, name: 'Ana', fields: { city: 'Leeds' }, fieldsText: '{"city":"Leeds"}', updatedAt: 1 },
        { id: 2, name: 'Ben', fields: {}, fieldsText: '{}', updatedAt: 1 },
      ];
      const rows = Array.from({ length: 6000 }, (_, i): ImportRow => ({
        line: i + 2,
        jid: `${number(i).slice(1)}@s.whatsapp.net`,
        name: `Customer ${i}`,
        tags: ['spring'],
        fields: { city: 'York' },
        base: bases[i] ?? null,
      }));
      // The file as a kill would leave it: a copy taken the moment the third slice committed.
      let slices = 0;
      await writeImport({
        sqlite,
        botId: 'b',
        rows,
        now: 5,
        onSlice: () => {
          slices += 1;
          if (slices === 3) sqlite.exec(`VACUUM INTO '${join(dir, 'killed.db')}'`);
        },
      });
      sqlite.close();
      expect(slices).toBeGreaterThan(3);

      const killed = new Database(join(dir, 'killed.db'));
      killed.pragma('foreign_keys = ON');
      const partly = killed.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number };
      expect(partly.n).toBeGreaterThan(2);
      expect(partly.n).toBeLessThan(6000);
      // Someone changed one of the import's new contacts after it was written (say they opted out).
      killed.prepare("UPDATE contacts SET opted_out_at = 9 WHERE phone_jid = '447400000005@s.whatsapp.net'").run();
      expect(undoInterruptedImports(killed)).toBe(1);
      expect(
        killed.prepare('SELECT id, name, fields, updated_at FROM contacts WHERE id <= 2 ORDER BY id').all(),
      ).toEqual(before);
      expect(killed.prepare('SELECT phone_jid FROM contacts WHERE id > 2').all()).toEqual([
        { phone_jid: '447400000005@s.whatsapp.net' },
      ]);
      expect(killed.prepare('SELECT contact_id, tag FROM contact_tags WHERE contact_id <= 2').all()).toEqual([
        { contact_id: 1, tag: 'old' },
      ]);
      expect(killed.prepare('SELECT count(*) AS n FROM contact_import_undo').get()).toEqual({ n: 0 });
      expect(undoInterruptedImports(killed)).toBe(0);
      killed.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
