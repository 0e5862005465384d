import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlowNode } from '../../../src-shared/automations';
import { createHarness, linkDemoBot, type Harness } from '../testing/engine-harness';

let h: Harness;
let botId: string;

beforeEach(async () => {
  h = await createHarness();
  ({ id: botId } = await linkDemoBot(h));
});

afterEach(async () => {
  await h.dispose();
});

const CUSTOMER = '+447911123402';

const settle = async () => {
  await h.clock.advance(10);
  await h.engine.automations.idle();
  await h.engine.inbox.idle();
};

const sentTo = (phone: string) => h.engine.network.inboxOfContacts.filter((m) => m.to === phone).map((m) => m.text);

const notes = async () =>
  (await h.call('bots:events', { botId, limit: 200 })).items.map((e) => e.message).filter((m) => /auto-reply/.test(m));

/** The rules that froze the engine for 95 s when matched by backtracking against 900 characters. */
const CHAINS = [
  { id: 'r1', name: 'Status', match: 'regex', pattern: '.*order.*status.*', reply: 'Checking your order' },
  { id: 'r2', name: 'Chain', match: 'regex', pattern: 'a*a*a*b', reply: 'Chain matched' },
] as const;

describe('regex rules through the engine', () => {
  it('answers quantifier chains on long messages the same in the test panel and live', async () => {
    await h.call('automations:save', { botId, patch: { rules: [...CHAINS] } });
    const stalls = ['a'.repeat(900), 'a'.repeat(2_000)];
    const answers = [`${'x'.repeat(880)} order 12 status`, `${'a'.repeat(1_999)}b`];
    for (const text of [...stalls, ...answers]) {
      const tried = await h.call('automations:try', { botId, text });
      await h.call('demo:receive', { botId, from: CUSTOMER, text });
      await settle();
      expect([text.length, tried.replies]).toEqual([text.length, stalls.includes(text) ? [] : tried.replies]);
    }
    expect(sentTo(CUSTOMER)).toEqual(['Checking your order', 'Chain matched']);
    expect(await notes()).toEqual([]);
  });

  it('refuses JavaScript-only syntax on save, saying what to write instead', async () => {
    const refused = await h.engine.dispatch('automations:save', {
      botId,
      patch: { rules: [{ id: 'r', match: 'regex', pattern: '(?<=order )\\d+', reply: 'x' }] },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!refused.ok && refused.error.message).toMatch(/^Look-behind \(\?<=…\) is not supported/);
  });

  it('switches off a stored rule Wren can no longer run, logs it once, and runs the others', async () => {
    const rules = [
      { id: 'old', name: 'Old', match: 'regex', pattern: '(?<!#)\\d{4}', reply: 'Old rule', priority: 5 },
      { id: 'ok', name: 'Fine', match: 'regex', pattern: 'order\\s*#?\\d{4}', reply: 'Tracking it' },
    ];
    const config = {
      rules: rules.map((r) => ({ scope: 'private', cooldownMinutes: 0, hours: 'always', enabled: true, ...r })),
    };
    h.engine.db.sqlite
      .prepare('INSERT INTO automation_configs (bot_id, config, updated_at) VALUES (?, ?, ?)')
      .run(botId, JSON.stringify(config), h.clock.now());
    await h.restart();
    await h.waitForStatus(botId, 'online');
    await h.call('demo:receive', { botId, from: CUSTOMER, text: 'where is order 1234?' });
    await settle();
    expect(sentTo(CUSTOMER)).toEqual(['Tracking it']);
    const { config: shown } = await h.call('automations:get', { botId });
    expect(shown.rules.map((r) => [r.id, r.enabled])).toEqual([
      ['old', false],
      ['ok', true],
    ]);
    const logged = await notes();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/“Old”.*switched off.*Negative look-behind/);
    // Saving something else works, and a restart does not log it again.
    await h.call('automations:save', { botId, patch: { prefixes: ['#'] } });
    await h.restart();
    await h.call('automations:try', { botId, text: 'order 1234' });
    expect(await notes()).toHaveLength(1);
  });
});

/** A menu nested `depth` levels below its root, built without recursion. */
const nested = (depth: number): FlowNode => {
  const root: FlowNode = { label: '', reply: 'Pick', handoff: false, options: [] };
  let node = root;
  for (let i = 0; i < depth; i++) {
    const next: FlowNode = { label: `Level ${i + 1}`, reply: 'More', handoff: false, options: [] };
    node.options.push(next);
    node = next;
  }
  return root;
};

describe('menu depth', () => {
  const save = (depth: number) =>
    h.engine.dispatch('automations:save', {
      botId,
      patch: { flows: [{ id: 'f', name: 'Deep', triggers: ['menu'], root: nested(depth) }] },
    });

  it('takes a menu four levels deep', async () => {
    expect(await save(4)).toMatchObject({ ok: true });
  });

  it('refuses deeper menus with a validation error, however deep, without overflowing the stack', async () => {
    for (const depth of [5, 1_000, 100_000]) {
      const reply = await save(depth);
      expect([depth, reply]).toMatchObject([depth, { ok: false, error: { code: 'invalid_input' } }]);
      expect(!reply.ok && reply.error.message).toMatch(/Menus go at most 4 levels deep\./);
    }
    expect((await h.call('automations:get', { botId })).config.flows).toEqual([]);
  });
});
