import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calls, type CallName } from '../../../src-shared/contract';
import { createHarness, type Harness } from '../testing/engine-harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.dispose();
});

const names = Object.keys(calls) as CallName[];
const garbage: unknown[] = [
  null,
  42,
  'bots',
  [],
  { botId: 7 },
  { botId: '' },
  { name: 12, kind: 'fax' },
  { extra: true, botId: 'x', name: 'x', kind: 'demo', phone: 'x', feature: 'x', enabled: 'yes' },
];

describe('the contract', () => {
  it.each(names)('%s answers malformed input with a coded error and keeps working', async (name) => {
    for (const input of garbage) {
      const reply = await h.engine.dispatch(name, input);
      if (reply.ok) {
        // Only "no input at all" may pass, and only for a call that takes none (null reads as {}).
        expect({ name, input }).toEqual({ name, input: null });
        expect(calls[name].input.safeParse({}).success).toBe(true);
        continue;
      }
      expect(['invalid_input', 'not_found', 'invalid_state']).toContain(reply.error.code);
      expect(reply.error.message.length).toBeGreaterThan(5);
    }
    // The engine still answers normally afterwards.
    expect(await h.engine.dispatch('bots:list', {})).toEqual({ ok: true, value: expect.any(Array) });
  });

  it('refuses unknown fields instead of ignoring them', async () => {
    const reply = await h.engine.dispatch('bots:create', { name: 'A', kind: 'demo', admin: true });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/admin/) },
    });
  });

  it('says what to change for a bad name or kind', async () => {
    expect(await h.engine.dispatch('bots:create', { name: '   ', kind: 'demo' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Give the bot a name.', fields: { name: 'Give the bot a name.' } },
    });
    const long = await h.engine.dispatch('bots:create', { name: 'x'.repeat(61), kind: 'demo' });
    expect(long).toMatchObject({ ok: false, error: { message: expect.stringMatching(/under 61 characters/) } });
    const kind = await h.engine.dispatch('bots:create', { name: 'A', kind: 'telegram' });
    expect(kind).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Kind must be one of: whatsapp, demo.',
        fields: { kind: expect.any(String) },
      },
    });
  });

  it('names unknown calls and missing bots', async () => {
    expect(await h.engine.dispatch('bots:explode', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(await h.engine.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(await h.engine.dispatch('bots:start', { botId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/does not exist/) },
    });
  });

  it('answers not_found for previews and health of a bot or contact that does not exist', async () => {
    expect(await h.engine.dispatch('campaigns:health', { botId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/bot does not exist/) },
    });
    expect(await h.engine.dispatch('templates:preview', { botId: 'nope', text: 'Hi', contactId: null })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const bot = await h.call('bots:create', { name: 'Shop', kind: 'demo' });
    expect(await h.engine.dispatch('templates:preview', { botId: bot.id, text: 'Hi', contactId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/contact does not exist/) },
    });
    expect(await h.engine.dispatch('campaigns:health', { botId: bot.id })).toMatchObject({ ok: true });
  });

  it('refuses names made only of characters that draw nothing', async () => {
    const reply = await h.engine.dispatch('bots:create', { name: '\u200B\u200D\u2060', kind: 'demo' });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringMatching(/letters or digits you can see/),
        fields: { name: expect.any(String) },
      },
    });
  });

  it('pages the event log newest first by key, filtered by kind', async () => {
    const bot = await h.call('bots:create', { name: 'Shop', kind: 'demo' });
    for (let i = 0; i < 60; i++) {
      await h.call('bots:set-feature', { botId: bot.id, feature: 'antiLink', enabled: i % 2 === 0 });
      await h.clock.advance(i % 3 === 0 ? 0 : 1000); // some events share a timestamp
    }
    const seen: number[] = [];
    let before: { ts: number; id: number } | undefined;
    for (;;) {
      const page = await h.call('bots:events', { botId: bot.id, limit: 25, ...(before ? { before } : {}) });
      seen.push(...page.items.map((e) => e.id));
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    expect(seen).toHaveLength(61); // 60 toggles + "Created"
    expect(new Set(seen).size).toBe(61);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    // Named as the Features list names it.
    const [newest] = (await h.call('bots:events', { botId: bot.id, limit: 1 })).items;
    expect(newest?.message).toBe('Anti-link turned off.');
    const connection = await h.call('bots:events', { botId: bot.id, kinds: ['connection'], limit: 50 });
    expect(connection.items).toEqual([]);
  });
});
