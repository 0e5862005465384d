/**
 * Inbox store figures (issue 4), each as a ratio to a baseline measured in the same run:
 * 1. History ingest through the engine's writer (contacts, chats, messages, FTS) vs a raw
 *    better-sqlite3 prepared-insert loop into the same tables and FTS index, one transaction
 *    per batch; into an empty file and into one already holding WREN_BENCH_INBOX_SIZE messages.
 *    One measurement is a second of work, and the same code measured 0.53×–0.92× from run to run
 *    on a small VM: so WREN_BENCH_INBOX_TRIALS interleaved trials each measure every rate, and
 *    the figures are judged from the medians. The big store is filled once, as a template; each
 *    measurement on it gets a copy of its own, cached like a store in use, and every measurement
 *    starts after a `sync`, so none races the writeback of the one before.
 * 2. Event-loop delay (p99) while the inbox service stores 100,000 history messages.
 * 3. Reading cost at 10,000 vs WREN_BENCH_INBOX_SIZE messages (a copy of the template): opening a
 *    chat (latest 50) and a full-text search for a word with about 100 matches, p95.
 * Runs the engine code under tsx; temp files are deleted at the end, also after a throw.
 */
import { closeSync, copyFileSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { systemClock } from '../src-main/engine/clock';
import { startCheckpointer } from '../src-main/engine/db/checkpointer';
import { openDb } from '../src-main/engine/db/open';
import { createEngineEvents } from '../src-main/engine/events';
import { InboxReader } from '../src-main/engine/inbox/reader';
import { createInboxService } from '../src-main/engine/inbox/service';
import { InboxWriter, mergeBudget } from '../src-main/engine/inbox/writer';
import { silentLogger } from '../src-main/engine/log/logger';
import { createMediaService } from '../src-main/engine/media/service';
import { MediaStore } from '../src-main/engine/media/store';
import { seededRandom } from '../src-main/engine/random';
import type { IncomingMessage, Transport, TransportEvents } from '../src-main/engine/wa/transport';
import { settleDisk } from './settle-disk';
import { judge } from './verdict';

const BIG = Number(process.env.WREN_BENCH_INBOX_SIZE ?? 1_000_000);
const SMALL = 10_000;
/** History messages stored in one go while the event loop is watched. */
const HISTORY = Number(process.env.WREN_BENCH_INBOX_HISTORY ?? 100_000);
const BATCH = 500;
const CHATS = 2_000;
const MEASURED = 50_000;
/** Every ingest rate is measured this many times; the figures are judged from the medians. */
const TRIALS = Number(process.env.WREN_BENCH_INBOX_TRIALS ?? 5);
const MARKER = 'zephyrine';

const random = seededRandom(42);
const WORDS = Array.from({ length: 3_000 }, (_, i) => `w${i.toString(36)}`).concat(
  'hello order delivery price today tomorrow thanks please open closed address menu table booking blue red size'.split(
    ' ',
  ),
);
/** Zipf-ish: common words far more often, like real chat text. */
const word = () => WORDS[Math.floor(WORDS.length * random() ** 3)] ?? 'hello';
const sentence = () => Array.from({ length: 3 + Math.floor(random() * 12) }, word).join(' ');

let seq = 0;
const jidOf = (chat: number) => `4479${String(10_000_000 + chat)}@s.whatsapp.net`;
/**
 * `grouped`: as WhatsApp's history sync sends them, a conversation's messages together (runs of up
 * to 50 of one chat); otherwise every message from a chat picked at random (the worst case for
 * the per-chat indexes: each batch touches hundreds of far-apart index pages).
 */
const makeMessages = (count: number, startTs: number, grouped = false): IncomingMessage[] => {
  let chat = 0;
  let left = 0;
  return Array.from({ length: count }, (_, i) => {
    if (!grouped || left-- <= 0) {
      chat = Math.floor(random() * CHATS);
      left = Math.floor(random() * 50);
    }
    const jid = jidOf(chat);
    const fromMe = random() < 0.4;
    return {
      id: `H${(seq++).toString(16)}`,
      chatJid: jid,
      senderJid: fromMe ? '447700900100@s.whatsapp.net' : jid,
      senderName: fromMe ? null : `Customer ${chat}`,
      fromMe,
      ts: startTs + i,
      text: sentence(),
      offline: true,
    };
  });
};

/** Every temp dir of the run is made under this one, so that one rmSync at the end (also after a
 * throw) leaves nothing behind; the stores still open then are closed first. */
const root = mkdtempSync(join(tmpdir(), 'wren-bench-inbox-'));
const tempDir = (prefix = 'store-') => mkdtempSync(join(root, prefix));
const stores = new Set<{ dispose(): Promise<void> }>();

const CHUNK = 64 * 1024 * 1024;
/**
 * A store as the engine runs it: WAL copied back by the checkpoint worker, off this thread. Empty,
 * or a copy of `template` at rest: in the OS page cache as a store in use is (read through once,
 * since copyFileSync may copy inside the kernel and leave the copy uncached), its writeback done.
 */
const storeOf = (template?: string) => {
  const dir = tempDir();
  const file = join(dir, 'wren.db');
  if (template) {
    copyFileSync(template, file);
    const fd = openSync(file, 'r');
    const buffer = Buffer.allocUnsafe(CHUNK);
    while (readSync(fd, buffer, 0, CHUNK, null) > 0);
    closeSync(fd);
    settleDisk();
  }
  const opened = openDb(file);
  if (!template)
    opened.sqlite.exec(
      "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES ('bot', 'Bench', 'demo', 'online', 0, 0, 0)",
    );
  const checkpointer = startCheckpointer(file, silentLogger());
  const store = {
    ...opened,
    dir,
    file,
    /** Closes the store and deletes its dir, unless told to keep the file. */
    dispose: async (keepFile = false) => {
      stores.delete(store);
      await checkpointer.close();
      opened.close();
      if (!keepFile) rmSync(dir, { recursive: true, force: true });
    },
  };
  stores.add(store);
  return store;
};
type Store = ReturnType<typeof storeOf>;
const freshDb = () => storeOf();
const atRest = (template: string) => storeOf(template);

const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);

/** The engine path: identities, chats, messages, FTS, chat previews; one transaction per batch. */
const ingestEngine = (writer: InboxWriter, messages: IncomingMessage[]): number => {
  const started = performance.now();
  for (let i = 0; i < messages.length; i += BATCH) writer.ingest('bot', messages.slice(i, i + BATCH), false, 1);
  return performance.now() - started;
};

/** The ceiling: plain prepared inserts into the same messages table and its search index (one
 * FTS statement per batch and the merge step after it, as the writer does: FTS5's own merging,
 * which did that work before 0013, is off), chats known. */
const ingestRaw = (sqlite: Database.Database, messages: IncomingMessage[], chatIds: Map<string, number>): number => {
  const insert = sqlite.prepare(
    `INSERT INTO messages (bot_id, chat_id, wa_id, from_me, sender_jid, sender_name, ts, kind, text, status)
     VALUES ('bot', ?, ?, ?, ?, ?, ?, 'text', ?, ?)`,
  );
  const index = sqlite.prepare(
    'INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages WHERE id BETWEEN ? AND ? AND text IS NOT NULL',
  );
  const merge = sqlite.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('merge', ?)");
  const batch = sqlite.transaction((slice: IncomingMessage[]) => {
    let first = 0;
    let last = 0;
    for (const m of slice) {
      last = Number(
        insert.run(
          chatIds.get(m.chatJid),
          m.id,
          m.fromMe ? 1 : 0,
          m.senderJid,
          m.senderName,
          m.ts,
          m.text,
          m.fromMe ? 'sent' : null,
        ).lastInsertRowid,
      );
      first ||= last;
    }
    merge.run(mergeBudget(index.run(first, last).changes));
  });
  const started = performance.now();
  for (let i = 0; i < messages.length; i += BATCH) batch(messages.slice(i, i + BATCH));
  return performance.now() - started;
};

const chatIdsOf = (sqlite: Database.Database) =>
  new Map(
    (sqlite.prepare('SELECT jid, id FROM chats').all() as { jid: string; id: number }[]).map((r) => [r.jid, r.id]),
  );

/** Fills a store to `size` messages through the engine, with MARKER in exactly 100 of them. */
const fill = (writer: InboxWriter, size: number) => {
  const markerAt = new Set(Array.from({ length: 100 }, (_, i) => Math.floor(((i + 0.5) * size) / 100)));
  for (let done = 0; done < size; done += 20_000) {
    const chunk = makeMessages(Math.min(20_000, size - done), done);
    chunk.forEach((m, i) => {
      if (markerAt.has(done + i)) m.text = `${m.text ?? ''} ${MARKER}`;
    });
    ingestEngine(writer, chunk);
  }
};

const p = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

const readCosts = (sqlite: Database.Database) => {
  const reader = new InboxReader(sqlite);
  const busiest = (
    sqlite.prepare('SELECT chat_id FROM messages GROUP BY chat_id ORDER BY count(*) DESC LIMIT 1').get() as {
      chat_id: number;
    }
  ).chat_id;
  const open: number[] = [];
  const search: number[] = [];
  let hits = 0;
  for (let i = 0; i < 200; i++) {
    let t = performance.now();
    reader.messages({ chatId: busiest, limit: 50, botJid: null });
    open.push(performance.now() - t);
    t = performance.now();
    hits = reader.searchMessages({ botId: 'bot', query: MARKER, limit: 100, botJid: null }).items.length;
    search.push(performance.now() - t);
  }
  return { open: p(open, 0.95), search: p(search, 0.95), hits };
};

// The messages are made before, and the machine settled right before, each timed ingest.
const engineRate = (store: Store, messages: IncomingMessage[]) => {
  settleDisk();
  return rate(MEASURED, ingestEngine(new InboxWriter(store.sqlite), messages));
};
const rawRate = (store: Store, messages: IncomingMessage[]) => {
  settleDisk();
  return rate(MEASURED, ingestRaw(store.sqlite, messages, chatIdsOf(store.sqlite)));
};

/** Every rate once, each on a state of its own: new empty stores, new copies of the template. */
const trial = async (template: string) => {
  // Empty store: the engine, then raw inserts into the same store (reusing the chats it made).
  const a = freshDb();
  const engineEmpty = engineRate(a, makeMessages(MEASURED, 0));
  const rawEmpty = rawRate(a, makeMessages(MEASURED, 0));
  await a.dispose();
  const g = freshDb();
  const groupedEmpty = engineRate(g, makeMessages(MEASURED, 0, true));
  await g.dispose();
  const big = atRest(template);
  const groupedFull = engineRate(big, makeMessages(MEASURED, BIG, true));
  const engineFull = engineRate(big, makeMessages(MEASURED, BIG + MEASURED));
  await big.dispose();
  // The schema's own floor: plain prepared inserts into the same tables and indexes (no chats,
  // contacts or previews), into the big store ÷ into a store that holds only its chats (one
  // message each). What they lose as the store grows is the B-trees', not the engine's. The big
  // side gets a copy of its own, not the one the engine just wrote into.
  const raw = atRest(template);
  const floor = async (grouped: boolean) => {
    const bare = freshDb();
    const firsts = makeMessages(CHATS, 0).map((m, chat) => {
      const jid = jidOf(chat);
      return { ...m, chatJid: jid, senderJid: jid, fromMe: false };
    });
    ingestEngine(new InboxWriter(bare.sqlite), firsts);
    const empty = rawRate(bare, makeMessages(MEASURED, 0, grouped));
    await bare.dispose();
    return [empty, rawRate(raw, makeMessages(MEASURED, BIG + 2 * MEASURED, grouped))] as const;
  };
  const [rawGroupedEmpty, rawGroupedFull] = await floor(true);
  const [rawRandomEmpty, rawRandomFull] = await floor(false);
  await raw.dispose();
  return {
    engineEmpty,
    rawEmpty,
    groupedEmpty,
    groupedFull,
    engineFull,
    rawGroupedEmpty,
    rawGroupedFull,
    rawRandomEmpty,
    rawRandomFull,
  };
};
/** One trial's rates, msg/s. */
type Rates = Awaited<ReturnType<typeof trial>>;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const run = async () => {
  console.log(
    `inbox bench: ${BIG.toLocaleString()} messages in the big store, batches of ${BATCH}, ${TRIALS} trials of each ingest`,
  );

  // 3 (small). Read costs at 10,000.
  const small = freshDb();
  fill(new InboxWriter(small.sqlite), SMALL);
  const readSmall = readCosts(small.sqlite);
  await small.dispose();

  // The big store, filled once and kept as the template every measurement on it copies.
  const big = freshDb();
  const fillStart = performance.now();
  fill(new InboxWriter(big.sqlite), BIG);
  console.log(`filled ${BIG.toLocaleString()} messages in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`);
  // A store that holds a million messages has long had its WAL copied back by the worker; right
  // after writing them all in a minute it has not, and the measured batches would race the
  // worker's catch-up (on a 2-core machine) instead of meeting a store at rest. Closed after the
  // checkpoint, the file alone is the store (the last connection's close removes the empty WAL).
  big.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await big.dispose(true);

  // 1. Ingest rates, the trials one after another: a slow spell of the machine lands in one
  // trial's figures, not in all of one kind.
  const trials: Rates[] = [];
  const n = (x: number) => x.toLocaleString();
  for (let i = 0; i < TRIALS; i++) {
    const r = await trial(big.file);
    trials.push(r);
    const rates = Object.entries(r).map(([k, v]) => `${k} ${n(v)}`);
    console.log(`trial ${i + 1} of ${TRIALS}, msg/s: ${rates.join(', ')}`);
  }
  const m = Object.fromEntries(
    Object.keys(trials[0] ?? {}).map((k) => [k, Math.round(median(trials.map((t) => t[k as keyof Rates])))]),
  ) as Rates;
  /** Judged from the medians, with the lowest and highest the ratio came to in a single trial. */
  const judgeRatio = (label: string, ratio: (r: Rates) => number, atLeast: number, floor?: (r: Rates) => number) => {
    const each = trials.map(ratio);
    const spread = `${TRIALS} trials: ${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)}`;
    const what = 'raw inserts into the same tables and search index, big ÷ empty (their own floor)';
    judge(label, ratio(m), { atLeast }, '×', spread, floor && { value: floor(m), what });
  };

  console.log(`medians of ${TRIALS} trials:`);
  console.log(`ingest, empty store: engine ${n(m.engineEmpty)} msg/s, raw ${n(m.rawEmpty)} msg/s`);
  judgeRatio('ingest into an empty store, engine ÷ raw inserts', (r) => r.engineEmpty / r.rawEmpty, 0.5);
  console.log(
    `ingest into ${n(BIG)}: by conversation ${n(m.groupedFull)} msg/s (empty: ${n(m.groupedEmpty)}), ` +
      `random chats ${n(m.engineFull)} msg/s (empty: ${n(m.engineEmpty)})`,
  );
  console.log(
    `raw inserts, by conversation: ${n(m.rawGroupedFull)} msg/s into ${n(BIG)}, ${n(m.rawGroupedEmpty)} msg/s into a store of chats only`,
  );
  console.log(
    `raw inserts, random chats: ${n(m.rawRandomFull)} msg/s into ${n(BIG)}, ${n(m.rawRandomEmpty)} msg/s into a store of chats only`,
  );
  judgeRatio(
    `ingest by conversation, ${n(BIG)} stored ÷ empty`,
    (r) => r.groupedFull / r.groupedEmpty,
    0.8,
    (r) => r.rawGroupedFull / r.rawGroupedEmpty,
  );
  judgeRatio(
    `ingest from random chats, ${n(BIG)} stored ÷ empty`,
    (r) => r.engineFull / r.engineEmpty,
    0.8,
    (r) => r.rawRandomFull / r.rawRandomEmpty,
  );

  // 3 (big). On a copy of its own after the trials: exactly BIG messages, at rest and cached as
  // the ingest trials met it. (Reading the first trial's copy before its ingest would have left
  // that trial's connection warmer than the others'.)
  const reading = atRest(big.file);
  const readBig = readCosts(reading.sqlite);
  await reading.dispose();
  console.log(
    `open chat (latest 50), p95: ${readSmall.open.toFixed(3)} ms at 10k, ${readBig.open.toFixed(3)} ms at ${BIG.toLocaleString()}`,
  );
  judge(`open chat p95, ${BIG.toLocaleString()} ÷ 10,000`, readBig.open / readSmall.open, { atMost: 2 });
  console.log(
    `search "${MARKER}" (${readSmall.hits} / ${readBig.hits} hits), p95: ${readSmall.search.toFixed(3)} ms at 10k, ${readBig.search.toFixed(3)} ms at ${BIG.toLocaleString()}`,
  );
  judge(`search p95, ${BIG.toLocaleString()} ÷ 10,000`, readBig.search / readSmall.search, { atMost: 2 });

  // 2. Event-loop delay while the service stores 100,000 history messages.
  const c = freshDb();
  const listeners: Partial<{ [E in keyof TransportEvents]: (payload: TransportEvents[E]) => void }> = {};
  const transport = {
    on: <E extends keyof TransportEvents>(event: E, listener: (payload: TransportEvents[E]) => void) => {
      (listeners as Record<string, unknown>)[event] = listener;
      return () => undefined;
    },
  } as unknown as Transport;
  const events = createEngineEvents();
  const inbox = createInboxService({
    sqlite: c.sqlite,
    clock: systemClock,
    events,
    logger: silentLogger(),
    botJid: () => null,
    isFeatureOn: () => true,
    onlineTransport: () => null,
    botExists: () => true,
    note: () => undefined,
    media: createMediaService({
      sqlite: c.sqlite,
      store: new MediaStore(tempDir('media-')),
      logger: silentLogger(),
      onlineTransport: () => null,
      autoDownload: () => false,
      changed: () => undefined,
    }),
  });
  inbox.attach('bot', transport);
  const history = makeMessages(HISTORY, 0);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const done = new Promise<void>((resolve) => events.on('chats:changed', () => resolve()));
  delay.enable();
  const started = performance.now();
  listeners.history?.({ messages: history, progress: 100 });
  await done;
  delay.disable();
  const took = performance.now() - started;
  await c.dispose();
  console.log(
    `event-loop delay while storing ${HISTORY.toLocaleString('en')} history messages (${(took / 1000).toFixed(1)} s): max ${(delay.max / 1e6).toFixed(1)} ms`,
  );
  judge(
    `event-loop p99 while storing ${HISTORY.toLocaleString('en')} history messages`,
    delay.percentile(99) / 1e6,
    { below: 50 },
    ' ms',
  );
};

const main = async () => {
  try {
    await run();
  } finally {
    for (const store of [...stores]) await store.dispose().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  }
};

void main();
