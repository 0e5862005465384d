/**
 * The reconnect phase of the WhatsApp benches: does a reconnect cost anything lasting? One linked
 * session per child process (bare Baileys, then Wren's engine with one bot); RSS and a fixed async
 * workload are measured, the session is forced through RECONNECTS reconnects, and both are
 * measured again. Target: Wren within 10% of before on both. Bare Baileys is the comparison that
 * shows the cost without a mitigation (Baileys 7 makes one AsyncLocalStorage per socket and never
 * disables it; every enabled instance is copied onto each new promise and timer in the process).
 *
 * Forcing a reconnect: the server sends `<stream:error code=515>` (restart required) to the
 * session's socket. Wren's runner reconnects at once (its limit of 3 immediate restarts in a row
 * resets each time the bot comes online), bare Baileys reconnects the same way; each cycle is a new
 * makeWASocket, a full noise handshake and login, which is what the real reconnect path does. A
 * socket drop would go through 1 s+ backoff instead, and bots:stop/start would skip the runner's
 * close handling. After each reconnect a contact sends one text and the child confirms it arrived:
 * decrypting it runs a key-store transaction, the first use (and so the enabling) of that socket's
 * AsyncLocalStorage, as any real traffic would.
 *
 * Workload (bench/wa-child.ts): 100,000 `await Promise.resolve()` then 20 batches of 100 awaited
 * setTimeout(0); one warm-up, then 9 runs. Judged on the fastest run before and after: a run takes
 * about 27 ms here, and the other processes of a shared machine add a few ms to some runs (the
 * median of 5 read 1.10× for runs whose fastest were 25 ms both); a slowdown the reconnects left
 * behind is in every run after them, the fastest included (bare Baileys: 37 → 889 ms). The median
 * is shown too. Each mode runs twice, in two processes: once with V8's defaults for the workload, once
 * with the young generation pinned (PINNED_YOUNG_GEN in wa-harness.ts) for RSS, settled as in the
 * sessions phase. One process cannot do both: at the defaults RSS swings by up to 32 MB with the
 * young generation, and with it pinned small every scavenge (16× as many) pays for every root, so
 * the workload reads a 1.3× slowdown after reconnects that V8's defaults do not show.
 */
import type { Contact } from '../e2e/wa-server/contact';
import type { WaServer } from '../e2e/wa-server/server';
import {
  DEFAULT_V8,
  fmt,
  freshPhones,
  mb,
  median,
  PINNED_YOUNG_GEN,
  seconds,
  WaChild,
  type ChildMode,
  type Memory,
} from './wa-harness';
import { judge } from './verdict';

export const RECONNECTS = Number(process.env.WREN_BENCH_WA_RECONNECTS ?? 100);
const WORKLOAD_RUNS = 9;

type Cycled = {
  before: Memory;
  after: Memory;
  workload: { before: number[]; after: number[] } | null;
  cycleMs: number[];
};

export type ReconnectRun = {
  mode: ChildMode;
  /** V8's defaults: the workload (memory here is for the heap, timers and AsyncLocalStorage counts). */
  timed: Cycled;
  /** Young generation pinned: RSS. */
  sized: Cycled;
};

/** One child, one linked session, RECONNECTS forced reconnects with a text after each. */
const cycle = async (server: WaServer, contact: Contact, mode: ChildMode, kind: 'timed' | 'sized'): Promise<Cycled> => {
  const child = await WaChild.spawn(mode, server, kind === 'timed' ? DEFAULT_V8 : PINNED_YOUNG_GEN);
  try {
    const [phone = ''] = freshPhones(1);
    await child.link(server, 0, phone);
    let texts = 0;
    const textArrives = async () => {
      await contact.sendText(phone, `reconnect bench ${++texts}`);
      const got = await child.call<number>({ cmd: 'wait-received', total: texts, timeoutMs: 30_000 });
      if (got < texts) throw new Error(`${mode}: text ${texts} never arrived (${got} did).`);
    };
    await textArrives();
    const workload = () => child.call<number[]>({ cmd: 'workload', runs: WORKLOAD_RUNS });
    const before = await child.call<Memory>({ cmd: 'measure' });
    const workloadBefore = kind === 'timed' ? await workload() : [];
    const cycleMs: number[] = [];
    for (let c = 0; c < RECONNECTS; c++) {
      const started = performance.now();
      const online = child.nextOnline(0);
      const sockets = server.streamError(phone, 515);
      if (sockets !== 1) throw new Error(`${mode}: expected one live socket for ${phone}, found ${sockets}.`);
      await online;
      await textArrives();
      cycleMs.push(performance.now() - started);
    }
    const after = await child.call<Memory>({ cmd: 'measure' });
    const workloadAfter = kind === 'timed' ? await workload() : [];
    return {
      before,
      after,
      workload: kind === 'timed' ? { before: workloadBefore, after: workloadAfter } : null,
      cycleMs,
    };
  } finally {
    await child.exit();
  }
};

const reconnectPopulation = async (server: WaServer, contact: Contact, mode: ChildMode): Promise<ReconnectRun> => {
  const timed = await cycle(server, contact, mode, 'timed');
  const sized = await cycle(server, contact, mode, 'sized');
  const ms = (xs: number[]) => xs.map((t) => fmt(t, 0)).join(' ');
  const { cycleMs } = timed;
  console.log(
    `  ${mode}: ${RECONNECTS} reconnects in ${seconds(cycleMs.reduce((a, b) => a + b, 0))} ` +
      `(cycle median ${fmt(median(cycleMs), 0)} ms, first ${fmt(cycleMs[0] ?? NaN, 0)}, last ${fmt(cycleMs.at(-1) ?? NaN, 0)}); ` +
      `workload ms before [${ms(timed.workload?.before ?? [])}] after [${ms(timed.workload?.after ?? [])}]`,
  );
  return { mode, timed, sized };
};

export const runReconnects = async (server: WaServer, contact: Contact): Promise<ReconnectRun[]> => {
  const runs: ReconnectRun[] = [];
  for (const mode of ['bare', 'wren'] as const) runs.push(await reconnectPopulation(server, contact, mode));
  return runs;
};

export const printReconnects = (runs: ReconnectRun[]) => {
  console.log(
    `\nAfter ${RECONNECTS} forced reconnects (515 restart, one text each) ÷ before, in the same process` +
      `\n  mode | workload ms, median of ${WORKLOAD_RUNS} | ratio  | fastest run | ratio  | RSS MB before → after | ratio | ` +
      'V8 heap MB  | live timers | enabled AsyncLocalStorage',
  );
  const arrow = (a: string, b: string) => `${a} → ${b}`;
  for (const { mode, timed, sized } of runs) {
    const before = timed.workload?.before ?? [];
    const after = timed.workload?.after ?? [];
    const [wb, wa, fb, fa] = [median(before), median(after), Math.min(...before), Math.min(...after)];
    const [rb, ra] = [mb(sized.before.rss), mb(sized.after.rss)];
    console.log(
      `  ${mode} | ${arrow(fmt(wb, 0), fmt(wa, 0)).padStart(24)} | ${`${fmt(wa / wb)}×`.padStart(6)} | ` +
        `${arrow(fmt(fb, 0), fmt(fa, 0)).padStart(11)} | ${`${fmt(fa / fb)}×`.padStart(6)} | ` +
        `${arrow(fmt(rb, 1), fmt(ra, 1)).padStart(21)} | ${`${fmt(ra / rb)}×`.padStart(5)} | ` +
        `${arrow(fmt(mb(sized.before.heapUsed), 1), fmt(mb(sized.after.heapUsed), 1))} | ` +
        `${arrow(String(timed.before.timers), String(timed.after.timers)).padStart(11)} | ` +
        arrow(String(timed.before.storages), String(timed.after.storages)),
    );
  }
  const wren = runs.find((r) => r.mode === 'wren');
  if (!wren?.timed.workload) return;
  const fastest = (runs: number[]) => Math.min(...runs);
  const work = fastest(wren.timed.workload.after) / fastest(wren.timed.workload.before);
  const medianRatio = median(wren.timed.workload.after) / median(wren.timed.workload.before);
  const rss = wren.sized.after.rss / wren.sized.before.rss;
  console.log('\nTargets (wren; bare is the reference without a mitigation)');
  judge(
    `reconnects: async workload after ${RECONNECTS} ÷ before (fastest of ${WORKLOAD_RUNS})`,
    work,
    { atMost: 1.1 },
    '×',
    `median ${medianRatio.toFixed(2)}×`,
  );
  judge(`reconnects: RSS after ${RECONNECTS} ÷ before`, rss, { atMost: 1.1 });
};
