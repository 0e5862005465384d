/**
 * Time from starting the headless host to a ready UI (every bot card shown online in Chromium),
 * with 10 linked Demo bots, as a ratio to the same with no bots, measured in the same run.
 * Needs `npm run build` first (npm run bench does it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import { chromiumLaunchOptions } from '../e2e/chromium';
import { startHost } from '../e2e/host';

const BOTS = 10;
const RUNS = 3;

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

const prepare = async (bots: number): Promise<string> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wren-bench-'));
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

const measure = async (dataDir: string, bots: number): Promise<number> => {
  const browser = await chromium.launch(chromiumLaunchOptions);
  const page = await browser.newPage();
  const started = performance.now();
  const host = await startHost({ dataDir });
  await page.goto(host.url);
  await page.getByRole('heading', { name: 'Bots', exact: true }).waitFor();
  if (bots > 0) {
    await page
      .locator('[data-testid="bot-status"][data-status="online"]')
      .nth(bots - 1)
      .waitFor();
  }
  const elapsed = performance.now() - started;
  await browser.close();
  await host.stop();
  return elapsed;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const main = async () => {
  const empty = await prepare(0);
  const full = await prepare(BOTS);
  const base: number[] = [];
  const withBots: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(await measure(empty, 0));
    withBots.push(await measure(full, BOTS));
  }
  rmSync(empty, { recursive: true, force: true });
  rmSync(full, { recursive: true, force: true });
  const b = median(base);
  const w = median(withBots);
  console.log('\nStartup: host start → UI ready (median of 3)');
  console.log(`  no bots (baseline)         ${b.toFixed(0)} ms   1.00×`);
  console.log(`  ${BOTS} linked demo bots online  ${w.toFixed(0)} ms   ${(w / b).toFixed(2)}× baseline`);
};

await main();
