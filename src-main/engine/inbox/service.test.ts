import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src-shared/inbox';
import { createHarness, linkDemoBot, type Harness } from '../testing/engine-harness';

let h: Harness;
let botId: string;
let botPhone: string;

const chats = async (archived = false) => (await h.call('chats:list', { botId, archived })).items;
const thread = async (chatId: number) => (await h.call('messages:page', { chatId })).items;

beforeEach(async () => {
  h = await createHarness();
  ({ id: botId, phone: botPhone } = await linkDemoBot(h));
});

afterEach(async () => {
  await h.dispose();
});

describe('the inbox through the contract', () => {
  it('shows a customer’s message as a chat with an unread count and a preview, live', async () => {
    const upserts: Message[] = [];
    h.engine.events.on('message:upsert', ({ message }) => upserts.push(message));
    await h.call('demo:receive', { botId, from: '+447911123402', text: 'Is the shop open?' });
    const [chat] = await chats();
    expect(chat).toMatchObject({ phone: '+447911123402', unread: 1, lastMessage: { text: 'Is the shop open?' } });
    expect(upserts.map((m) => m.text)).toEqual(['Is the shop open?']);
    expect((await thread(chat?.id ?? 0)).map((m) => m.text)).toEqual(['Is the shop open?']);
  });

  it('sends a reply that goes pending → sent → delivered → read, and quotes what it answers', async () => {
    await h.call('demo:receive', { botId, from: '+447911123402', text: 'Do you deliver?' });
    const [chat] = await chats();
    const [question] = await thread(chat?.id ?? 0);
    const sent = await h.call('messages:send', { chatId: chat?.id ?? 0, text: 'Yes, daily', quotedId: question?.id });
    expect(sent).toMatchObject({ status: 'pending', fromMe: true, quoted: { text: 'Do you deliver?' } });
    await h.engine.inbox.idle();
    expect(h.engine.network.inboxOfContacts.map((m) => m.text)).toEqual(['Yes, daily']);
    const statuses: string[] = [];
    h.engine.events.on('message:upsert', ({ message }) => {
      if (message.id === sent.id && message.status) statuses.push(message.status);
    });
    await h.clock.advance(7_000);
    expect(statuses).toEqual(['delivered', 'read']);
    expect((await thread(chat?.id ?? 0))[0]).toMatchObject({ status: 'read', text: 'Yes, daily' });
  });

  it('holds messages written while the bot is offline and sends them in order when it is back', async () => {
    await h.call('demo:receive', { botId, from: '+447911123402', text: 'hello' });
    const [chat] = await chats();
    await h.call('bots:stop', { botId });
    await h.call('messages:send', { chatId: chat?.id ?? 0, text: 'first' });
    await h.call('messages:send', { chatId: chat?.id ?? 0, text: 'second' });
    await h.engine.inbox.idle();
    expect(h.engine.network.inboxOfContacts).toEqual([]);
    expect((await thread(chat?.id ?? 0)).slice(0, 2).map((m) => m.status)).toEqual(['pending', 'pending']);

    await h.call('bots:start', { botId });
    await h.waitForStatus(botId, 'online');
    await h.engine.inbox.idle();
    expect(h.engine.network.inboxOfContacts.map((m) => m.text)).toEqual(['first', 'second']);
    expect((await thread(chat?.id ?? 0)).slice(0, 2).map((m) => m.status)).toEqual(['sent', 'sent']);
  });

  it('shows a campaign message in its chat once, even when it is sent again after a crash', async () => {
    const jid = '447911123402@s.whatsapp.net';
    const sent = {
      waId: '3EB0CAMPAIGN0001',
      text: 'Spring sale: 20% off',
      ts: h.clock.now(),
      origin: 'campaign:1' as const,
    };
    h.engine.inbox.recordSent(botId, jid, sent);
    h.engine.inbox.recordSent(botId, jid, sent); // the same id again: the resend after a restart
    const [chat] = await chats();
    expect((await thread(chat?.id ?? 0)).map((m) => [m.text, m.status])).toEqual([['Spring sale: 20% off', 'sent']]);
  });

  it('keeps the outbox across an app restart', async () => {
    await h.call('demo:receive', { botId, from: '+447911123402', text: 'hello' });
    const [chat] = await chats();
    await h.call('bots:stop', { botId });
    await h.call('messages:send', { chatId: chat?.id ?? 0, text: 'written before the restart' });
    await h.restart();
    await h.call('bots:start', { botId });
    await h.waitForStatus(botId, 'online');
    await h.engine.inbox.idle();
    expect(h.engine.network.inboxOfContacts.map((m) => m.text)).toEqual(['written before the restart']);
  });

  it('marks a chat read, sending read receipts only while the bot allows it', async () => {
    await h.call('demo:receive', { botId, from: '+447911123402', text: 'one' });
    await h.call('demo:receive', { botId, from: '+447911123402', text: 'two' });
    const [chat] = await chats();
    expect(chat?.unread).toBe(2);
    expect((await h.call('chats:mark-read', { chatId: chat?.id ?? 0 })).unread).toBe(0);
    expect(h.engine.network.readByBots).toEqual([
      { botPhone, chatJid: '447911123402@s.whatsapp.net', ids: expect.any(Array) as string[] },
    ]);
    expect(h.engine.network.readByBots[0]?.ids).toHaveLength(2);

    await h.call('bots:set-feature', { botId, feature: 'readReceipts', enabled: false });
    await h.call('demo:receive', { botId, from: '+447911123402', text: 'three' });
    await h.call('chats:mark-read', { chatId: chat?.id ?? 0 });
    expect(h.engine.network.readByBots).toHaveLength(1);
  });

  it('pins up to three chats first, archives out of the list, and mutes', async () => {
    for (const n of ['02', '03', '04', '05']) await h.call('demo:receive', { botId, from: `+4479111234${n}`, text: n });
    const ids = (await chats()).map((c) => c.id);
    for (const id of ids.slice(0, 3)) await h.call('chats:update', { chatId: id, pinned: true });
    await expect(h.call('chats:update', { chatId: ids[3] ?? 0, pinned: true })).rejects.toThrow(/up to 3/);
    await h.call('chats:update', { chatId: ids[0] ?? 0, archived: true });
    expect((await chats()).map((c) => c.id)).not.toContain(ids[0]);
    expect((await chats(true)).map((c) => c.id)).toEqual([ids[0]]);
    const muted = await h.call('chats:update', { chatId: ids[1] ?? 0, mutedUntil: 9_999_999 });
    expect(muted).toMatchObject({ mutedUntil: 9_999_999, pinned: true });
  });

  it('opens a chat with a new number, says what is wrong with a bad one, and finds messages', async () => {
    await expect(h.call('chats:open', { botId, phone: '7911 123402' })).rejects.toThrow(/country code/);
    const chat = await h.call('chats:open', { botId, phone: '+44 7911 123499' });
    expect(chat).toMatchObject({ phone: '+447911123499', lastMessage: null, unread: 0 });
    await h.call('demo:receive', { botId, from: '+447911123402', text: 'Where is the nearest branch?' });
    const { items } = await h.call('messages:search', { botId, query: 'branch' });
    expect(items.map((i) => i.snippet)).toEqual(['Where is the nearest \u0001branch\u0002?']);
    const around = await h.call('messages:around', { messageId: items[0]?.message.id ?? 0 });
    expect(around.chat.phone).toBe('+447911123402');
    await expect(h.call('demo:receive', { botId: 'missing' })).rejects.toThrow(/does not exist/);
  });

  it('finds the message a reply quotes, and says when it predates the link', async () => {
    await h.call('demo:receive', { botId, from: '+447911123402', text: 'Do you have oat milk?' });
    const [chat] = await chats();
    const sent = await h.call('messages:send', { chatId: chat?.id ?? 0, text: 'Yes, all week' });
    await h.engine.inbox.idle();
    h.engine.network.reply({ from: '+447911123402', to: botPhone, text: 'Great, one please' });
    const reply = (await thread(chat?.id ?? 0))[0];
    expect(reply?.quoted?.text).toBe('Yes, all week');
    expect(await h.call('messages:quoted', { messageId: reply?.id ?? 0 })).toMatchObject({ id: sent.id });
    await expect(h.call('messages:quoted', { messageId: sent.id })).rejects.toThrow(/does not quote/);
    // A quote of something from before the link: the original was never stored.
    h.engine.db.sqlite.prepare('DELETE FROM messages WHERE id = ?').run(sent.id);
    await expect(h.call('messages:quoted', { messageId: reply?.id ?? 0 })).rejects.toThrow(/not on this PC/);
  });
});
