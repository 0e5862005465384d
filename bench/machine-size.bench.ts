/**
 * The size of one machine (issue 14): how many numbers one PC runs. One engine, in this process,
 * with a growing number of linked Demo bots under demo activity (simulated customers writing every
 * 25–70 s), and on top a customer of each bot sending `.ping` 5 times a minute. Per step (25, 50,
 * 100, 200 bots) it prints resident memory, CPU share, event-loop delay p99 and the reply latency
 * (from the customer's message to the bot's answer stored) median and p99, measured over
 * WREN_BENCH_MACHINE_SECONDS (default 60) of real time after the step's bots came online.
 *
 * The single-bot figure is measured first, in the same run: one bot pinged by 12 customers at 5
 * a minute each (60 answers a minute, enough for a p99). The target: the largest step's reply
 * p99 under 3× it. Memory is judged for WhatsApp sessions (wa-sessions.bench.ts and
 * the Baileys phase); here it is printed.
 *
 * Then the Baileys phase (bench/machine-baileys.ts): one engine in a child process with 25, 50
 * and 100 WhatsApp sessions linked to the local protocol server, pinged 5 times a minute each by
 * Baileys customers; judged: RSS above the bare process ≤ 100 MB at 100 sessions and reply p99
 * under 3× one session's. It ends with the README's "how many numbers can one PC run" sentence.
 *
 *   node --import tsx bench/machine-size.bench.ts [all|demo|baileys]
 *   WREN_BENCH_MACHINE_STEPS=25,50,100,200  WREN_BENCH_MACHINE_SECONDS=60
 *   WREN_BENCH_MACHINE_SESSIONS=25,50,100  WREN_BENCH_MACHINE_CUSTOMERS=12
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createEngine, type Engine } from '../src-main/engine/index';
import { silentLogger } from '../src-main/engine/log/logger';
import { seededRandom } from '../src-main/engine/random';
import { baileysPhase } from './machine-baileys';
import { judge, smoke } from './verdict';

const STEPS = (process.env.WREN_BENCH_MACHINE_STEPS ?? '25,50,100,200').split(',').map(Number);
const SECONDS = Number(process.env.WREN_BENCH_MACHINE_SECONDS ?? 60);
const PINGS_PER_MINUTE = 5;
/** A reply not stored this long after the step's last ping counts as lost, at this latency. */
const GIVE_UP_MS = 10_000;

type StepFigures = {
  bots: number;
  rssMb: number;
  cpuShare: number;
  loopP99: number;
  replies: number;
  lost: number;
  median: number;
  p99: number;
};

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

const call = async (engine: Engine, name: Parameters<Engine['dispatch']>[0], input: unknown) => {
  const reply = await engine.dispatch(name, input);
  if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
  return reply.value;
};

/** A Demo bot created, started and linked by a simulated scan, as a user does from the Bots page. */
const addDemoBot = async (engine: Engine, n: number): Promise<string> => {
  const { id } = (await call(engine, 'bots:create', { name: `Shop ${n}`, kind: 'demo' })) as { id: string };
  await call(engine, 'bots:start', { botId: id });
  await call(engine, 'demo:simulate-scan', { botId: id });
  return id;
};

const waitOnline = async (engine: Engine, ids: string[]) => {
  const started = performance.now();
  while (ids.some((id) => engine.bots.get(id).status !== 'online')) {
    if (performance.now() - started > 60_000) throw new Error('Demo bots did not come online within a minute.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/**
 * Customers send `.ping` to every bot, `perMinute` a minute per bot, spread evenly over the bots
 * and rotating over `senders` customers (5 a minute each, under the command rate limit); the
 * latency is from the send to the bot's answer stored (message:upsert, from the bot). A bot
 * answers its pings in order, so each answer settles the oldest ping waiting at that bot.
 */
const measureStep = async (engine: Engine, ids: string[], perMinute: number, senders: number): Promise<StepFigures> => {
  const waiting = new Map<string, number[]>(ids.map((id) => [id, []]));
  const latencies: number[] = [];
  const off = engine.events.on('message:upsert', ({ message }) => {
    if (!message.fromMe || !message.text?.startsWith('pong')) return;
    const sentAt = waiting.get(message.botId)?.shift();
    if (sentAt !== undefined) latencies.push(performance.now() - sentAt);
  });
  const outstanding = () => [...waiting.values()].reduce((n, queue) => n + queue.length, 0);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  loop.enable();
  const gap = 60_000 / (perMinute * ids.length);
  for (let i = 0; i * gap < SECONDS * 1000; i++) {
    const wait = started + i * gap - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const botId = ids[i % ids.length] ?? '';
    const sender = Math.floor(i / ids.length) % senders;
    waiting.get(botId)?.push(performance.now());
    await call(engine, 'demo:receive', { botId, from: `+447700900${String(100 + sender)}`, text: '.ping' });
  }
  // The window lasts SECONDS even when the last ping goes out early (few bots, short windows).
  const rest = started + SECONDS * 1000 - performance.now();
  if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  // The last answers.
  const drainStart = performance.now();
  while (outstanding() > 0 && performance.now() - drainStart < GIVE_UP_MS) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const lost = outstanding();
  for (let i = 0; i < lost; i++) latencies.push(GIVE_UP_MS);
  loop.disable();
  off();
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    bots: ids.length,
    rssMb: process.memoryUsage().rss / 1024 / 1024,
    cpuShare: (cpu.user + cpu.system) / 1000 / wall,
    loopP99: loop.percentile(99) / 1e6,
    replies: sorted.length - lost,
    lost,
    median: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
  };
};

const row = (f: StepFigures) =>
  `${String(f.bots).padStart(4)} bots: rss ${f.rssMb.toFixed(0).padStart(4)} MB, cpu ${(f.cpuShare * 100).toFixed(0).padStart(3)}% of a core, ` +
  `event-loop p99 ${f.loopP99.toFixed(1)} ms, reply median ${f.median.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms ` +
  `(${f.replies.toLocaleString('en')} replies${f.lost > 0 ? `, ${f.lost} lost` : ''})`;

const demoPhase = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wren-bench-machine-'));
  const engine = createEngine({
    dataDir,
    mode: 'headless',
    version: 'bench',
    logger: silentLogger(),
    random: seededRandom(11),
    demoActivity: true,
  });
  try {
    await engine.start();
    const ids: string[] = [];
    const grow = async (to: number) => {
      const added: string[] = [];
      while (ids.length < to) {
        const id = await addDemoBot(engine, ids.length + 1);
        ids.push(id);
        added.push(id);
      }
      await waitOnline(engine, added);
    };
    console.log(`Demo bots, ${SECONDS} s per step, ${PINGS_PER_MINUTE} pings a minute per bot, demo activity on`);
    await grow(1);
    // One bot, its pings from 12 customers at 5 a minute each: enough answers for a p99.
    const single = await measureStep(engine, ids, 12 * PINGS_PER_MINUTE, 12);
    console.log(`${row(single)}  ← the single-bot figure`);
    const figures: StepFigures[] = [];
    for (const step of STEPS) {
      await grow(step);
      const f = await measureStep(engine, ids, PINGS_PER_MINUTE, 1);
      figures.push(f);
      console.log(row(f));
    }
    const largest = figures.at(-1);
    if (largest) {
      judge(
        `Demo bots: reply p99 at ${largest.bots} bots ÷ one bot`,
        largest.p99 / single.p99,
        { below: 3 },
        '×',
        `${largest.p99.toFixed(1)} ms / ${single.p99.toFixed(1)} ms`,
      );
    }
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

const main = async () => {
  const phase = process.argv[2] ?? 'all';
  if (phase === 'all' || phase === 'demo') await demoPhase();
  if (phase === 'all' || phase === 'baileys') await baileysPhase();
  if (smoke()) console.log('machine-size bench: done');
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
