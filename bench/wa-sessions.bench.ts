/**
 * What a linked WhatsApp session costs: link time (QR scanned → online) and resident memory per
 * idle linked session, over 1, 10, 50 and 100 sessions, bare Baileys against Wren's whole engine,
 * measured in the same run against the local protocol server (e2e/wa-server). Then the reconnect
 * phase (bench/wa-reconnects.ts): after 100 forced reconnects, RSS and the time of a fixed async
 * workload against their values before.
 *
 *   npx tsx bench/wa-sessions.bench.ts [all|sessions|reconnects]
 *   WREN_BENCH_WA_COUNTS=1,10,50,100  WREN_BENCH_WA_MESSAGES=100  WREN_BENCH_WA_RECONNECTS=100
 *
 * Method:
 * - This process runs the server and 5 simulated contacts (Baileys, in-memory keys). Each measured
 *   population runs in a fresh child (bench/wa-child.ts): `bare` is N makeWASocket clients with
 *   in-memory key stores; `wren` is one engine (SQLite in a temp dir, runners, transports, the bot
 *   log every text lands in) with N WhatsApp bots started through its dispatcher. Both use the same
 *   socket options (no full history sync, not online on connect).
 * - Sessions link one after another (the 812-prekey generation blocks the child's event loop).
 *   Link time runs from this process asking the server to scan a QR to the child reporting the
 *   session online: pairing, the 515 restart, login, prekey upload and history-sync wait included.
 *   The median per population is shown.
 * - Memory is settled RSS (VmRSS): 1.5 s quiet, then three rounds of V8's low-memory collection and
 *   a read 500 ms later; the median read. The children run with V8's young generation pinned at
 *   1 MB semi-spaces (PINNED_YOUNG_GEN in wa-harness.ts): at the default it swings between 0 and 32 MB
 *   resident at moments no read can choose, and repeated runs of one population differed by more
 *   than ten sessions cost. Settled memory does not depend on it; times a little, for both alike.
 * - Each child reads a cold base (imports done and, for wren, engine.start() with no bots), links
 *   one session and reads again, links the rest and reads again: per session = (RSS_N − RSS_1) /
 *   (N − 1) within one process. The first session carries the one-time costs of a first link (code
 *   compiled and optimised, native buffers, SQLite caches: 5–10 MB), so it is the base, and shown
 *   apart; with one session only the figure is RSS above the cold base, one-time costs included.
 *   What is left is settling noise of a few MB per process (±0.2–0.5 MB/session at 10, against
 *   0.3 MB a session costs), so the targets are judged at the largest count, and linearity between
 *   it and the count below it (100 and 50: the noise is a tenth of a session's cost there); smaller
 *   counts are shown for information.
 * - Message phase: after the idle read the contacts send WREN_BENCH_WA_MESSAGES texts to each
 *   session (round r from contact r mod 5, so every session has a Signal session with every
 *   contact; each contact awaits its sends, the five run concurrently), the child confirms every
 *   text arrived, and memory is read again. "Flat" is the cost per session after the texts (idle
 *   cost + growth / N) ÷ the idle cost (whole-process ratios are shown too; a ~150 MB base hides
 *   growth in them). What grows, per heap snapshots taken before and after the texts: one entry per
 *   received text in Baileys' recent-message cache (enableRecentMessageCache, on by default: the
 *   message, its bytes and an lru-cache expiry timer, kept 5 minutes, up to 512 per socket), about
 *   1 KB each; with the cache off the per-text objects are gone.
 * - Targets (PASS/MISS lines of bench/verdict.ts; a miss makes the run exit 1): wren ≤ 2× bare per
 *   idle session; linear: wren per session at the largest count within 1.5× of that at the count below it; flat:
 *   wren per session after the texts ≤ 1.1× idle. Link and send times are reported, not judged.
 * - Flat's floor: a third population at the largest count, `lean`, is bare Baileys with its
 *   recent-message cache emptied as Wren's transport empties it. What it grows by is Baileys'
 *   own (its Signal sessions, buffers, the allocator's high water), which Wren's sessions cannot
 *   grow by less than; charged against Wren's idle cost per session it is the floor of flat.
 */
import type { Contact } from '../e2e/wa-server/contact';
import type { WaServer } from '../e2e/wa-server/server';
import {
  checkTrace,
  fmt,
  freshPhones,
  linkContacts,
  mb,
  median,
  seconds,
  sendRounds,
  startServer,
  WaChild,
  type ChildMode,
  type Memory,
} from './wa-harness';
import { judge } from './verdict';
import { printReconnects, RECONNECTS, runReconnects } from './wa-reconnects';

const COUNTS = (process.env.WREN_BENCH_WA_COUNTS ?? '1,10,50,100').split(',').map(Number);
const PER_SESSION = Number(process.env.WREN_BENCH_WA_MESSAGES ?? 100);
const CONTACTS = 5;
const MODES: ChildMode[] = ['bare', 'wren'];

type Run = {
  mode: ChildMode;
  count: number;
  /** Before any socket: imports done and, for wren, engine.start() with no bots. */
  cold: Memory;
  /** One session linked: the base the other N − 1 are charged against. */
  first: Memory;
  /** All N linked and idle. */
  idle: Memory;
  after: Memory;
  links: number[];
  sendMs: number;
  received: number;
};

/**
 * MB per idle session: what each session after the first added, (RSS_N − RSS_1) / (N − 1). With one
 * session, RSS above the cold base: that one session and the process's one-time costs of a link.
 */
const perSession = (run: Run, pick: (m: Memory) => number = (m) => m.rss) =>
  run.count > 1 ? mb(pick(run.idle) - pick(run.first)) / (run.count - 1) : mb(pick(run.idle) - pick(run.cold));
/** MB the first session cost above the cold base, one-time costs of a first link included. */
const firstCost = (run: Run) => mb(run.first.rss - run.cold.rss);
/** Per-session cost after the texts ÷ idle: 1 + (growth per session) / (idle cost per session). */
const flatRatio = (run: Run) => 1 + mb(run.after.rss - run.idle.rss) / run.count / perSession(run);

const measurePopulation = async (
  server: WaServer,
  contacts: Contact[],
  mode: ChildMode,
  count: number,
): Promise<Run> => {
  const child = await WaChild.spawn(mode, server);
  try {
    const cold = await child.call<Memory>({ cmd: 'measure' });
    const phones = freshPhones(count);
    const links: number[] = [];
    const linkUpTo = async (n: number) => {
      for (let i = links.length; i < n; i++) links.push(await child.link(server, i, phones[i] ?? ''));
    };
    await linkUpTo(1);
    const first = await child.call<Memory>({ cmd: 'measure' });
    await linkUpTo(count);
    const idle = count > 1 ? await child.call<Memory>({ cmd: 'measure' }) : first;
    const started = performance.now();
    await sendRounds(contacts, phones, PER_SESSION);
    const expected = count * PER_SESSION;
    const received = await child.call<number>({ cmd: 'wait-received', total: expected, timeoutMs: 120_000 });
    const sendMs = performance.now() - started;
    if (received < expected) console.log(`  !! ${mode} ×${count}: only ${received} of ${expected} texts arrived`);
    const after = await child.call<Memory>({ cmd: 'measure' });
    const run: Run = { mode, count, cold, first, idle, after, links, sendMs, received };
    const rss = (m: Memory) => `${fmt(mb(m.rss), 1)} (${fmt(mb(m.rssAnon), 1)}+${fmt(mb(m.rssFile), 1)})`;
    const heap = (m: Memory) => `${fmt(mb(m.heapUsed), 1)}/${fmt(mb(m.heapTotal), 1)}`;
    console.log(
      `  ${mode} ×${count}: RSS MB (anon+file) cold ${rss(cold)}, 1 session ${rss(first)}, ${count} idle ${rss(idle)}, ` +
        `after texts ${rss(after)} → ${fmt(perSession(run))} MB/session` +
        `\n      V8 heap used/total MB ${heap(cold)} → ${heap(first)} → ${heap(idle)} → ${heap(after)}; ` +
        `young gen ≤ ${fmt(mb(Math.max(first.newSpace, idle.newSpace, after.newSpace)), 1)} MB; ` +
        `link median ${fmt(median(links), 0)} ms (max ${fmt(Math.max(...links), 0)}); ` +
        `${received} texts in ${seconds(sendMs)}; enabled AsyncLocalStorage ${idle.storages} idle, ${after.storages} after`,
    );
    return run;
  } finally {
    await child.exit();
  }
};

const printSessions = (runs: Run[]) => {
  const find = (mode: ChildMode, count: number) => runs.find((r) => r.mode === mode && r.count === count);
  const pairs = COUNTS.flatMap((count) => {
    const bare = find('bare', count);
    const wren = find('wren', count);
    return bare && wren ? [{ count, bare, wren }] : [];
  });
  const cell = (text: string, width: number) => text.padStart(width);

  console.log('\nIdle linked sessions: settled RSS per session (each after the first), link time (QR scan → online)');
  console.log(
    '  count | bare MB/session | wren MB/session | wren/bare | link ms bare | link ms wren | ' +
      'V8 heap MB/session bare | wren | first session MB bare | wren',
  );
  for (const { count, bare, wren } of pairs) {
    const b = perSession(bare);
    const w = perSession(wren);
    const heap = (run: Run) => perSession(run, (m) => m.heapUsed);
    console.log(
      `  ${cell(String(count), 5)} | ${cell(fmt(b), 15)} | ${cell(fmt(w), 15)} | ${cell(`${fmt(w / b)}×`, 9)} | ` +
        `${cell(fmt(median(bare.links), 0), 12)} | ${cell(fmt(median(wren.links), 0), 12)} | ` +
        `${cell(fmt(heap(bare)), 23)} | ${cell(fmt(heap(wren)), 4)} | ` +
        `${cell(fmt(firstCost(bare)), 21)} | ${fmt(firstCost(wren))}`,
    );
  }
  console.log('  (count 1: RSS above the cold base, so the one-time costs of a first link are in it)');

  console.log(
    `\nAfter ${PER_SESSION} texts per session, ÷ idle: cost per session (idle + growth per session), whole process`,
  );
  console.log('  count | bare per session | bare process | wren per session | wren process | texts/s bare | wren');
  for (const { count, bare, wren } of pairs) {
    const whole = (r: Run) => r.after.rss / r.idle.rss;
    const rate = (r: Run) => r.received / (r.sendMs / 1000);
    console.log(
      `  ${cell(String(count), 5)} | ${cell(`${fmt(flatRatio(bare))}×`, 16)} | ${cell(`${fmt(whole(bare))}×`, 12)} | ` +
        `${cell(`${fmt(flatRatio(wren))}×`, 16)} | ${cell(`${fmt(whole(wren))}×`, 12)} | ` +
        `${cell(fmt(rate(bare), 0), 12)} | ${fmt(rate(wren), 0)}`,
    );
  }

  const largest = Math.max(...COUNTS);
  const big = pairs.find((p) => p.count === largest);
  // Linearity between the largest count and the one below it: where a few MB of settling noise is
  // a small part of what the sessions cost (at 10 it is as much as all ten sessions).
  const below = pairs
    .filter((p) => p.count < largest)
    .sort((a, b) => a.count - b.count)
    .at(-1);
  if (!big || largest < 10) return;
  const also = (f: (p: (typeof pairs)[number]) => number) => {
    const others = pairs.filter((p) => p.count >= 10 && p.count !== largest);
    return others.map((p) => `at ${p.count}: ${fmt(f(p))}×`).join(', ');
  };
  // A per-session cost at or below zero is settling noise larger than the sessions: no figure.
  const ratio = (p: (typeof pairs)[number]) =>
    perSession(p.wren) > 0 && perSession(p.bare) > 0 ? perSession(p.wren) / perSession(p.bare) : NaN;
  const flat = (run: Run) => (perSession(run) > 0 ? flatRatio(run) : NaN);
  console.log(`\nTargets, judged at ${largest} sessions`);
  judge(`RSS per idle linked session, wren ÷ bare, ${largest} sessions`, ratio(big), { atMost: 2 }, '×', also(ratio));
  if (below && below.count >= 10) {
    const growth = perSession(big.wren) / perSession(below.wren);
    const bareGrowth = perSession(big.bare) / perSession(below.bare);
    // Linear both ways: a per-session cost that shrinks with the count is as suspect as one that grows.
    judge(
      `linear: wren per session at ${largest} ÷ at ${below.count} (the larger of it and its inverse)`,
      growth > 0 ? Math.max(growth, 1 / growth) : NaN,
      { atMost: 1.5 },
      '×',
      `${fmt(growth)}× as measured; bare ${fmt(bareGrowth)}×`,
    );
  }
  // What Wren's sessions grow by can be no less than what Baileys itself grows by when it runs as
  // Wren runs it (lean), charged against Wren's own idle cost per session.
  const lean = runs.find((r) => r.mode === 'lean' && r.count === largest);
  const leanGrowth = lean ? mb(lean.after.rss - lean.idle.rss) / lean.count : NaN;
  if (lean) {
    console.log(
      `  lean ×${largest} (Baileys without its recent-message cache): ${fmt(perSession(lean))} MB/session idle, ` +
        `${fmt(leanGrowth)} MB/session grown after the texts (${fmt(flatRatio(lean))}× its own idle)`,
    );
  }
  const floor = perSession(big.wren) > 0 && lean ? 1 + leanGrowth / perSession(big.wren) : NaN;
  judge(
    `flat: wren RSS per session after ${PER_SESSION} texts ÷ idle, ${largest} sessions`,
    flat(big.wren),
    { atMost: 1.1 },
    '×',
    [also((p) => flat(p.wren)), `bare ${fmt(flat(big.bare))}×`].filter(Boolean).join('; '),
    Number.isFinite(floor)
      ? { value: floor, what: "Baileys' own growth as Wren runs it (no recent-message cache) over Wren's idle cost" }
      : undefined,
  );
};

const main = async () => {
  const phase = process.argv[2] ?? 'all';
  const server = await startServer();
  const started = performance.now();
  try {
    const contacts = await linkContacts(server, CONTACTS);
    if (phase === 'all' || phase === 'sessions') {
      console.log(
        `Sessions: ${COUNTS.join(', ')} per process, ${PER_SESSION} texts per session from ${CONTACTS} contacts`,
      );
      const runs: Run[] = [];
      for (const count of COUNTS) {
        for (const mode of MODES) runs.push(await measurePopulation(server, contacts, mode, count));
      }
      // The floor under "flat", at the count it is judged at: Baileys without its recent-message
      // cache, as Wren runs it, with in-memory keys and nothing else.
      runs.push(await measurePopulation(server, contacts, 'lean', Math.max(...COUNTS)));
      printSessions(runs);
    }
    if (phase === 'all' || phase === 'reconnects') {
      const [contact] = contacts;
      if (!contact) throw new Error('No contact linked.');
      console.log(`\nReconnects: ${RECONNECTS} per process`);
      printReconnects(await runReconnects(server, contact));
    }
    await Promise.all(contacts.map((c) => c.close()));
  } finally {
    checkTrace(server);
    await server.close();
    console.log(`\nTotal ${seconds(performance.now() - started)}`);
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
