/**
 * Startup (issue 14, items 4 and 7): time from starting the headless host to the first screen
 * ready in Chromium — the Bots page with its list loaded and every bot shown online — for
 *   (a) an empty store (the baseline), and
 *   (b) WREN_BENCH_STARTUP_BOTS linked Demo bots (50) with WREN_BENCH_STARTUP_MESSAGES messages
 *       stored (1,000,000) over their chats,
 * as a ratio measured in the same run (target ≤ 2×), and the JavaScript the first screen loads:
 * every script Chromium fetched before the app's first page was on screen (the `wren:first-page`
 * mark), counted as bytes of the built files on disk, uncompressed (target ≤ 500 KB).
 *
 * Needs a built app: `npm run bench` builds into out/ first; WREN_E2E_OUT points at another build,
 * and WREN_BENCH_STARTUP_BUILD=<dir> makes this bench build the app into <dir> itself (the smoke
 * run in `npm test` does, as vitest runs before `npm run build` there).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import { chromiumLaunchOptions } from '../e2e/chromium';
import { startHost } from '../e2e/host';
import { openDb } from '../src-main/engine/db/open';
import { DB_FILE } from '../src-main/engine/index';
import { InboxWriter } from '../src-main/engine/inbox/writer';
import { seededRandom } from '../src-main/engine/random';
import type { IncomingMessage } from '../src-main/engine/wa/transport';
import { judge } from './verdict';

const BOTS = Number(process.env.WREN_BENCH_STARTUP_BOTS ?? 50);
const MESSAGES = Number(process.env.WREN_BENCH_STARTUP_MESSAGES ?? 1_000_000);
const RUNS = Number(process.env.WREN_BENCH_STARTUP_RUNS ?? 3);
/** Chats per bot: 200 × 50 bots = 10,000 chats, 100 messages each on average at 1M. */
const CHATS_PER_BOT = 200;
/** Messages per writer transaction while filling. */
const BATCH = 5_000;
const FIRST_SCREEN_JS_LIMIT = 500 * 1024;
const FIRST_PAGE_MARK = 'wren:first-page';

const build = process.env.WREN_BENCH_STARTUP_BUILD;
if (build) {
  execFileSync(process.execPath, [resolve('node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    env: { ...process.env, WREN_OUT: build },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.env.WREN_E2E_OUT = build;
}
/** The build startHost runs (it reads WREN_E2E_OUT the same way). */
const outDir = resolve(process.env.WREN_E2E_OUT ?? 'out');

const callOver = async (url: string, token: string, calls: [string, unknown][]) => {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws?token=${token}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  const results: unknown[] = [];
  for (const [name, input] of calls) {
    const reply = await new Promise<{ ok: boolean; value?: unknown; error?: unknown }>((resolve) => {
      const mine = ++id;
      const onMessage = (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as { type: string; id?: number; reply?: { ok: boolean } };
        if (frame.type === 'reply' && frame.id === mine) {
          ws.off('message', onMessage);
          resolve(frame.reply as { ok: boolean; value?: unknown });
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ type: 'call', id: mine, name, input }));
    });
    if (!reply.ok) throw new Error(`${name} failed: ${JSON.stringify(reply.error)}`);
    results.push(reply.value);
  }
  ws.close();
  return results;
};

/** Links `bots` Demo bots through the contract, as a person would, then stops the host. */
const prepareBots = async (bots: number): Promise<string> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wren-bench-startup-'));
  const host = await startHost({ dataDir });
  for (let i = 0; i < bots; i++) {
    const [bot] = (await callOver(host.origin, host.token, [
      ['bots:create', { name: `Bot ${i + 1}`, kind: 'demo' }],
    ])) as [{ id: string }];
    await callOver(host.origin, host.token, [
      ['bots:start', { botId: bot.id }],
      ['demo:simulate-scan', { botId: bot.id }],
    ]);
  }
  await host.stop();
  return dataDir;
};

const random = seededRandom(14);
const WORDS =
  'hello order delivery price today tomorrow thanks please open closed address menu table booking blue red size'
    .split(' ')
    .concat(Array.from({ length: 2_000 }, (_, i) => `w${i.toString(36)}`));
const sentence = () =>
  Array.from({ length: 3 + Math.floor(random() * 12) }, () => WORDS[Math.floor(WORDS.length * random() ** 3)]).join(
    ' ',
  );

/**
 * Writes `total` messages straight into the stopped host's SQLite file through the engine's own
 * writer (chats, identities, FTS, previews), spread evenly over every bot's chats, oldest first,
 * in one transaction per BATCH: going through the contract would take hours at 1M.
 */
const fillMessages = (dataDir: string, total: number): { ms: number; stored: number } => {
  const started = performance.now();
  const { sqlite, close } = openDb(join(dataDir, DB_FILE));
  const botIds = (sqlite.prepare('SELECT id FROM bots ORDER BY created_at').all() as { id: string }[]).map((r) => r.id);
  const writer = new InboxWriter(sqlite);
  const perBot = Math.ceil(total / botIds.length);
  const now = Date.now();
  // A month of messages up to an hour ago: the newest ones are what the chat list shows first.
  const start = now - 30 * 86_400_000;
  const step = (30 * 86_400_000 - 3_600_000) / perBot;
  let seq = 0;
  for (const [b, botId] of botIds.entries()) {
    const count = Math.min(perBot, total - b * perBot);
    for (let done = 0; done < count; done += BATCH) {
      const batch: IncomingMessage[] = [];
      for (let i = done; i < Math.min(count, done + BATCH); i++) {
        const chat = Math.floor(random() * CHATS_PER_BOT);
        const jid = `44${String(7_000_000_000 + b * 1_000 + chat)}@s.whatsapp.net`;
        const fromMe = random() < 0.4;
        batch.push({
          id: `S${(seq++).toString(16)}`,
          chatJid: jid,
          senderJid: fromMe ? `4470000${String(b).padStart(5, '0')}@s.whatsapp.net` : jid,
          senderName: fromMe ? null : `Customer ${b}-${chat}`,
          fromMe,
          ts: Math.round(start + i * step),
          text: sentence(),
          offline: true,
        });
      }
      writer.ingest(botId, batch, false, now);
    }
  }
  const ms = performance.now() - started;
  // Counted back, so the line below says what the file holds rather than what was asked for.
  const { n } = sqlite.prepare('SELECT count(*) AS n FROM messages').get() as { n: number };
  close();
  return { ms, stored: n };
};

/** Milliseconds from starting the host to: its "Open http://…" line, the page's load event, the Bots heading, ready. */
type Phases = { host: number; load: number; heading: number; ready: number };
type Run = { ms: number; phases: Phases; firstScreenJs: { bytes: number; files: string[] } };

/** The scripts fetched before the first page was on screen, as files of the build on disk. */
const firstScreenJs = (entries: { name: string; startTime: number }[], markAt: number) => {
  const files = entries
    .filter((e) => e.startTime <= markAt && new URL(e.name).pathname.endsWith('.js'))
    .map((e) => new URL(e.name).pathname);
  const unique = [...new Set(files)];
  const bytes = unique.reduce((sum, path) => sum + statSync(join(outDir, 'renderer', path)).size, 0);
  return { bytes, files: unique };
};

const measure = async (dataDir: string, bots: number): Promise<Run> => {
  const browser = await chromium.launch(chromiumLaunchOptions);
  const page = await browser.newPage();
  const started = performance.now();
  const since = () => performance.now() - started;
  const host = await startHost({ dataDir });
  const hostAt = since();
  await page.goto(host.url);
  const loadAt = since();
  await page.getByRole('heading', { name: 'Bots', exact: true }).waitFor();
  const headingAt = since();
  // The list's own summary line: "None yet", or every bot online.
  await page
    .locator('.pane-subtitle')
    .getByText(bots === 0 ? 'None yet' : `${bots} of ${bots} online`, { exact: true })
    .waitFor({ timeout: 120_000 });
  const ms = since();
  const timing = await page.evaluate((mark) => {
    const at = performance.getEntriesByName(mark, 'mark')[0]?.startTime ?? null;
    // Scripts from the page (the entry module too) and the chunks import() fetched, alike.
    const entries = performance.getEntriesByType('resource').map((e) => ({ name: e.name, startTime: e.startTime }));
    return { at, entries };
  }, FIRST_PAGE_MARK);
  await browser.close();
  await host.stop();
  if (timing.at === null)
    throw new Error(`The app set no ${FIRST_PAGE_MARK} mark: is this build older than the bench?`);
  return {
    ms,
    phases: { host: hostAt, load: loadAt, heading: headingAt, ready: ms },
    firstScreenJs: firstScreenJs(timing.entries, timing.at),
  };
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const phasesOf = (runs: Run[]) =>
  (['host', 'load', 'heading', 'ready'] as const)
    .map((phase) => `${phase} ${median(runs.map((r) => r.phases[phase])).toFixed(0)}`)
    .join(' · ');

const main = async () => {
  const empty = await prepareBots(0);
  const full = await prepareBots(BOTS);
  const fill = fillMessages(full, MESSAGES);
  const base: Run[] = [];
  const loaded: Run[] = [];
  try {
    // Alternated, so a slow spell on a shared machine hits both sides alike.
    for (let i = 0; i < RUNS; i++) {
      base.push(await measure(empty, 0));
      loaded.push(await measure(full, BOTS));
    }
  } finally {
    rmSync(empty, { recursive: true, force: true });
    rmSync(full, { recursive: true, force: true });
  }
  const b = median(base.map((r) => r.ms));
  const w = median(loaded.map((r) => r.ms));
  const js = base[0]?.firstScreenJs ?? { bytes: NaN, files: [] };
  const count = MESSAGES.toLocaleString('en-GB');
  console.log(`\nStartup: host start → first screen ready (Bots page, every bot online), median of ${RUNS}`);
  console.log(
    `  stored ${fill.stored.toLocaleString('en-GB')} messages for ${BOTS} bots in ${(fill.ms / 1000).toFixed(1)} s (writer, ${BATCH} a transaction)`,
  );
  console.log(`  empty store (baseline)                      ${b.toFixed(0)} ms   1.00×`);
  console.log(`  ${BOTS} demo bots online, ${count} messages   ${w.toFixed(0)} ms   ${(w / b).toFixed(2)}× baseline`);
  console.log(`  where the time goes (ms since the host was started, medians): empty  ${phasesOf(base)}`);
  console.log(`  ${' '.repeat(66)}full   ${phasesOf(loaded)}`);
  console.log(`  first screen's scripts: ${js.files.map((f) => f.replace('/assets/', '')).join(', ')}`);
  judge(`startup, ${BOTS} bots and ${count} messages ÷ empty store`, w / b, { atMost: 2 });
  judge(
    "first screen's JavaScript, bytes on disk uncompressed (KB)",
    js.bytes / 1024,
    { atMost: FIRST_SCREEN_JS_LIMIT / 1024 },
    ' KB',
    `${js.bytes.toLocaleString('en-GB')} bytes in ${js.files.length} files`,
  );
};

await main();
