/**
 * Scheduler figures (issue 6): the cost of one scheduler tick that sends one campaign message,
 * with 100,000 queued rows (WREN_BENCH_TICK_ROWS) against 1,000 measured in the same run, on a
 * SQLite file with the real migrations and pragmas. The transport acks at once and the phone's
 * delivery receipt follows (as on WhatsApp: without receipts the scheduler's delivery check rightly
 * pauses the campaign after 15 minutes), the clock is a fake one moved past each gap, and typing is off: what is measured is the scheduler's reading
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
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { CampaignDraft } from '../src-shared/campaigns';
import { createCampaignScheduler } from '../src-main/engine/campaigns/scheduler';
import { FakeClock } from '../src-main/engine/clock';
import { openDb } from '../src-main/engine/db/open';
import { silentLogger } from '../src-main/engine/log/logger';
import { seededRandom } from '../src-main/engine/random';
import type { Transport, TransportEvents } from '../src-main/engine/wa/transport';
import { judge } from './verdict';

export type TickBenchSize = { base: number; big: number; ticks: number };

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

/** A transport that takes every message at once; the recipient's phone confirms delivery right after. */
const instantWithReceipts = (): Transport => {
  const listeners: Array<(event: TransportEvents['message-status']) => void> = [];
  return {
    sendText: (jid: string, _text: string, options?: { id?: string }) => {
      const id = options?.id ?? 'x';
      setImmediate(() => {
        for (const listener of listeners)
          listener({ id, chatJid: jid, status: 'delivered', ts: 0 } as TransportEvents['message-status']);
      });
      return Promise.resolve({ id, ts: 0 });
    },
    isOnWhatsApp: () => Promise.resolve(true),
    sendPresence: () => Promise.resolve(),
    on: (event: string, listener: (event: TransportEvents['message-status']) => void) => {
      if (event === 'message-status') listeners.push(listener);
      return () => undefined;
    },
  } as unknown as Transport;
};

const measure = async (rows: number, ticks: number): Promise<number[]> => {
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
  const transport = instantWithReceipts();
  const scheduler = createCampaignScheduler({
    sqlite,
    clock,
    random: seededRandom(1),
    logger: silentLogger(),
    onlineTransport: () => transport,
    recordSent: () => undefined,
    mediaBytes: () => Promise.reject(new Error('no media')),
    progress: () => undefined,
    note: () => undefined,
  });
  scheduler.attach('b', transport);
  const times: number[] = [];
  for (let i = 0; i < ticks; i++) {
    clock.setTimeout(() => undefined, 0); // keeps FakeClock.advance simple: time only moves here
    await clock.advance(6_000); // past the 5 s gap
    const started = performance.now();
    await scheduler.tick();
    times.push(performance.now() - started);
    await scheduler.idle();
  }
  const sent = (
    sqlite.prepare("SELECT count(*) AS n FROM campaign_recipients WHERE status IN ('sent', 'delivered')").get() as {
      n: number;
    }
  ).n;
  if (sent < ticks * 0.9) throw new Error(`Only ${sent} of ${ticks} ticks sent a message.`);
  // The last receipts are on their way (setImmediate): let them land before the file closes.
  await new Promise((resolve) => setImmediate(resolve));
  scheduler.stop();
  close();
  rmSync(dir, { recursive: true, force: true });
  return times.sort((a, b) => a - b);
};

const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] ?? 0;
const p99 = (xs: number[]) => xs[Math.floor(xs.length * 0.99)] ?? 0;

/** Median and p99 tick times at both sizes, and the ratio the target is about. */
export const runTickBench = async ({ base, big, ticks }: TickBenchSize) => {
  const small = await measure(base, ticks);
  const large = await measure(big, ticks);
  return {
    base: { median: median(small), p99: p99(small) },
    big: { median: median(large), p99: p99(large) },
    ratio: median(large) / median(small),
  };
};

const main = async () => {
  const size = { base: 1_000, big: Number(process.env.WREN_BENCH_TICK_ROWS ?? 100_000), ticks: 400 };
  const result = await runTickBench(size);
  const row = (rows: number, f: { median: number; p99: number }) =>
    `median ${f.median.toFixed(3)} ms, p99 ${f.p99.toFixed(3)} ms (${rows.toLocaleString('en')} queued)`;
  console.log(`\nCampaign scheduler: one tick that sends one message (${size.ticks} ticks each)`);
  console.log(`  ${row(size.base, result.base)}`);
  console.log(`  ${row(size.big, result.big)}`);
  judge(
    `campaign tick median, ${size.big.toLocaleString('en')} ÷ ${size.base.toLocaleString('en')} queued`,
    result.ratio,
    {
      atMost: 2,
    },
  );
};

// Run as a script; imported (by the tiny-size test), it only exports.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
