import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, type CallName } from '../../src-shared/contract';
import { createHarness, linkDemoBot, type Harness } from '../engine/testing/engine-harness';
import { arbitraryFor, type JsonSchema, type Known } from './schema-arbitrary';
import { fuzzParams, report } from './settings';

/**
 * Every contract call with generated input, against one engine with a linked demo bot, a chat,
 * contacts and a campaign. Properties: each reply is `{ok: true}` or a coded error a person can act
 * on (never `internal`), no call hangs, and afterwards the engine still answers and its database
 * is whole.
 */
// `internal` is Wren's own bug; `unauthorized` cannot come from inside the engine.
const CODES = ['invalid_input', 'not_found', 'invalid_state', 'unknown_call', 'send_failed'];
const HANG_MS = 5_000;

let h: Harness;
let known: Known;
const names = Object.keys(calls) as CallName[];
let inputs = 0;
let worstMs = 0;
const failures: string[] = [];

beforeAll(async () => {
  // A WhatsApp bot started by the fuzz must fail fast, not reach out to the internet.
  h = await createHarness({ baileys: { waWebSocketUrl: 'ws://127.0.0.1:9' } });
  const bot = await linkDemoBot(h);
  const chat = await h.call('chats:open', { botId: bot.id, phone: '+447911123402' });
  const message = await h.call('messages:send', { chatId: chat.id, text: 'Hello' });
  const contact = await h.call('contacts:save', { botId: bot.id, contact: { phone: '+447911123403', name: 'Ana' } });
  const campaign = await h.call('campaigns:save', {
    botId: bot.id,
    draft: {
      name: 'Spring',
      variants: [{ text: 'Hi {{name|there}}', media: null }],
      audience: { kind: 'all' },
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
    },
  });
  known = {
    strings: [bot.id, bot.phone, 'demo', 'whatsapp', '+447911123402', 'Europe/London'],
    numbers: [chat.id, message.id, contact.id, campaign.id],
  };
}, 60_000);

afterAll(async () => {
  report('contract', { inputs, failures: failures.length, worstMs });
  await h.dispose();
});

const timed = async (name: string, input: unknown) => {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), HANG_MS)));
  const reply = await Promise.race([h.engine.dispatch(name, input), hang]);
  clearTimeout(timer);
  worstMs = Math.max(worstMs, performance.now() - started);
  return reply;
};

describe('every contract call with generated input', () => {
  it.each(names)('%s answers ok or a coded error, and never hangs', async (name) => {
    const schema = z.toJSONSchema(calls[name].input, { io: 'input', unrepresentable: 'any', cycles: 'ref' });
    const input = arbitraryFor(schema as JsonSchema, known);
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        inputs += 1;
        const reply = await timed(name, value);
        const problem =
          reply === 'hang'
            ? `hung for ${HANG_MS} ms`
            : !reply.ok && (!CODES.includes(reply.error.code) || reply.error.message.trim().length < 6)
              ? `answered ${reply.error.code}: ${reply.error.message}`
              : null;
        if (problem) failures.push(`${name} ${JSON.stringify(value).slice(0, 300)}: ${problem}`);
        expect(problem, `${name} with ${JSON.stringify(value).slice(0, 500)}`).toBeNull();
      }),
      fuzzParams(100),
    );
    // The engine still answers, and whatever the calls changed left the database whole.
    expect(await h.engine.dispatch('bots:list', {})).toMatchObject({ ok: true });
  });

  it('leaves the database whole', () => {
    const { sqlite } = h.engine.db;
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  });
});
