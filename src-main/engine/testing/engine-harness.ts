import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bot, BotStatus } from '../../../src-shared/bots';
import { calls, type CallName, type CallOutput, type CallInput } from '../../../src-shared/contract';
import { FakeClock } from '../clock';
import { createEngine, type Engine, type EngineOptions } from '../index';
import { seededRandom } from '../random';

/**
 * An engine on a real SQLite file in a fresh temp dir, with a fake clock and seeded randomness,
 * driven through the same dispatcher the UI uses.
 */
export type Harness = {
  engine: Engine;
  clock: FakeClock;
  dataDir: string;
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  /** Resolves when the bot reaches `status` (now or later), failing after `withinMs` of fake time. */
  waitForStatus(botId: string, status: BotStatus, withinMs?: number): Promise<Bot>;
  /**
   * Advances fake time a second at a time until `done()` holds, for work that also waits on real
   * I/O (media read from disk) which a fixed advance could outrun; fails after `withinMs`.
   */
  advanceUntil(done: () => boolean, withinMs: number, what: string): Promise<void>;
  restart(): Promise<void>;
  dispose(): Promise<void>;
};

export const createHarness = async (
  options: Partial<EngineOptions> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'wren-test-')),
): Promise<Harness> => {
  const clock = new FakeClock();
  const make = () =>
    createEngine({ dataDir, mode: 'headless', version: 'test', clock, random: seededRandom(7), ...options });
  let engine = make();
  await engine.start();

  const harness: Harness = {
    get engine() {
      return engine;
    },
    clock,
    dataDir,
    async call(name, input) {
      const reply = await engine.dispatch(name, input);
      if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code}: ${reply.error.message}`);
      return calls[name].output.parse(reply.value) as CallOutput<typeof name>;
    },
    async waitForStatus(botId, status, withinMs = 5_000) {
      const step = 100;
      for (let waited = 0; ; waited += step) {
        const bot = engine.bots.get(botId);
        if (bot.status === status) return bot;
        if (waited >= withinMs) {
          throw new Error(
            `Bot stayed ${bot.status} (${bot.statusReason ?? 'no reason'}) instead of becoming ${status}.`,
          );
        }
        await clock.advance(step);
      }
    },
    async advanceUntil(done, withinMs, what) {
      const step = 1000;
      for (let waited = 0; !done(); waited += step) {
        if (waited >= withinMs) throw new Error(`Still waiting after ${withinMs} ms of fake time for ${what}.`);
        await clock.advance(step);
        // Let real I/O finish before moving time on: it holds no fake timers of its own.
        await new Promise<void>((resolve) => setTimeout(resolve, 1));
      }
    },
    async restart() {
      await engine.close();
      engine = make();
      await engine.start();
    },
    async dispose() {
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
};

/** A Demo bot created, linked by the simulated phone and online; its id and number. */
export const linkDemoBot = async (h: Harness, name = 'Shop'): Promise<{ id: string; phone: string }> => {
  const bot = await h.call('bots:create', { name, kind: 'demo' });
  await h.call('bots:start', { botId: bot.id });
  await h.call('demo:simulate-scan', { botId: bot.id });
  const online = await h.waitForStatus(bot.id, 'online');
  return { id: bot.id, phone: online.phone ?? '' };
};
