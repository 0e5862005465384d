import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../testing/engine-harness';
import { SIM_HISTORY_BATCH_GAP_MS, SIM_HISTORY_DELAY_MS } from './network';
import { DEMO_CUSTOMERS } from './script';

/** The simulated network through the whole engine: what a Demo bot shows in the inbox. */

let h: Harness;
let botId: string;
let botPhone: string;

const chats = async () => (await h.call('chats:list', { botId, archived: false })).items;
const thread = async (chatId: number) => (await h.call('messages:page', { chatId, limit: 200 })).items;

beforeEach(async () => {
  h = await createHarness();
  const bot = await h.call('bots:create', { name: 'Shop', kind: 'demo' });
  botId = bot.id;
  await h.call('bots:start', { botId });
  await h.call('demo:simulate-scan', { botId });
  botPhone = (await h.waitForStatus(botId, 'online')).phone ?? '';
});

afterEach(async () => {
  await h.dispose();
});

describe('a Demo bot’s inbox', () => {
  it('fills with the phone’s past chats a moment after linking', async () => {
    const changed: string[] = [];
    h.engine.events.on('chats:changed', (event) => changed.push(event.botId));
    // At login the phone's group is known at once (WhatsApp sends groups before history).
    expect((await chats()).map((c) => [c.kind, c.title, c.lastMessage])).toEqual([['group', 'Regulars', null]]);
    await h.clock.advance(SIM_HISTORY_DELAY_MS + 2 * SIM_HISTORY_BATCH_GAP_MS);

    const listed = await chats();
    expect(changed).toContain(botId);
    const group = listed.find((c) => c.kind === 'group');
    expect(group?.lastMessage).not.toBeNull();
    const people = listed.filter((c) => c !== group);
    expect(people.length).toBeGreaterThanOrEqual(4);
    const names: string[] = DEMO_CUSTOMERS.map((c) => c.name);
    for (const chat of people) {
      expect(names).toContain(chat.title);
      expect(chat).toMatchObject({ kind: 'user', unread: 0, lastMessage: expect.anything() as unknown });
    }
    // Newest chat first; a thread reads both ways.
    expect(listed.map((c) => c.lastTs)).toEqual([...listed.map((c) => c.lastTs)].sort((a, b) => b - a));
    const messages = (await Promise.all(listed.map((c) => thread(c.id)))).flat();
    expect(messages.some((m) => m.fromMe && m.status === 'sent')).toBe(true);
    expect(messages.some((m) => !m.fromMe)).toBe(true);
    // Relogging in brings nothing again.
    const count = messages.length;
    await h.call('bots:stop', { botId });
    await h.call('bots:start', { botId });
    await h.waitForStatus(botId, 'online');
    await h.clock.advance(SIM_HISTORY_DELAY_MS + 2 * SIM_HISTORY_BATCH_GAP_MS);
    expect((await Promise.all((await chats()).map((c) => thread(c.id)))).flat()).toHaveLength(count);
  });

  it('shows what customers do: photos, replies, edits, deletes and reactions', async () => {
    await h.clock.advance(SIM_HISTORY_DELAY_MS + 2 * SIM_HISTORY_BATCH_GAP_MS);
    const [chat] = await chats();
    const customer = DEMO_CUSTOMERS.find((c) => c.name === chat?.title);
    if (!chat || !customer) throw new Error('The history should hold a chat with a demo customer.');
    const who = { from: customer.phone, fromName: customer.name, to: botPhone };

    const reply = h.engine.network.reply({ ...who, text: 'Perfect, thank you!' });
    h.engine.network.react({ ...who, emoji: '❤️' });
    h.engine.network.sendPhoto({ ...who, caption: null });
    const typo = h.engine.network.receive({ ...who, text: 'See you at 5' });
    h.engine.network.edit({ ...who, text: 'See you at 6' });
    const slip = h.engine.network.receive({ ...who, text: 'Running late, start without me' });
    h.engine.network.deleteForEveryone({ ...who, id: slip.id });
    await h.clock.advance(100);

    const items = await thread(chat.id);
    const byWaId = (id: string) => items.find((m) => m.waId === id);
    expect(byWaId(reply.id)?.quoted).toMatchObject({ waId: reply.quoted?.id, text: reply.quoted?.text });
    expect(byWaId(reply.quoted?.id ?? '')?.reactions).toEqual([{ emoji: '❤️', count: 1, mine: false }]);
    expect(items.find((m) => m.kind === 'image' && m.ts === h.clock.now() - 100)).toMatchObject({ text: null });
    expect(byWaId(typo.id)).toMatchObject({ text: 'See you at 6', editedAt: expect.any(Number) as number });
    // Anti-delete is on by default: the text stays, marked deleted.
    expect(byWaId(slip.id)).toMatchObject({ deletedAt: expect.any(Number) as number });
    expect((await chats())[0]).toMatchObject({ id: chat.id, unread: 4 });
  });
});
