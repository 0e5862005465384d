/**
 * The machine-size bench's Baileys phase (issue 14, item 6): one Wren engine in a child process
 * (bench/machine-child.ts) with WhatsApp sessions linked to the local protocol server in steps
 * (WREN_BENCH_MACHINE_SESSIONS, default 25, 50, 100), customers (Baileys clients in this process)
 * sending each session 5 `.ping`s a minute that the bot answers "pong 🏓".
 *
 * - The bare process: the child with its engine started and no session, settled RSS (the method
 *   of wa-sessions.bench.ts: full collections, then the kernel's VmRSS; V8's young generation
 *   pinned small, PINNED_YOUNG_GEN, so reads do not swing by tens of MB).
 * - The single-session figure first, in the same run: one session pinged by every customer
 *   (WREN_BENCH_MACHINE_CUSTOMERS, default 12, at 5 a minute each: 60 answers a minute).
 * - Per step, over WREN_BENCH_MACHINE_SECONDS (default 60): the child's CPU share and event-loop
 *   delay p99 (measured in the child over the window), the reply latency from a customer's send
 *   to that customer decrypting the answer, median and p99, and after the window the child's
 *   settled RSS (also read idle, right after the step's links). Every customer–session pair
 *   says one unmeasured `.ping` first: a first message sets up the Signal sessions both ways
 *   (prekey fetch, device lists), a one-off a conversation pays once, not per message.
 * - Judged at the largest step: RSS above the bare process ≤ 100 MB per 100 sessions, reply p99
 *   < 3× the single session's. The README sentence names the largest step within 100 MB above
 *   the bare process and 3× the single session's p99.
 */
import type { ChildProcess } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Contact, ReceivedText } from '../e2e/wa-server/contact';
import type { WaServer } from '../e2e/wa-server/server';
import type { MachineMemory, MachineMessage, MachineRequest, Window } from './machine-child';
import { judge } from './verdict';
import { checkTrace, freshPhones, linkContacts, mb, PINNED_YOUNG_GEN, seconds, startServer } from './wa-harness';
import { IpcChild } from './child-ipc';

const STEPS = (process.env.WREN_BENCH_MACHINE_SESSIONS ?? '25,50,100').split(',').map(Number);
const SECONDS = Number(process.env.WREN_BENCH_MACHINE_SECONDS ?? 60);
const CUSTOMERS = Number(process.env.WREN_BENCH_MACHINE_CUSTOMERS ?? 12);
const TEXTS_PER_MINUTE = 5;
/** The issue's budget: 100 linked sessions under 100 MB above the bare process. */
const BUDGET_MB = 100;
const BUDGET_SESSIONS = 100;
const P99_TIMES_SINGLE = 3;
/** An answer not decrypted this long after the window's last ping counts as lost, at this latency. */
const GIVE_UP_MS = 10_000;
const CHILD = fileURLToPath(new URL('./machine-child.ts', import.meta.url));

/** The measured process: `call` sends a command and resolves with its answer. */
class MachineChild extends IpcChild<MachineRequest, MachineMessage, { qr: [number, string] }> {
  private constructor(proc: ChildProcess) {
    super(proc, (message) => {
      if (message.event === 'qr') this.emit('qr', message.i, message.qr);
    });
  }

  static spawn(server: WaServer): Promise<MachineChild> {
    return IpcChild.start(
      [...PINNED_YOUNG_GEN, '--import', 'tsx', CHILD, server.url, server.rootPublicKeyHex],
      'machine',
      (proc) => new MachineChild(proc),
    );
  }

  /** Starts session `i` in the engine; `phone` scans its first QR; resolves once it is online. */
  async link(server: WaServer, i: number, phone: string): Promise<void> {
    let scan: Promise<unknown> = Promise.resolve();
    const onQr = (j: number, qr: string) => {
      if (j !== i) return;
      this.off('qr', onQr);
      scan = server.scanQr(qr, phone, `Shop ${phone.slice(-4)}`);
    };
    this.on('qr', onQr);
    try {
      await this.call({ cmd: 'link', i });
    } finally {
      this.off('qr', onQr);
    }
    await scan;
  }
}

/** A customer and the session (by its phone) it writes to. */
type Lane = { customer: Contact; phone: string };

/**
 * Times each `.ping` from the customer's send to the customer decrypting the bot's "pong". A bot
 * answers one customer's pings in order, so each answer settles that pair's oldest ping waiting.
 */
const replyClock = (contacts: Contact[]) => {
  const waiting = new Map<string, number[]>();
  let latencies: number[] = [];
  const key = (customer: string, phone: string) => `${customer}|${phone}`;
  const listeners = contacts.map((customer) => {
    const listener = (m: ReceivedText) => {
      if (!m.text.startsWith('pong')) return;
      const sentAt = waiting.get(key(customer.phone, m.fromJid.split('@')[0] ?? ''))?.shift();
      if (sentAt !== undefined) latencies.push(performance.now() - sentAt);
    };
    customer.on('text', listener);
    return [customer, listener] as const;
  });
  const outstanding = (lanes: Lane[]) =>
    lanes.reduce((n, { customer, phone }) => n + (waiting.get(key(customer.phone, phone))?.length ?? 0), 0);
  return {
    /** Sends one ping; a send that fails stays waiting, so it counts as lost. */
    ping: ({ customer, phone }: Lane): Promise<unknown> => {
      const queue = waiting.get(key(customer.phone, phone)) ?? [];
      waiting.set(key(customer.phone, phone), queue);
      queue.push(performance.now());
      return customer
        .sendText(phone, '.ping')
        .catch((error: unknown) => console.log(`  !! send failed: ${String(error)}`));
    },
    /** Waits until every lane's pings are answered or `timeoutMs` passed; the answers unanswered. */
    drain: async (lanes: Lane[], timeoutMs: number): Promise<number> => {
      const started = performance.now();
      while (outstanding(lanes) > 0 && performance.now() - started < timeoutMs) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return outstanding(lanes);
    },
    /** The latencies since the last take, and forgets the pings still waiting (counted lost). */
    take: (): number[] => {
      const taken = latencies;
      latencies = [];
      waiting.clear();
      return taken;
    },
    close: () => {
      for (const [customer, listener] of listeners) customer.off('text', listener);
    },
  };
};
type ReplyClock = ReturnType<typeof replyClock>;

type WindowFigures = Window & { replies: number; lost: number; median: number; p99: number };
type StepFigures = WindowFigures & { sessions: number; idle: MachineMemory; after: MachineMemory };

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** One unmeasured ping per new pair, answered, before any is timed (see the header). */
const warmUp = async (clock: ReplyClock, lanes: Lane[]) => {
  const byCustomer = new Map<Contact, Lane[]>();
  for (const lane of lanes) byCustomer.set(lane.customer, [...(byCustomer.get(lane.customer) ?? []), lane]);
  await Promise.all(
    [...byCustomer.values()].map(async (own) => {
      for (const lane of own) {
        await clock.ping(lane);
        await clock.drain([lane], 30_000);
      }
    }),
  );
  const unanswered = await clock.drain(lanes, 0);
  clock.take();
  if (unanswered > 0) console.log(`  !! ${unanswered} of ${lanes.length} warm-up pings went unanswered`);
};

/**
 * `TEXTS_PER_MINUTE` pings a minute per lane for SECONDS, spread evenly over all lanes; CPU and
 * event-loop delay are the child's over the same window, the last answers' drain included.
 */
const measureWindow = async (child: MachineChild, clock: ReplyClock, lanes: Lane[]): Promise<WindowFigures> => {
  await child.call({ cmd: 'window-start' });
  const sends: Promise<unknown>[] = [];
  const started = performance.now();
  const gap = 60_000 / (TEXTS_PER_MINUTE * lanes.length);
  for (let i = 0; i * gap < SECONDS * 1000; i++) {
    const wait = started + i * gap - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const lane = lanes[i % lanes.length];
    if (lane) sends.push(clock.ping(lane));
  }
  // The window lasts SECONDS even when the last ping goes out early (few lanes, short windows).
  const rest = started + SECONDS * 1000 - performance.now();
  if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  await Promise.all(sends);
  const lost = await clock.drain(lanes, GIVE_UP_MS);
  const window = await child.call<Window>({ cmd: 'window-end' });
  const latencies = clock.take();
  const sorted = [...latencies, ...Array.from({ length: lost }, () => GIVE_UP_MS)].sort((a, b) => a - b);
  return { ...window, replies: latencies.length, lost, median: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
};

const above = (m: MachineMemory, bare: MachineMemory) => mb(m.rss - bare.rss);
const signed = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(0)}`;

const row = (f: WindowFigures & { sessions: number }, rss: string) =>
  `${String(f.sessions).padStart(4)} sessions: rss ${rss}, cpu ${(f.cpuShare * 100).toFixed(0).padStart(3)}% of a core, ` +
  `event-loop p99 ${f.loopP99.toFixed(1)} ms (max ${f.loopMax.toFixed(0)}), reply median ${f.median.toFixed(1)} ms, ` +
  `p99 ${f.p99.toFixed(1)} ms (${f.replies.toLocaleString('en')} replies${f.lost > 0 ? `, ${f.lost} lost` : ''})`;

/**
 * What the MB above the bare process are made of, per session: live V8 heap, memory V8 knows of
 * outside it (Buffers), and the rest (V8's free heap pages, code, malloc: SQLite's page cache,
 * TLS, zlib; mapped files shown apart). Measured, so the parts add up to the RSS figure.
 */
const breakdown = (f: StepFigures, bare: MachineMemory) => {
  const per = (pick: (m: MachineMemory) => number) => (mb(pick(f.after) - pick(bare)) / f.sessions).toFixed(2);
  const rest = (m: MachineMemory) => m.rss - m.heapUsed - m.external;
  return (
    `      per session above bare: ${per((m) => m.rss)} MB = V8 heap used ${per((m) => m.heapUsed)} ` +
    `+ external ${per((m) => m.external)} + the rest ${per(rest)} (mapped files ${per((m) => m.rssFile)})`
  );
};

const readmeSentence = (figures: StepFigures[], bare: MachineMemory, single: WindowFigures) => {
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB`;
  const fits = figures.filter((f) => above(f.after, bare) <= BUDGET_MB && f.p99 < P99_TIMES_SINGLE * single.p99);
  const best = fits.at(-1);
  if (!best) {
    return (
      `README: on this machine (${machine}) no step met both targets (≤ ${BUDGET_MB} MB above the bare process, ` +
      `reply p99 < ${P99_TIMES_SINGLE}× one session's): ` +
      figures
        .map((f) => `${f.sessions} sessions +${above(f.after, bare).toFixed(0)} MB, p99 ${f.p99.toFixed(0)} ms`)
        .join('; ')
    );
  }
  return (
    `README: one PC like this one (${machine}) runs ${best.sessions} WhatsApp numbers in one Wren process ` +
    `(the largest step measured within both targets), ` +
    `each answering 5 messages a minute: ${above(best.after, bare).toFixed(0)} MB above the bare process ` +
    `(${mb(best.after.rss).toFixed(0)} MB in all), ${(best.cpuShare * 100).toFixed(0)}% of one core, replies in ` +
    `${best.median.toFixed(0)} ms (p99 ${best.p99.toFixed(0)} ms, ${(best.p99 / single.p99).toFixed(1)}× one number's).`
  );
};

export const baileysPhase = async (): Promise<void> => {
  const began = performance.now();
  const server = await startServer();
  let child: MachineChild | null = null;
  let contacts: Contact[] = [];
  try {
    contacts = await linkContacts(server, CUSTOMERS);
    const clock = replyClock(contacts);
    const measured = await MachineChild.spawn(server);
    child = measured;
    const bare = await measured.call<MachineMemory>({ cmd: 'measure' });
    console.log(
      `\nBaileys sessions, ${SECONDS} s per step, ${TEXTS_PER_MINUTE} pings a minute per session from ${CUSTOMERS} ` +
        `customers; the bare process (engine started, no session): rss ${mb(bare.rss).toFixed(0)} MB`,
    );
    const phones = freshPhones(Math.max(1, ...STEPS));
    let linked = 0;
    const lanesUpTo = (n: number): Lane[] =>
      phones.slice(0, n).map((phone, s) => ({ phone, customer: contacts[s % contacts.length] as Contact }));
    const grow = async (to: number) => {
      const linkStart = performance.now();
      const from = linked;
      for (; linked < to; linked++) await measured.link(server, linked, phones[linked] ?? '');
      const idle = await measured.call<MachineMemory>({ cmd: 'measure' });
      await warmUp(clock, lanesUpTo(to).slice(from));
      console.log(
        `      linked ${to - from} in ${seconds(performance.now() - linkStart)} (with the idle read and warm-up)`,
      );
      return idle;
    };

    await grow(1);
    const [first] = phones;
    const singleLanes = contacts.map((customer) => ({ customer, phone: first ?? '' }));
    await warmUp(clock, singleLanes.slice(1));
    const single = { ...(await measureWindow(measured, clock, singleLanes)), sessions: 1 };
    console.log(`${row(single, '—')}  ← the single-session figure`);

    const figures: StepFigures[] = [];
    for (const step of STEPS) {
      const idle = await grow(step);
      const window = await measureWindow(measured, clock, lanesUpTo(step));
      const after = await measured.call<MachineMemory>({ cmd: 'measure' });
      const f: StepFigures = { ...window, sessions: step, idle, after };
      figures.push(f);
      const rss = `${mb(after.rss).toFixed(0).padStart(4)} MB (${signed(above(after, bare))} above bare; idle ${signed(above(idle, bare))})`;
      console.log(row(f, rss));
      console.log(breakdown(f, bare));
    }
    clock.close();

    const largest = figures.at(-1);
    if (largest) {
      const budget = (BUDGET_MB * largest.sessions) / BUDGET_SESSIONS;
      judge(
        `Baileys sessions: settled RSS at ${largest.sessions} sessions above the bare process`,
        above(largest.after, bare),
        { atMost: budget },
        ' MB',
        `${(above(largest.after, bare) / largest.sessions).toFixed(2)} MB a session; ${BUDGET_MB} MB per ${BUDGET_SESSIONS} sessions`,
      );
      judge(
        `Baileys sessions: reply p99 at ${largest.sessions} sessions ÷ one session`,
        largest.p99 / single.p99,
        { below: P99_TIMES_SINGLE },
        '×',
        `${largest.p99.toFixed(1)} ms / ${single.p99.toFixed(1)} ms`,
      );
      console.log(readmeSentence(figures, bare, single));
    }
  } finally {
    await child?.exit();
    await Promise.all(contacts.map((c) => c.close()));
    checkTrace(server);
    await server.close();
    console.log(`Baileys phase: ${seconds(performance.now() - began)}`);
  }
};
