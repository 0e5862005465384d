import fc from 'fast-check';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, linkDemoBot, type Harness } from '../engine/testing/engine-harness';
import { fuzzParams, report } from './settings';

/**
 * Customers' messages, as generated as they come, into the pipeline of a realistic busy bot: 200
 * auto-reply rules (keywords, phrases, and regular expressions with the quantifier chains that
 * once froze the engine for minutes), custom commands with variables and a menu. Both ways in: the
 * test panel (automations:try) and a live message from a demo customer. Properties: every message
 * gets an answer or none, never an error; replies never show a JavaScript value; the engine keeps
 * answering. The event loop's worst delay is measured and printed (npm run fuzz), not asserted.
 */
let h: Harness;
let botId = '';
let inputs = 0;
const loop = monitorEventLoopDelay({ resolution: 5 });

const CHAIN_PATTERNS = [
  '.*order.*status.*',
  'a*a*a*b',
  '(x+x+)+y',
  '\\w+\\s+\\w+\\s+\\w+@',
  '(\\d+\\s*)+kg',
  '.*a.*b.*c.*d',
];

beforeAll(async () => {
  h = await createHarness();
  botId = (await linkDemoBot(h)).id;
  const rules = Array.from({ length: 200 }, (_, i) => {
    const kind = ['contains', 'exact', 'starts-with', 'regex'][i % 4] as 'contains' | 'exact' | 'starts-with' | 'regex';
    const pattern = kind === 'regex' ? `${CHAIN_PATTERNS[i % CHAIN_PATTERNS.length]}${i}` : `word${i} price`;
    return { id: `r${i}`, name: `Rule ${i}`, match: kind, pattern, reply: `Hi {{name|there}}, rule ${i} ({{phone}})` };
  });
  await h.call('automations:save', {
    botId,
    patch: {
      rules,
      commands: [{ id: 'c1', name: 'hours', reply: 'Open 9-5, {{name|friend}}. You said: {{args}}' }],
    },
  });
}, 60_000);

afterAll(async () => {
  loop.disable();
  report('pipeline', { inputs, failures: 0, worstMs: loop.max / 1e6 });
  await h.dispose();
});

const message = fc.oneof(
  fc.string({ minLength: 1, maxLength: 300 }),
  fc.string({ minLength: 1, maxLength: 80, unit: 'grapheme' }),
  fc
    .constantFrom('a', 'x', 'order ', 'word1 ', '1 ', 'ab')
    .chain((unit) =>
      fc.integer({ min: 100, max: 2_000 }).map((n) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n)),
    ),
  fc
    .tuple(
      fc.constantFrom('.', '!', '/'),
      fc.constantFrom('hours', 'menu', 'ping', 'stats', 'sticker', 'x'),
      fc.string({ maxLength: 40 }),
    )
    .map(([p, c, a]) => `${p}${c} ${a}`),
  fc.constantFrom('{{constructor}}', 'STOP', 'START', '0', '1', '\u200B', 'word3 price', 'order 7 status please'),
);

const LEAKS = ['function ', '[native code]', '[object ', 'undefined'];

describe('the pipeline with generated customer messages', () => {
  it('answers or stays quiet, never errs, and never leaks a JavaScript value', async () => {
    loop.enable();
    await fc.assert(
      fc.asyncProperty(message, fc.boolean(), async (raw, live) => {
        inputs += 1;
        const text = raw.trim() === '' ? 'x' : raw;
        if (live) {
          const reply = await h.engine.dispatch('demo:receive', { botId, from: '+447911123402', text });
          expect(reply.ok || reply.error.code === 'invalid_input').toBe(true);
          await h.clock.advance(10);
          await h.engine.automations.idle();
          return;
        }
        const tried = await h.engine.dispatch('automations:try', { botId, text });
        if (!tried.ok) {
          expect(tried.error.code, tried.error.message).toBe('invalid_input');
          return;
        }
        const { replies } = tried.value as { replies: string[] };
        for (const r of replies) expect(LEAKS.find((leak) => r.includes(leak) && !text.includes(leak))).toBeUndefined();
      }),
      fuzzParams(250),
    );
    loop.disable();
    // Nothing the customers sent got the bot's own reply machinery stuck.
    expect(await h.engine.dispatch('automations:try', { botId, text: 'word1 price' })).toMatchObject({
      ok: true,
      value: { replies: [expect.stringMatching(/rule/)] },
    });
  });
});
