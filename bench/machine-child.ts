/**
 * The measured process of the machine-size bench's Baileys phase (bench/machine-baileys.ts): one
 * Wren engine (temp data dir, SQLite, silent logger, as the Demo phase's) with N WhatsApp bots
 * linked to the parent's protocol server, driven over IPC. The parent holds the server and the
 * customers; this process holds only the engine, so its figures are the engine's plus a fixed base.
 *
 *   node --min-semi-space-size=1 --max-semi-space-size=1 --import tsx bench/machine-child.ts \
 *     <server ws url> <root public key hex>          (flags: PINNED_YOUNG_GEN in wa-harness.ts)
 *
 * Its own child rather than bench/wa-child.ts: a step needs this process's CPU time and
 * event-loop delay over a window the parent chooses, which wa-child has no command for.
 *
 * Parent → child: { id, cmd, ...args }; the child answers { id, ok, value | error }.
 * Child → parent, unasked: { event: 'ready' }, { event: 'qr', i, qr } (first QR of session i),
 * { event: 'online', i } (session i came online).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createEngine } from '../src-main/engine/index';
import { silentLogger } from '../src-main/engine/log/logger';
import type { BotStatus } from '../src-shared/bots';
import { settledResident } from './settled-memory';
import { type Reply, serveRequests } from './child-ipc';

/** Settled memory of this process, in bytes. */
export type MachineMemory = {
  rss: number;
  /** RSS as the kernel splits it (/proc/self/status): anonymous memory and mapped files. */
  rssAnon: number;
  rssFile: number;
  heapUsed: number;
  heapTotal: number;
  /** Memory V8 knows of outside its heap (Buffers, typed arrays): part of rssAnon. */
  external: number;
  arrayBuffers: number;
};

/** One measured window: this process's CPU time ÷ wall time, and its event-loop delay. */
export type Window = { cpuShare: number; loopP99: number; loopMax: number; wallMs: number };

export type MachineRequest =
  | { id: number; cmd: 'link'; i: number }
  | { id: number; cmd: 'measure' }
  | { id: number; cmd: 'window-start' }
  | { id: number; cmd: 'window-end' }
  | { id: number; cmd: 'exit' };

export type MachineMessage =
  { event: 'ready' } | { event: 'qr'; i: number; qr: string } | { event: 'online'; i: number } | Reply;

const send = (message: MachineMessage) => process.send?.(message);

/** Settled memory (settled-memory.ts), with V8's own figures beside it. */
const measure = async (): Promise<MachineMemory> => {
  const settled = await settledResident();
  const { heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { ...settled, heapUsed, heapTotal, external, arrayBuffers };
};

/** CPU and event-loop delay from `start` to `end`, as the Demo phase measures its own process. */
const windowMeter = () => {
  let loop: ReturnType<typeof monitorEventLoopDelay> | null = null;
  let cpuBefore = process.cpuUsage();
  let started = 0;
  return {
    start: () => {
      loop?.disable();
      loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      cpuBefore = process.cpuUsage();
      started = performance.now();
      return null;
    },
    end: (): Window => {
      if (!loop) throw new Error('window-end without window-start');
      loop.disable();
      const wallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const figures = {
        cpuShare: (cpu.user + cpu.system) / 1000 / wallMs,
        loopP99: loop.percentile(99) / 1e6,
        loopMax: loop.max / 1e6,
        wallMs,
      };
      loop = null;
      return figures;
    },
  };
};

const main = async () => {
  const [url, rootHex] = process.argv.slice(2);
  if (!url || !rootHex) throw new Error('usage: machine-child.ts <ws url> <root public key hex>');
  const dataDir = mkdtempSync(join(tmpdir(), 'wren-bench-machine-wa-'));
  const engine = createEngine({
    dataDir,
    mode: 'headless',
    version: 'bench',
    logger: silentLogger(),
    baileys: { waWebSocketUrl: url, rootPublicKeyHex: rootHex },
  });
  await engine.start();

  const indexOf = new Map<string, number>();
  const lastStatus = new Map<string, BotStatus>();
  const qrSent = new Set<string>();
  const onlineWaiters = new Map<number, () => void>();
  engine.events.on('bot:status', ({ bot }) => {
    const i = indexOf.get(bot.id);
    if (i === undefined) return;
    if (bot.link?.qr && !qrSent.has(bot.id)) {
      qrSent.add(bot.id);
      send({ event: 'qr', i, qr: bot.link.qr });
    }
    if (bot.status === 'online' && lastStatus.get(bot.id) !== 'online') {
      send({ event: 'online', i });
      onlineWaiters.get(i)?.();
      onlineWaiters.delete(i);
    }
    lastStatus.set(bot.id, bot.status);
  });

  const call = async (name: string, input: unknown) => {
    const reply = await engine.dispatch(name, input);
    if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code}: ${reply.error.message}`);
    return reply.value;
  };

  /** Created and started as a user does from the Bots page; resolves once the parent's scan took. */
  const link = async (i: number) => {
    const bot = (await call('bots:create', { name: `Shop ${i + 1}`, kind: 'whatsapp' })) as { id: string };
    indexOf.set(bot.id, i);
    const online = new Promise<void>((resolve) => onlineWaiters.set(i, resolve));
    await call('bots:start', { botId: bot.id });
    await online;
    return null;
  };

  const meter = windowMeter();
  const handle = async (request: MachineRequest): Promise<unknown> => {
    switch (request.cmd) {
      case 'link':
        return link(request.i);
      case 'measure':
        return measure();
      case 'window-start':
        return meter.start();
      case 'window-end':
        return meter.end();
      case 'exit':
        await engine.close();
        rmSync(dataDir, { recursive: true, force: true });
        return null;
    }
  };

  serveRequests(handle);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
