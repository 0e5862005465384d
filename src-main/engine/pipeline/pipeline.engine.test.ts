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

describe('commands through the engine', () => {
  it('answers a customer’s command in the chat, quoting it, and logs the run', async () => {
    await h.call('demo:receive', { botId, from: '+447911123402', text: '.ping' });
    // The pipeline answers a few promise turns after the message is stored.
    await h.clock.advance(10);
    await h.engine.inbox.idle();
    const chat = (await h.call('chats:list', { botId, limit: 50 })).items.find((c) => c.phone === '+447911123402');
    const [answer, question] = (await h.call('messages:page', { chatId: chat?.id ?? 0 })).items;
    expect(question).toMatchObject({ text: '.ping', fromMe: false });
    expect(answer).toMatchObject({ text: 'pong 🏓', fromMe: true, status: 'sent', quoted: { text: '.ping' } });
    expect(h.engine.network.inboxOfContacts.map((m) => [m.to, m.text])).toEqual([['+447911123402', 'pong 🏓']]);
    const log = await h.call('bots:events', { botId });
    expect(log.items.some((e) => /Command ping from 447911123402: answered/.test(e.message))).toBe(true);
  });

  it('does not answer plain messages or what arrived while the bot was stopped', async () => {
    await h.call('demo:receive', { botId, from: '+447911123402', text: 'hello' });
    await h.call('bots:stop', { botId });
    await h.call('demo:receive', { botId, from: '+447911123402', text: '.ping' });
    await h.call('bots:start', { botId });
    await h.waitForStatus(botId, 'online');
    await h.clock.advance(10);
    await h.engine.inbox.idle();
    expect(h.engine.network.inboxOfContacts).toEqual([]);
  });
});
