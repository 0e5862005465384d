/**
 * The measured process of bench/wa-sessions.bench.ts: one population of WhatsApp sessions, driven
 * by the parent over IPC. The parent owns the protocol server and scans the QRs; this process only
 * holds the sessions, so its RSS is theirs plus a fixed base.
 *
 *   node --min-semi-space-size=1 --max-semi-space-size=1 --import tsx bench/wa-child.ts \
 *     <bare|wren> <server ws url> <root public key hex>          (flags: see PINNED_YOUNG_GEN in wa-harness.ts)
 *
 * bare: N makeWASocket clients with in-memory key stores, restarting at once on any close but 401
 *       (as e2e/wa-server/contact.ts does). wren: one engine (temp data dir, SQLite) with N
 *       WhatsApp bots, driven through its dispatcher as the UI drives it.
 *
 * Parent → child: { id, cmd, ...args }; the child answers { id, ok, value | error }.
 * Child → parent, unasked: { event: 'qr', i, qr } (first QR of session i), { event: 'online', i }
 * (every time session i comes online, link and reconnects alike).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics } from 'node:v8';
import {
  initAuthCreds,
  makeWASocket,
  WA_CERT_DETAILS,
  type AuthenticationCreds,
  type SignalKeyStore,
  type WASocket,
} from '@whiskeysockets/baileys';
import pino from 'pino';
import { withoutRecentMessages } from '../src-main/engine/wa/baileys/socket-config';
import { memoryKeyStore } from '../e2e/wa-server/contact';
import type { BotStatus } from '../src-shared/bots';
import { settledResident } from './settled-memory';
import { type Reply, serveRequests } from './child-ipc';

/**
 * bare: Baileys with its defaults; lean: the same, with the recent-message cache emptied as Wren's
 * transport empties it (socket-config.ts), so what it grows by is Baileys' own; wren: the engine.
 */
export type ChildMode = 'bare' | 'lean' | 'wren';

/** What `measure` answers: the settled memory of this process, in bytes. */
export type Memory = {
  rss: number;
  /** RSS split as the kernel reports it (/proc/self/status): anonymous memory and mapped files. */
  rssAnon: number;
  rssFile: number;
  heapUsed: number;
  heapTotal: number;
  /** V8's young generation as committed (pinned small by the parent's flags; shown to check that). */
  newSpace: number;
  external: number;
  /** AsyncLocalStorage instances enabled right now (each one taxes every new promise and timer). */
  storages: number;
  /** Live ref'd timers (process.getActiveResourcesInfo; unref'd ones, e.g. cache expiry, not counted). */
  timers: number;
};

export type ChildRequest =
  | { id: number; cmd: 'link'; i: number }
  | { id: number; cmd: 'measure' }
  | { id: number; cmd: 'wait-received'; total: number; timeoutMs: number }
  | { id: number; cmd: 'workload'; runs: number }
  | { id: number; cmd: 'exit' };

export type ChildMessage =
  { event: 'ready' } | { event: 'qr'; i: number; qr: string } | { event: 'online'; i: number } | Reply;

// ── instrumentation: which AsyncLocalStorage instances are enabled ────────────────────────────
// Counting only: both modes carry the same wrapper. Node 20 enables an instance in `_enable`
// (called by run/enterWith) and takes it off its list in `disable`.
type Storage = AsyncLocalStorage<unknown> & { enabled?: boolean };
const enabledStorages = new Set<Storage>();
const storageProto = AsyncLocalStorage.prototype as unknown as {
  _enable?: (this: Storage) => void;
  disable: (this: Storage) => void;
};
const originalEnable = storageProto._enable;
const originalDisable = storageProto.disable;
if (typeof originalEnable === 'function') {
  storageProto._enable = function (this: Storage) {
    originalEnable.call(this);
    if (this.enabled) enabledStorages.add(this);
  };
  storageProto.disable = function (this: Storage) {
    originalDisable.call(this);
    if (!this.enabled) enabledStorages.delete(this);
  };
}

// ── helpers ───────────────────────────────────────────────────────────────────────────────────

const send = (message: ChildMessage) => process.send?.(message);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const newSpace = () =>
  getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.physical_space_size ?? 0;

/** Settled memory (settled-memory.ts), with V8's own figures and what an engine may leak beside it. */
const measure = async (): Promise<Memory> => {
  const settled = await settledResident();
  const { heapUsed, heapTotal, external } = process.memoryUsage();
  const timers = process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length;
  return { ...settled, heapUsed, heapTotal, newSpace: newSpace(), external, storages: enabledStorages.size, timers };
};

/**
 * A fixed async workload: promise-heavy code and timers, the two things an enabled
 * AsyncLocalStorage taxes (Node copies every enabled instance's store onto each new resource).
 */
const workloadOnce = async (): Promise<number> => {
  const started = performance.now();
  for (let i = 0; i < 100_000; i++) await Promise.resolve();
  for (let batch = 0; batch < 20; batch++) {
    await Promise.all(Array.from({ length: 100 }, () => new Promise<void>((resolve) => setTimeout(resolve, 0))));
  }
  return performance.now() - started;
};

const workload = async (runs: number): Promise<number[]> => {
  await workloadOnce(); // warm-up: JIT, not measured
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await workloadOnce());
  return times;
};

// ── populations ───────────────────────────────────────────────────────────────────────────────

type Population = {
  /** Starts session i (it shows a QR); resolves once it is online. */
  add(i: number): Promise<void>;
  received(): number;
  close(): Promise<void>;
};

/** Resolves per-session "online" waits and tells the parent about every online. */
const onlineTracker = () => {
  const waiters = new Map<number, () => void>();
  return {
    wait: (i: number) => new Promise<void>((resolve) => waiters.set(i, resolve)),
    online: (i: number) => {
      send({ event: 'online', i });
      waiters.get(i)?.();
      waiters.delete(i);
    },
  };
};

const barePopulation = (url: string, rootKey: typeof WA_CERT_DETAILS.PUBLIC_KEY, lean: boolean): Population => {
  const logger = pino({ level: 'silent' });
  const tracker = onlineTracker();
  const sockets = new Map<number, WASocket>();
  let received = 0;
  let stopping = false;

  const connect = (i: number, creds: AuthenticationCreds, keys: SignalKeyStore, qrSent: { done: boolean }) => {
    WA_CERT_DETAILS.PUBLIC_KEY = rootKey;
    const sock = makeWASocket({
      auth: { creds, keys },
      waWebSocketUrl: url,
      logger,
      browser: ['Bench', 'Chrome', '1.0.0'],
      markOnlineOnConnect: false,
      syncFullHistory: false,
    });
    if (lean) withoutRecentMessages(sock);
    sockets.set(i, sock);
    sock.ev.on('creds.update', (update) => Object.assign(creds, update));
    sock.ev.on('connection.update', (update) => {
      if (update.qr && !qrSent.done) {
        qrSent.done = true;
        send({ event: 'qr', i, qr: update.qr });
      }
      if (update.connection === 'open') tracker.online(i);
      if (update.connection === 'close') {
        const code = (update.lastDisconnect?.error as { output?: { statusCode?: number } } | undefined)?.output
          ?.statusCode;
        // 515 after pairing, and the forced restarts of the reconnect phase: a new socket at once.
        if (!stopping && code !== 401) connect(i, creds, keys, qrSent);
      }
    });
    sock.ev.on('messages.upsert', ({ messages }) => {
      for (const m of messages) {
        if (!m.key.fromMe && (m.message?.conversation ?? m.message?.extendedTextMessage?.text)) received += 1;
      }
    });
  };

  return {
    add: (i) => {
      const online = tracker.wait(i);
      connect(i, initAuthCreds(), memoryKeyStore(), { done: false });
      return online;
    },
    received: () => received,
    close: async () => {
      stopping = true;
      await Promise.all([...sockets.values()].map((s) => s.end(undefined).catch(() => undefined)));
    },
  };
};

const wrenPopulation = async (url: string, rootHex: string): Promise<Population> => {
  // Imported here so that the bare population never loads the engine (SQLite, drizzle, zod).
  const { createEngine } = await import('../src-main/engine/index');
  const dataDir = mkdtempSync(join(tmpdir(), 'wren-wa-bench-'));
  const engine = createEngine({
    dataDir,
    mode: 'headless',
    version: 'bench',
    baileys: { waWebSocketUrl: url, rootPublicKeyHex: rootHex },
  });
  await engine.start();
  const tracker = onlineTracker();
  const indexOf = new Map<string, number>();

  const lastStatus = new Map<string, BotStatus>();
  const qrSent = new Set<string>();
  let received = 0;

  engine.events.on('bot:status', ({ bot }) => {
    const i = indexOf.get(bot.id);
    if (i === undefined) return;
    if (bot.link?.qr && !qrSent.has(bot.id)) {
      qrSent.add(bot.id);
      send({ event: 'qr', i, qr: bot.link.qr });
    }
    if (bot.status === 'online' && lastStatus.get(bot.id) !== 'online') tracker.online(i);
    lastStatus.set(bot.id, bot.status);
  });
  // Every incoming text is one row of the bot's log (SQLite) and one bot:event push.
  engine.events.on('bot:event', ({ event }) => {
    if (event.kind === 'message' && /^(Message|Received while offline) from /.test(event.message)) received += 1;
  });

  const call = async (name: string, input: unknown) => {
    const reply = await engine.dispatch(name, input);
    if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code}: ${reply.error.message}`);
    return reply.value;
  };

  return {
    add: async (i) => {
      const bot = (await call('bots:create', { name: `Bench ${i}`, kind: 'whatsapp' })) as { id: string };
      indexOf.set(bot.id, i);
      const online = tracker.wait(i);
      await call('bots:start', { botId: bot.id });
      await online;
    },
    received: () => received,
    close: async () => {
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

// ── the command loop ──────────────────────────────────────────────────────────────────────────

const main = async () => {
  const [mode, url, rootHex] = process.argv.slice(2);
  if ((mode !== 'bare' && mode !== 'lean' && mode !== 'wren') || !url || !rootHex) {
    throw new Error('usage: wa-child.ts <bare|lean|wren> <ws url> <root public key hex>');
  }
  const population =
    mode === 'wren'
      ? await wrenPopulation(url, rootHex)
      : barePopulation(url, Buffer.from(rootHex, 'hex'), mode === 'lean');

  const handle = async (request: ChildRequest): Promise<unknown> => {
    switch (request.cmd) {
      case 'link':
        await population.add(request.i);
        return null;
      case 'measure':
        return measure();
      case 'wait-received': {
        const deadline = Date.now() + request.timeoutMs;
        while (population.received() < request.total && Date.now() < deadline) await sleep(50);
        return population.received();
      }
      case 'workload':
        return workload(request.runs);
      case 'exit':
        await population.close();
        return null;
    }
  };

  serveRequests(handle);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
