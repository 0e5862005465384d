/**
 * Contacts import figures (issues 6 and 12): `contacts:import` through the service on a SQLite
 * file in a temp dir (the real migrations, WAL, the same pragmas as the app) of a generated CSV of
 * WREN_BENCH_IMPORT_ROWS rows (default 100,000; name, phone in mixed Excel-ish formats, tags, two
 * custom fields; one row in a hundred bad; one in ten updating a contact the bot already has).
 *
 * Baseline, measured in the same run on the same CSV: today's import before issue 12
 * (bench/legacy-contacts-import.ts: rows checked in chunks, then all written in one synchronous
 * transaction, which held the event loop for seconds). Each import gets its own database file.
 *
 * 1. Rate: rows imported per second, as a ratio to the baseline. Target ≥ 0.80.
 * 2. Event-loop delay p99 during the whole import (monitorEventLoopDelay, 10 ms resolution), and
 *    the longest time the loop was held (a 5 ms ticker's longest gap). Target p99 < 50 ms.
 *
 *   WREN_BENCH_IMPORT_ROWS=100000 node --import tsx bench/contacts-import.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { ImportResult } from '../src-shared/contacts';
import { FakeClock } from '../src-main/engine/clock';
import { createContactService } from '../src-main/engine/contacts/service';
import { openDb } from '../src-main/engine/db/open';
import { createEngineEvents } from '../src-main/engine/events';
import { legacyImportCsv } from './legacy-contacts-import';
import { judge } from './verdict';

const BIG = Number(process.env.WREN_BENCH_IMPORT_ROWS ?? 100_000);
const WARM = 1_000;

const dir = mkdtempSync(join(tmpdir(), 'wren-bench-import-'));

/** A CSV the way spreadsheets write them: national and international numbers, Excel's scientific notation. */
const csvOf = (rows: number) => {
  const lines = ['Name,Phone,Tags,City,Plan'];
  for (let i = 0; i < rows; i++) {
    const digits = String(i).padStart(8, '0');
    const phone =
      i % 100 === 42
        ? '12345' // bad: too short
        : i % 4 === 0
          ? `074${digits.slice(0, 2)} ${digits.slice(2)}`
          : i % 4 === 1
            ? `+44 74${digits}`
            : i % 4 === 2
              ? `0044-74-${digits}`
              : `4.474${digits}E+11`;
    lines.push(`"Customer ${i}, Smith",${phone},"spring; vip",Town ${i % 50},${i % 2 ? 'gold' : 'basic'}`);
  }
  return lines.join('\r\n');
};
const mapping = { phone: 1, name: 0, tags: 2, fields: { city: 3, plan: 4 } };

type Importer = (sqlite: Database.Database, botId: string, csv: string) => Promise<ImportResult>;

const legacy: Importer = (sqlite, botId, csv) =>
  legacyImportCsv({ sqlite, botId, csv, mapping, tags: [], defaultCountry: 'GB', now: 1, progress: () => undefined });

const sliced: Importer = (sqlite, botId, csv) =>
  createContactService({
    sqlite,
    clock: new FakeClock(),
    events: createEngineEvents(),
    botExists: () => true,
    botName: () => 'Bench',
  }).import(botId, csv, mapping, []);

/** A fresh database with a bot that already has every tenth contact of the file. */
const database = (name: string, botId: string, rows: number) => {
  const { sqlite } = openDb(join(dir, `${name}.db`));
  sqlite
    .prepare(
      "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES (?, 'Bot', 'demo', 'stopped', 0, 0, 0)",
    )
    .run(botId);
  const insert = sqlite.prepare(
    "INSERT INTO contacts (bot_id, phone_jid, name, fields, source, updated_at) VALUES (?, ?, ?, '{}', 'manual', 0)",
  );
  sqlite.transaction(() => {
    for (let i = 0; i < rows; i += 10)
      insert.run(botId, `4474${String(i).padStart(8, '0')}@s.whatsapp.net`, `Known ${i}`);
  })();
  return sqlite;
};

const run = async (importer: Importer, name: string, rows: number) => {
  const sqlite = database(name, name, rows);
  const csv = csvOf(rows);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let longestTick = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longestTick = Math.max(longestTick, now - last);
    last = now;
  }, 5);
  delay.enable();
  const started = performance.now();
  const result = await importer(sqlite, name, csv);
  const ms = performance.now() - started;
  delay.disable();
  clearInterval(ticker);
  sqlite.close();
  return { result, ms, perSecond: (rows / ms) * 1000, p99: delay.percentile(99) / 1e6, longestTick };
};

// Throwaway imports warm the JIT for both, so neither is measured from a cold start.
await run(legacy, 'warm-legacy', WARM);
await run(sliced, 'warm-sliced', WARM);
const base = await run(legacy, 'legacy', BIG);
const big = await run(sliced, 'sliced', BIG);

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
const counts = (r: ImportResult) =>
  `added ${fmt(r.added)}, updated ${fmt(r.updated)}, skipped ${fmt(r.skipped.length)} (first: ${r.skipped[0]?.reason ?? '-'})`;
console.log(`rows: ${fmt(BIG)} (one in ten already known, one in a hundred bad)`);
console.log(`baseline (one transaction): ${counts(base.result)}`);
console.log(`sliced:                     ${counts(big.result)}`);
console.log(`baseline: ${fmt(base.perSecond)} rows/s (${base.ms.toFixed(0)} ms)`);
console.log(`sliced:   ${fmt(big.perSecond)} rows/s (${big.ms.toFixed(0)} ms)`);
const rateRatio = big.perSecond / base.perSecond;
judge('contacts import rate, sliced ÷ one transaction', rateRatio, { atLeast: 0.8 });
judge('event-loop p99 during the import', big.p99, { below: 50 }, ' ms', `baseline ${base.p99.toFixed(1)} ms`);
console.log(
  `longest time the loop was held: ${big.longestTick.toFixed(0)} ms (baseline ${base.longestTick.toFixed(0)} ms, its write transaction)`,
);

rmSync(dir, { recursive: true, force: true });
