/**
 * Contacts import figures (issue 6): `contacts:import` through the service on a SQLite file in a
 * temp dir (the real migrations, WAL, the same pragmas as the app) of a generated CSV of
 * WREN_BENCH_IMPORT_ROWS rows (default 100,000; name, phone in mixed Excel-ish formats, tags, two
 * custom fields; one row in a hundred bad), against a baseline of 1,000 rows in the same run.
 *
 * 1. Rows imported per second; target: the big import at least half the baseline's rate.
 * 2. Event-loop delay p99 during the big import (monitorEventLoopDelay, 10 ms resolution): rows
 *    are parsed and normalized in chunks with the loop free between them, then written in one
 *    synchronous transaction (all rows or none), whose length is printed on its own. Target < 50 ms.
 *
 *   node --import tsx bench/contacts-import.bench.ts     WREN_BENCH_IMPORT_ROWS=100000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { FakeClock } from '../src-main/engine/clock';
import { createContactService } from '../src-main/engine/contacts/service';
import { openDb } from '../src-main/engine/db/open';
import { createEngineEvents } from '../src-main/engine/events';

const BIG = Number(process.env.WREN_BENCH_IMPORT_ROWS ?? 100_000);
const BASE = 1_000;

const dir = mkdtempSync(join(tmpdir(), 'wren-bench-import-'));
const { sqlite } = openDb(join(dir, 'wren.db'));
const insertBot = sqlite.prepare(
  "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES (?, 'Bot', 'demo', 'stopped', 0, 0, 0)",
);

const service = createContactService({
  sqlite,
  clock: new FakeClock(),
  events: createEngineEvents(),
  botExists: () => true,
  botName: () => 'Bench',
});

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

const run = async (botId: string, csv: string, rows: number) => {
  insertBot.run(botId);
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
  const result = await service.import(botId, csv, mapping, []);
  const ms = performance.now() - started;
  delay.disable();
  clearInterval(ticker);
  return { result, ms, perSecond: (rows / ms) * 1000, p99: delay.percentile(99) / 1e6, longestTick };
};

// One throwaway import warms the JIT, so the baseline is not a cold start.
await run('warm', csvOf(BASE), BASE);
const base = await run('base', csvOf(BASE), BASE);
const big = await run('big', csvOf(BIG), BIG);

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
console.log(`rows: baseline ${fmt(BASE)}, big ${fmt(BIG)}`);
console.log(
  `big import: added ${fmt(big.result.added)}, updated ${fmt(big.result.updated)}, skipped ${fmt(big.result.skipped.length)} (first: ${big.result.skipped[0]?.reason ?? '-'})`,
);
console.log(`baseline: ${fmt(base.perSecond)} rows/s (${base.ms.toFixed(0)} ms)`);
console.log(`big:      ${fmt(big.perSecond)} rows/s (${big.ms.toFixed(0)} ms)`);
const rateRatio = big.perSecond / base.perSecond;
console.log(`rate ratio big/baseline: ${rateRatio.toFixed(2)} (target ≥ 0.50) ${rateRatio >= 0.5 ? 'PASS' : 'MISS'}`);
console.log(
  `event-loop delay p99 during the big import: ${big.p99.toFixed(1)} ms (baseline ${base.p99.toFixed(1)} ms; ratio ${(big.p99 / Math.max(base.p99, 1)).toFixed(2)}; target < 50 ms) ${big.p99 < 50 ? 'PASS' : 'MISS'}`,
);
console.log(`longest single block (the write transaction): ${big.longestTick.toFixed(0)} ms`);

sqlite.close();
rmSync(dir, { recursive: true, force: true });
