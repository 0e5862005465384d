import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { DELETE_FOR_EVERYONE_MS, type Chat } from '../../../src-shared/inbox';
import { SIM_HISTORY_BATCH_GAP_MS, SIM_HISTORY_DELAY_MS } from '../wa/sim/network';
import { createHarness, linkDemoBot, type Harness } from '../testing/engine-harness';

let h: Harness;
let botId: string;
let botPhone: string;

const ANA = '+447911123402';
const BEN = '+447911123403';

const chatWith = async (phone: string): Promise<Chat> => {
  const { items } = await h.call('chats:list', { botId, limit: 200 });
  const chat = items.find((c) => c.phone === phone);
  if (!chat) throw new Error(`No chat with ${phone}.`);
  return chat;
};
const thread = async (chatId: number) => (await h.call('messages:page', { chatId })).items;
const refusal = async (name: Parameters<Harness['engine']['dispatch']>[0], input: unknown) => {
  const reply = await h.engine.dispatch(name, input);
  if (reply.ok) throw new Error(`${name} was not refused.`);
  return reply.error.message;
};
/** A customer writes; their chat and message. */
const customerSays = async (phone: string, text: string) => {
  await h.call('demo:receive', { botId, from: phone, text });
  const chat = await chatWith(phone);
  const [message] = await thread(chat.id);
  if (!message) throw new Error('The message was not stored.');
  return { chat, message };
};

beforeEach(async () => {
  h = await createHarness();
  ({ id: botId, phone: botPhone } = await linkDemoBot(h));
});

afterEach(async () => {
  await h.dispose();
});

describe('reacting to a message', () => {
  it('sends the bot’s reaction, shows it as mine in the summary, and takes it away again', async () => {
    const { chat, message } = await customerSays(ANA, 'Thanks for the cake');
    const reacted = await h.call('messages:react', { messageId: message.id, emoji: '❤️' });
    expect(reacted.reactions).toEqual([{ emoji: '❤️', count: 1, mine: true }]);
    expect(h.engine.network.reactionsOfContacts).toMatchObject([{ chatJid: chat.jid, id: message.waId, emoji: '❤️' }]);
    const removed = await h.call('messages:react', { messageId: message.id, emoji: null });
    expect(removed.reactions).toEqual([]);
    expect(h.engine.network.reactionsOfContacts.at(-1)).toMatchObject({ id: message.waId, emoji: null });
  });

  it('refuses what is not one emoji, and says the bot must be online', async () => {
    const { message } = await customerSays(ANA, 'hello');
    expect(await refusal('messages:react', { messageId: message.id, emoji: 'ok' })).toMatch(/one emoji/);
    await h.call('bots:stop', { botId });
    expect(await refusal('messages:react', { messageId: message.id, emoji: '👍' })).toBe(
      'The bot is offline. Start it to react.',
    );
  });
});

describe('forwarding', () => {
  it('sends a copy of a text to other chats through the outbox, marked forwarded', async () => {
    const { message } = await customerSays(ANA, 'Table for four at eight?');
    const ben = (await customerSays(BEN, 'hi')).chat;
    const [copy] = await h.call('messages:forward', { messageId: message.id, chatIds: [ben.id] });
    expect(copy).toMatchObject({ chatId: ben.id, text: 'Table for four at eight?', forwarded: true, fromMe: true });
    expect(copy?.origin).toEqual({ by: 'person', detail: null });
    await h.engine.inbox.idle();
    expect(h.engine.network.inboxOfContacts.at(-1)).toMatchObject({
      to: BEN,
      text: 'Table for four at eight?',
      forwarded: true,
    });
  });

  it('sends the file of a photo again, with its caption', async () => {
    const ana = (await customerSays(ANA, 'hi')).chat;
    const ben = (await customerSays(BEN, 'hi')).chat;
    const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .png()
      .toBuffer();
    const photo = await h.call('messages:send', {
      chatId: ana.id,
      text: 'Our new sign',
      attachment: { name: 'sign.png', data: bytes.toString('base64') },
    });
    const [copy] = await h.call('messages:forward', { messageId: photo.id, chatIds: [ben.id] });
    expect(copy).toMatchObject({ kind: 'image', text: 'Our new sign', forwarded: true, media: { mime: 'image/png' } });
    await h.engine.inbox.idle();
    expect(h.engine.network.inboxOfContacts.at(-1)).toMatchObject({
      to: BEN,
      forwarded: true,
      media: { kind: 'image', mime: 'image/png' },
    });
  });

  it('forwards only to chats of the same bot, and never a deleted message', async () => {
    const { message } = await customerSays(ANA, 'hello');
    const other = await linkDemoBot(h, 'Second shop');
    await h.call('demo:receive', { botId: other.id, from: BEN, text: 'hi' });
    const [theirs] = (await h.call('chats:list', { botId: other.id })).items;
    expect(await refusal('messages:forward', { messageId: message.id, chatIds: [theirs?.id ?? 0] })).toBe(
      'You can only forward to chats of the same bot.',
    );
    expect(await refusal('messages:forward', { messageId: message.id, chatIds: [] })).toMatch(/Choose a chat/);
    const mine = await h.call('messages:send', { chatId: message.chatId, text: 'Oops, wrong chat' });
    await h.engine.inbox.idle();
    await h.call('messages:delete', { messageId: mine.id, for: 'everyone' });
    expect(await refusal('messages:forward', { messageId: mine.id, chatIds: [message.chatId] })).toBe(
      'A deleted message cannot be forwarded.',
    );
  });
});

describe('starring', () => {
  it('lists a chat’s starred messages newest first, paged by key, and unstars', async () => {
    const ana = (await customerSays(ANA, 'one')).chat;
    for (const text of ['two', 'three']) {
      await h.clock.advance(1_000);
      await h.call('demo:receive', { botId, from: ANA, text });
    }
    const [three, two, one] = await thread(ana.id);
    for (const m of [one, two, three]) await h.call('messages:star', { messageId: m?.id ?? 0, starred: true });
    const first = await h.call('messages:starred', { chatId: ana.id, limit: 2 });
    expect(first.items.map((m) => [m.text, m.starred])).toEqual([
      ['three', true],
      ['two', true],
    ]);
    const rest = await h.call('messages:starred', { chatId: ana.id, limit: 2, before: first.nextBefore ?? undefined });
    expect(rest.items.map((m) => m.text)).toEqual(['one']);
    expect(rest.nextBefore).toBeNull();
    const unstarred = await h.call('messages:star', { messageId: two?.id ?? 0, starred: false });
    expect(unstarred.starred).toBe(false);
    expect((await h.call('messages:starred', { chatId: ana.id })).items.map((m) => m.text)).toEqual(['three', 'one']);
  });
});

describe('deleting', () => {
  it('for me: gone from the thread, the search and the starred list, the preview falls back, WhatsApp untouched', async () => {
    const { chat: ana } = await customerSays(ANA, 'first words');
    await h.clock.advance(1_000);
    const { message: last } = await customerSays(ANA, 'second words');
    await h.call('messages:star', { messageId: last.id, starred: true });
    const hidden: number[] = [];
    h.engine.events.on('message:hidden', ({ messageId }) => hidden.push(messageId));
    expect(await h.call('messages:delete', { messageId: last.id, for: 'me' })).toEqual({
      messageId: last.id,
      chatId: ana.id,
      message: null,
    });
    expect(hidden).toEqual([last.id]);
    expect((await thread(ana.id)).map((m) => m.text)).toEqual(['first words']);
    expect((await h.call('chats:get', { chatId: ana.id })).lastMessage?.text).toBe('first words');
    expect((await h.call('messages:search', { botId, query: 'second' })).items).toEqual([]);
    expect((await h.call('messages:starred', { chatId: ana.id })).items).toEqual([]);
  });

  it('for me, a message still in the outbox never goes out', async () => {
    const { chat } = await customerSays(ANA, 'hello');
    await h.call('bots:stop', { botId });
    const pending = await h.call('messages:send', { chatId: chat.id, text: 'never mind' });
    await h.call('messages:delete', { messageId: pending.id, for: 'me' });
    await h.call('bots:start', { botId });
    await h.waitForStatus(botId, 'online');
    await h.engine.inbox.idle();
    expect(h.engine.network.inboxOfContacts.map((m) => m.text)).not.toContain('never mind');
  });

  it('for everyone: the bot’s own within WhatsApp’s limit, refused with a sentence after it', async () => {
    const { chat } = await customerSays(ANA, 'Do you open Sundays?');
    const sent = await h.call('messages:send', { chatId: chat.id, text: 'Yes, 10 to 4' });
    await h.engine.inbox.idle();
    const deleted = await h.call('messages:delete', { messageId: sent.id, for: 'everyone' });
    expect(deleted.message).toMatchObject({ deletedAt: h.clock.now(), text: null });

    const late = await h.call('messages:send', { chatId: chat.id, text: 'See you then' });
    await h.engine.inbox.idle();
    await h.clock.advance(DELETE_FOR_EVERYONE_MS + 60_000);
    expect(await refusal('messages:delete', { messageId: late.id, for: 'everyone' })).toBe(
      'WhatsApp only deletes a message for everyone within about 2 days and 12 hours of sending it. You can still delete it for me.',
    );
  });

  it('for everyone: a member’s message in a group where the bot is admin, and not where it is not', async () => {
    await h.clock.advance(SIM_HISTORY_DELAY_MS + 3 * SIM_HISTORY_BATCH_GAP_MS);
    const { items } = await h.call('chats:list', { botId, filter: 'groups' });
    const regulars = items.find((c) => c.title === 'Regulars');
    if (!regulars) throw new Error('The demo group is not listed.');
    await h.call('demo:group', { chatId: regulars.id, action: 'say', text: 'Buy cheap watches here' });
    const [spam] = (await h.call('messages:page', { chatId: regulars.id })).items;
    const deleted = await h.call('messages:delete', { messageId: spam?.id ?? 0, for: 'everyone' });
    expect(deleted.message).toMatchObject({ text: null, deletedAt: h.clock.now() });

    const group = h.engine.network.createGroup({ creator: ANA, subject: 'Book club', members: [BEN, botPhone] });
    h.engine.network.receive({ from: BEN, to: botPhone, chatJid: group.jid, text: 'Chapter 3 tonight' });
    await h.engine.inbox.idle();
    const club = (await h.call('chats:list', { botId, filter: 'groups' })).items.find((c) => c.jid === group.jid);
    const [said] = (await h.call('messages:page', { chatId: club?.id ?? 0 })).items;
    expect(await refusal('messages:delete', { messageId: said?.id ?? 0, for: 'everyone' })).toBe(
      'Only a group admin can delete other people’s messages for everyone, and the bot is not an admin here.',
    );
  });

  it('for everyone: never someone else’s message in a private chat', async () => {
    const { message } = await customerSays(ANA, 'my message');
    expect(await refusal('messages:delete', { messageId: message.id, for: 'everyone' })).toBe(
      'You can only delete your own messages for everyone. Delete it for me instead.',
    );
  });
});
