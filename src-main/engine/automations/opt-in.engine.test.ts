import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

const say = async (text: string) => {
  await h.call('demo:receive', { botId, from: CUSTOMER, text });
  await h.clock.advance(10);
  await h.engine.automations.idle();
  await h.engine.inbox.idle();
};

const sent = () => h.engine.network.inboxOfContacts.filter((m) => m.to === CUSTOMER).map((m) => m.text);

const contact = () =>
  h.engine.db.sqlite
    .prepare(
      "SELECT opted_out_at, opted_out_reason, updated_at FROM contacts WHERE phone_jid = '447911123402@s.whatsapp.net'",
    )
    .get() as { opted_out_at: number | null; opted_out_reason: string | null; updated_at: number };

describe('opting back in through a live chat', () => {
  it('clears the opt-out on START, confirms once, and both changes are in the run log', async () => {
    await say('STOP');
    expect(contact().opted_out_at).not.toBeNull();
    await h.clock.advance(60_000);
    const before = h.clock.now();
    await say('Start');
    expect(contact()).toMatchObject({
      opted_out_at: null,
      opted_out_reason: 'Opted back in: replied “Start”',
    });
    expect(contact().updated_at).toBeGreaterThanOrEqual(before);
    expect(sent()).toEqual([
      'You will not receive messages from us any more. Reply START to receive them again.',
      'Welcome back! You will receive our messages again. Reply STOP to stop them.',
    ]);
    // Saying it again, now subscribed, is just a message: no second confirmation.
    await say('start');
    expect(sent()).toHaveLength(2);
    const runs = await h.call('automations:runs', { botId, limit: 10 });
    expect(runs.map((r) => `${r.command}: ${r.result}`)).toEqual([
      'start: opted back in to campaigns',
      'stop: opted out of campaigns',
    ]);
  });

  it('answers with the business’s own confirmation and words', async () => {
    const { config } = await h.call('automations:get', { botId });
    await h.call('automations:save', {
      botId,
      patch: { optOut: { ...config.optOut, optInWords: ['volver'], optInConfirmation: '¡Hola de nuevo!' } },
    });
    await say('baja');
    await say('start');
    expect(contact().opted_out_at).not.toBeNull();
    await say('Volver');
    expect(contact().opted_out_at).toBeNull();
    expect(sent().at(-1)).toBe('¡Hola de nuevo!');
  });

  it('refuses a word in both lists, under the opt-in words', async () => {
    const { config } = await h.call('automations:get', { botId });
    const refused = await h.engine.dispatch('automations:save', {
      botId,
      patch: { optOut: { ...config.optOut, optInWords: ['start', 'stop'] } },
    });
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'invalid_input',
      message: '“stop” is an opt-out word too: keep it in one list only.',
      fields: { 'optOut.optInWords': '“stop” is an opt-out word too: keep it in one list only.' },
    });
  });
});

describe('the test panel and stored rules', () => {
  it('says which word of a rule matched', async () => {
    await h.call('automations:save', {
      botId,
      patch: { rules: [{ id: 'r', name: 'Booking', match: 'contains', words: ['book', 'table'], reply: 'Call us.' }] },
    });
    const tried = await h.call('automations:try', { botId, text: 'Can I book a table for Friday?' });
    expect(tried).toMatchObject({ stage: 'auto-reply', replies: ['Call us.'], matched: 'book' });
  });

  it('loads a rule stored with one phrase or a comma list, and answers any of them', async () => {
    const rules = [
      { id: 'a', match: 'contains', pattern: 'opening hours', reply: 'Nine to six.' },
      { id: 'b', match: 'exact', pattern: 'price, cost', reply: 'Two pounds.' },
    ];
    h.engine.db.sqlite
      .prepare('INSERT INTO automation_configs (bot_id, config, updated_at) VALUES (?, ?, 0)')
      .run(botId, JSON.stringify({ rules }));
    const { config } = await h.call('automations:get', { botId });
    expect(config.rules.map((r) => r.id)).toEqual(['a', 'b']);
    expect(await h.call('automations:try', { botId, text: 'Cost?' })).toMatchObject({
      replies: ['Two pounds.'],
      matched: 'cost',
    });
    expect(await h.call('automations:try', { botId, text: 'your opening hours please' })).toMatchObject({
      replies: ['Nine to six.'],
    });
  });
});
