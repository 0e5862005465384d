/**
 * Campaign planning figures (issue 6): `campaigns:schedule` on a SQLite file in a temp dir (the
 * real migrations, WAL, the same pragmas as the app) for a bot with WREN_BENCH_CAMPAIGN_CONTACTS
 * contacts (default 100,000, inserted by SQL first, each with a name, two custom fields and a
 * tag; one in fifty opted out, one in a hundred with no number), against a baseline of 1,000
 * measured in the same run. The template has three variants with nested spintax and variables.
 *
 * 1. Recipients planned per second; target: the big plan at least half the baseline's rate (it
 *    must not grow worse than linearly). Printed as a ratio.
 * 2. Event-loop delay p99 while the big plan runs (monitorEventLoopDelay, 10 ms resolution):
 *    texts are rendered in chunks with the loop free between them, then the rows are written in
 *    one synchronous transaction. Target < 50 ms for the rendering; the write transaction is one
 *    block by design (all rows or none) and its length is printed on its own.
 *
 *   node --import tsx bench/campaign-plan.bench.ts     WREN_BENCH_CAMPAIGN_CONTACTS=100000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { CampaignDraft } from '../src-shared/campaigns';
import { createCampaignService } from '../src-main/engine/campaigns/service';
import type { CampaignScheduler } from '../src-main/engine/campaigns/scheduler';
import { FakeClock } from '../src-main/engine/clock';
import { openDb } from '../src-main/engine/db/open';
import { createEngineEvents } from '../src-main/engine/events';
import { judge } from './verdict';

const BIG = Number(process.env.WREN_BENCH_CAMPAIGN_CONTACTS ?? 100_000);
const BASE = 1_000;

const dir = mkdtempSync(join(tmpdir(), 'wren-bench-campaign-'));
const { sqlite } = openDb(join(dir, 'wren.db'));

const insertBot = sqlite.prepare(
  "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES (?, 'Bot', 'demo', 'stopped', 0, 0, 0)",
);
const insertContact = sqlite.prepare(
  `INSERT INTO contacts (bot_id, phone_jid, lid_jid, name, fields, opted_out_at, updated_at)
   VALUES (?, ?, ?, ?, ?, ?, 0) RETURNING id`,
);
const insertTag = sqlite.prepare('INSERT INTO contact_tags (contact_id, tag) VALUES (?, ?)');

const seedBot = (botId: string, n: number) => {
  insertBot.run(botId);
  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const numberless = i % 100 === 99;
      const { id } = insertContact.get(
        botId,
        numberless ? null : `44770${String(i).padStart(7, '0')}@s.whatsapp.net`,
        numberless ? `${i}@lid` : null,
        i % 3 === 0 ? null : `Customer ${i} Smith`,
        JSON.stringify({ town: `Town ${i % 50}`, plan: i % 2 ? 'gold' : 'basic' }),
        i % 50 === 7 ? 1 : null,
      ) as { id: number };
      insertTag.run(id, 'spring');
    }
  })();
};

const scheduler = {
  wake: () => undefined,
  health: () => {
    throw new Error('not used');
  },
  expectedFinish: () => null,
} as unknown as CampaignScheduler;

const service = createCampaignService({
  sqlite,
  clock: new FakeClock(),
  events: createEngineEvents(),
  botExists: () => true,
  scheduler: () => scheduler,
});

const draft: CampaignDraft = {
  name: 'Spring sale',
  variants: [
    { text: '{Hi|Hello|{Good morning|Morning}} {{first_name|there}}, 20% off in {{town}}.', media: null },
    { text: '{Hey|Hi} {{name|friend}}: your {{plan}} plan gets {20%|a fifth} off.', media: null },
    { text: 'Spring sale for {{first_name|you}} at {{phone}}.', media: null },
  ],
  audience: { kind: 'tags', tags: ['spring'], match: 'any' },
  startAt: null,
  window: { start: '09:00', end: '18:00', days: [1, 2, 3, 4, 5], timeZone: 'UTC' },
  throttle: {
    delayMinSeconds: 15,
    delayMaxSeconds: 45,
    pauseEvery: 20,
    pauseMinutes: 5,
    dailyCap: 200,
    warmup: [],
    typing: true,
  },
};

const plan = async (botId: string) => {
  const { id } = service.save(botId, undefined, draft);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  // The write transaction is the one block by design; time it apart from the rendering.
  let longestTick = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longestTick = Math.max(longestTick, now - last);
    last = now;
  }, 5);
  delay.enable();
  const started = performance.now();
  const campaign = await service.schedule(id);
  const ms = performance.now() - started;
  delay.disable();
  clearInterval(ticker);
  return { campaign, ms, perSecond: (campaign.total / ms) * 1000, p99: delay.percentile(99) / 1e6, longestTick };
};

seedBot('base', BASE);
seedBot('big', BIG);
// One throwaway plan warms the JIT, so the baseline is not a cold start.
seedBot('warm', BASE);
await plan('warm');

const base = await plan('base');
const big = await plan('big');

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
console.log(`contacts: baseline ${fmt(BASE)}, big ${fmt(BIG)}`);
console.log(`big plan: ${fmt(big.campaign.total)} recipients, left out ${JSON.stringify(big.campaign.excluded)}`);
console.log(`baseline: ${fmt(base.perSecond)} recipients/s (${base.ms.toFixed(0)} ms)`);
console.log(`big:      ${fmt(big.perSecond)} recipients/s (${big.ms.toFixed(0)} ms)`);
const rateRatio = big.perSecond / base.perSecond;
judge('campaign plan rate, big ÷ baseline', rateRatio, { atLeast: 0.5 });
judge('event-loop p99 during the big plan', big.p99, { below: 50 }, ' ms', `baseline ${base.p99.toFixed(1)} ms`);
console.log(`longest single block (the write transaction): ${big.longestTick.toFixed(0)} ms`);

sqlite.close();
rmSync(dir, { recursive: true, force: true });
