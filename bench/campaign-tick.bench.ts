/**
 * Scheduler figures (issue 6): the cost of one scheduler tick that sends one campaign message,
 * with 100,000 queued rows (WREN_BENCH_TICK_ROWS) against 1,000 measured in the same run, on a
 * SQLite file with the real migrations and pragmas. The transport acks at once, the clock is a
 * fake one moved past each gap, and typing is off: what is measured is the scheduler's reading
 * (active campaigns, the next due row by index, today's count) and its claim transaction.
 *
 * Target: the median tick with 100,000 queued rows at most 2× the median with 1,000 (it reads
 * only what is due, by index, never the whole queue).
 *
 *   node --import tsx bench/campaign-tick.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CampaignDraft } from '../src-shared/campaigns';
import { createCampaignScheduler } from '../src-main/engine/campaigns/scheduler';
import { FakeClock } from '../src-main/engine/clock';
import { openDb } from '../src-main/engine/db/open';
import { silentLogger } from '../src-main/engine/log/logger';
import { seededRandom } from '../src-main/engine/random';
import type { Transport } from '../src-main/engine/wa/transport';

const BIG = Number(process.env.WREN_BENCH_TICK_ROWS ?? 100_000);
const BASE = 1_000;
const TICKS = 400;

const draft: CampaignDraft = {
  name: 'Bench',
  variants: [{ text: 'Hello', media: null }],
  audience: { kind: 'all' },
  startAt: null,
  window: { start: '00:00', end: '23:59', days: [0, 1, 2, 3, 4, 5, 6], timeZone: 'UTC' },
  throttle: {
    delayMinSeconds: 5,
    delayMaxSeconds: 5,
    pauseEvery: 1000,
    pauseMinutes: 0,
    dailyCap: 5000,
    warmup: [],
    typing: false,
  },
};

/** A transport that takes every message at once. */
const instant = {
  sendText: (_jid: string, _text: string, options?: { id?: string }) =>
    Promise.resolve({ id: options?.id ?? 'x', ts: 0 }),
  isOnWhatsApp: () => Promise.resolve(true),
  sendPresence: () => Promise.resolve(),
  on: () => () => undefined,
} as unknown as Transport;

const measure = async (rows: number): Promise<number[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'wren-bench-tick-'));
  const { sqlite, close } = openDb(join(dir, 'wren.db'));
  sqlite
    .prepare(
      "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES ('b', 'Bot', 'demo', 'online', 0, 0, 0)",
    )
    .run();
  const { id } = sqlite
    .prepare(
      "INSERT INTO campaigns (bot_id, name, status, draft, total, created_at) VALUES ('b', 'Bench', 'running', ?, ?, 0) RETURNING id",
    )
    .get(JSON.stringify(draft), rows) as { id: number };
  const insert = sqlite.prepare(
    `INSERT INTO campaign_recipients (campaign_id, jid, phone, variant, text, wa_id, status, due_at)
     VALUES (?, ?, ?, 0, 'Hello', ?, 'queued', 0)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < rows; i++)
      insert.run(id, `4477${i}@s.whatsapp.net`, `+4477${i}`, `3EB0${i.toString(16).padStart(20, '0')}`);
  })();
  const clock = new FakeClock();
  const scheduler = createCampaignScheduler({
    sqlite,
    clock,
    random: seededRandom(1),
    logger: silentLogger(),
    onlineTransport: () => instant,
    recordSent: () => undefined,
    mediaBytes: () => Promise.reject(new Error('no media')),
    progress: () => undefined,
    note: () => undefined,
  });
  const times: number[] = [];
  for (let i = 0; i < TICKS; i++) {
    clock.setTimeout(() => undefined, 0); // keeps FakeClock.advance simple: time only moves here
    await clock.advance(6_000); // past the 5 s gap
    const started = performance.now();
    await scheduler.tick();
    times.push(performance.now() - started);
    await scheduler.idle();
  }
  const sent = (
    sqlite.prepare("SELECT count(*) AS n FROM campaign_recipients WHERE status = 'sent'").get() as { n: number }
  ).n;
  if (sent < TICKS * 0.9) throw new Error(`Only ${sent} of ${TICKS} ticks sent a message.`);
  scheduler.stop();
  close();
  rmSync(dir, { recursive: true, force: true });
  return times.sort((a, b) => a - b);
};

const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] ?? 0;
const p99 = (xs: number[]) => xs[Math.floor(xs.length * 0.99)] ?? 0;

const base = await measure(BASE);
const big = await measure(BIG);
const ratio = median(big) / median(base);
console.log(`\nCampaign scheduler: one tick that sends one message (${TICKS} ticks each)`);
console.log(
  `  ${BASE.toLocaleString('en')} queued:   median ${median(base).toFixed(3)} ms, p99 ${p99(base).toFixed(3)} ms`,
);
console.log(`  ${BIG.toLocaleString('en')} queued: median ${median(big).toFixed(3)} ms, p99 ${p99(big).toFixed(3)} ms`);
console.log(`  ratio ${ratio.toFixed(2)}× (target ≤ 2×): ${ratio <= 2 ? 'PASS' : 'MISS'}`);
