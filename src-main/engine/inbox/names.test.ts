import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Chat } from '../../../src-shared/inbox';
import { SIM_HISTORY_BATCH_GAP_MS, SIM_HISTORY_DELAY_MS } from '../wa/sim/network';
import { createHarness, linkDemoBot, type Harness } from '../testing/engine-harness';

let h: Harness;
let botId: string;

const ANA = '+447911123402';
const BEN = '+447911123403';
const mapping = { phone: 0, name: 1, tags: 2, fields: {} };

const list = async (filter?: 'all' | 'unread' | 'groups') =>
  (await h.call('chats:list', { botId, limit: 200, ...(filter ? { filter } : {}) })).items;
const chatWith = async (phone: string): Promise<Chat> => {
  const chat = (await list()).find((c) => c.phone === phone);
  if (!chat) throw new Error(`No chat with ${phone}.`);
  return chat;
};
const importNames = (rows: string) =>
  h.call('contacts:import', { botId, csv: `phone,name,tags\n${rows}`, mapping, tags: [] });

beforeEach(async () => {
  h = await createHarness();
  ({ id: botId } = await linkDemoBot(h));
});

afterEach(async () => {
  await h.dispose();
});

describe('the name a person was given', () => {
  it('names a chat that existed before the import, in the list, the header and search results', async () => {
    await h.call('demo:receive', { botId, from: ANA, text: 'Is the cake ready?' });
    const before = await chatWith(ANA);
    await importNames(`${ANA},Ana Souza,\n`);
    expect((await chatWith(ANA)).title).toBe('Ana Souza');
    expect((await h.call('chats:get', { chatId: before.id })).title).toBe('Ana Souza');
    const [hit] = (await h.call('messages:search', { botId, query: 'cake' })).items;
    expect(hit?.chatTitle).toBe('Ana Souza');
    expect((await h.call('chats:list', { botId, query: 'souza' })).items.map((c) => c.id)).toEqual([before.id]);
  });

  it('names a chat created after the import, and one whose contact was deleted and imported again', async () => {
    await importNames(`${BEN},Ben Okafor,\n`);
    await h.call('demo:receive', { botId, from: BEN, text: 'hello' });
    expect((await chatWith(BEN)).title).toBe('Ben Okafor');
    // Deleting the contact unlinks the chat; importing the number again links it back.
    await h.call('contacts:bulk', {
      botId,
      selection: { filter: { botId, query: '', tag: null, optedOut: 'any' } },
      action: 'delete',
    });
    expect((await chatWith(BEN)).title).not.toBe('Ben Okafor');
    await importNames(`${BEN},Benjamin,\n`);
    expect((await chatWith(BEN)).title).toBe('Benjamin');
  });

  it('names group members who wrote, in the thread, the preview and the quotes of replies', async () => {
    await h.clock.advance(SIM_HISTORY_DELAY_MS + 3 * SIM_HISTORY_BATCH_GAP_MS);
    const group = (await list('groups'))[0];
    if (!group) throw new Error('The demo group is not listed.');
    const said = await h.call('demo:group', { chatId: group.id, action: 'say', text: 'Who brings the drinks?' });
    await importNames(`${said.phone},Carla from the gym,\n`);
    const [message] = (await h.call('messages:page', { chatId: group.id })).items;
    expect(message).toMatchObject({ text: 'Who brings the drinks?', senderName: 'Carla from the gym' });
    expect((await h.call('chats:get', { chatId: group.id })).lastMessage?.senderName).toBe('Carla from the gym');
    const reply = await h.call('messages:send', { chatId: group.id, text: 'I do', quotedId: message?.id });
    expect(reply.quoted?.senderName).toBe('Carla from the gym');
    const { members } = await h.call('groups:get', { chatId: group.id });
    expect(members.find((m) => m.phone === said.phone)?.name).toBe('Carla from the gym');
  });
});

describe('the chat list’s filters', () => {
  it('shows only unread chats, or only groups', async () => {
    await h.clock.advance(SIM_HISTORY_DELAY_MS + 3 * SIM_HISTORY_BATCH_GAP_MS);
    for (const chat of await list()) await h.call('chats:mark-read', { chatId: chat.id });
    await h.call('demo:receive', { botId, from: ANA, text: 'new!' });
    expect((await list('unread')).map((c) => c.phone)).toEqual([ANA]);
    const groups = await list('groups');
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.every((c) => c.kind === 'group')).toBe(true);
    expect((await list('all')).length).toBeGreaterThan(groups.length);
  });
});

describe('the chat’s contact card', () => {
  it('gives the person’s name, number, tags and notes, and nothing for a group', async () => {
    await h.call('contacts:save', {
      botId,
      contact: { phone: ANA, name: 'Ana Souza', tags: ['vip'], fields: {}, notes: 'Allergic to nuts' },
    });
    await h.call('demo:receive', { botId, from: ANA, text: 'hi' });
    const chat = await chatWith(ANA);
    expect(await h.call('chats:contact', { chatId: chat.id })).toMatchObject({
      name: 'Ana Souza',
      phone: ANA,
      tags: ['vip'],
      notes: 'Allergic to nuts',
      optedOutAt: null,
    });
    await h.clock.advance(SIM_HISTORY_DELAY_MS + 3 * SIM_HISTORY_BATCH_GAP_MS);
    const [group] = await list('groups');
    expect(await h.call('chats:contact', { chatId: group?.id ?? 0 })).toBeNull();
  });
});

describe('who sent the bot’s messages', () => {
  it('marks a person in Wren, the bot with its stage, a campaign by name, and the phone', async () => {
    await h.call('demo:receive', { botId, from: ANA, text: '.ping' });
    await h.engine.automations.idle();
    const chat = await chatWith(ANA);
    const sent = await h.call('messages:send', { chatId: chat.id, text: 'Anything else?' });
    expect(sent.origin).toEqual({ by: 'person', detail: null });
    const campaign = h.engine.db.sqlite
      .prepare(
        "INSERT INTO campaigns (bot_id, name, status, draft, created_at) VALUES (?, 'Spring sale', 'running', '{}', 1)",
      )
      .run(botId).lastInsertRowid;
    h.engine.inbox.recordSent(botId, chat.jid, {
      waId: '3EB0CAMPAIGN0001',
      text: '20% off',
      ts: h.clock.now(),
      origin: `campaign:${Number(campaign)}`,
    });
    await h.engine.inbox.idle();
    const mine = (await h.call('messages:page', { chatId: chat.id })).items.filter((m) => m.fromMe);
    expect(mine.map((m) => [m.text, m.origin])).toEqual([
      ['20% off', { by: 'campaign', detail: 'Spring sale' }],
      ['Anything else?', { by: 'person', detail: null }],
      [expect.stringMatching(/pong/i), { by: 'bot', detail: 'command' }],
    ]);
    // The phone's own messages come with its history.
    await h.clock.advance(SIM_HISTORY_DELAY_MS + 3 * SIM_HISTORY_BATCH_GAP_MS);
    const phoneOrigins = h.engine.db.sqlite
      .prepare("SELECT DISTINCT origin FROM messages WHERE from_me = 1 AND wa_id NOT LIKE '3EB0%'")
      .all();
    expect(phoneOrigins).toEqual([{ origin: 'phone' }]);
  });
});
