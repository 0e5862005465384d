/**
 * The inbox over the real Baileys path: what a contact (a second, unmodified Baileys client) does
 * reaches the bot's stored chats and messages, and what the bot does in the inbox reaches the
 * contact. Real clock: Baileys' timers and sockets are real, so the engine's must be too.
 */
import { describe, expect, it } from 'vitest';
import type { Bot } from '../../src-shared/bots';
import type { Chat, Message } from '../../src-shared/inbox';
import type { Contact } from './contact';
import { useEngineOnServer } from './engine-on-server';

const BOT_PHONE = '447911123401';
const BOT_JID = `${BOT_PHONE}@s.whatsapp.net`;
const CUSTOMER_PHONE = '447911123402';
const CUSTOMER_JID = `${CUSTOMER_PHONE}@s.whatsapp.net`;

const env = useEngineOnServer();

/** A linked, online WhatsApp bot and a contact, Dana, who is online too. */
const setUp = async (): Promise<{ bot: Bot; dana: Contact }> => {
  const bot = await env.linkBot(BOT_PHONE, 'Shop Owner');
  const dana = await env.linkContact(CUSTOMER_PHONE, 'Dana');
  return { bot, dana };
};

/** Dana writes to the bot; resolves with the message as the inbox stored it. */
const danaWrites = async (dana: Contact, text: string): Promise<Message> => {
  const stored = env.nextMessage((m) => !m.fromMe && m.text === text);
  const id = await dana.sendText(BOT_PHONE, text);
  const message = await stored;
  expect(message.waId).toBe(id);
  return message;
};

const thread = async (chatId: number): Promise<Message[]> => (await env.h.call('messages:page', { chatId })).items;

const danaChat = async (botId: string): Promise<Chat> => {
  const { items } = await env.h.call('chats:list', { botId });
  const chat = items.find((c) => c.jid === CUSTOMER_JID);
  if (!chat) throw new Error(`No chat with Dana among ${items.map((c) => c.jid).join(', ')}`);
  return chat;
};

describe('the inbox of a WhatsApp bot against the local protocol server', () => {
  it('stores a contact text under a chat named by their push name, and replies both ways keep the quote', async () => {
    const { bot, dana } = await setUp();
    const question = await danaWrites(dana, 'do you have these in size 42?');

    const chat = await danaChat(bot.id);
    expect(chat).toMatchObject({
      kind: 'user',
      title: 'Dana',
      phone: `+${CUSTOMER_PHONE}`,
      unread: 1,
      lastMessage: { text: 'do you have these in size 42?', kind: 'text', fromMe: false },
    });
    expect(await thread(chat.id)).toMatchObject([
      {
        waId: question.waId,
        kind: 'text',
        text: 'do you have these in size 42?',
        fromMe: false,
        senderJid: CUSTOMER_JID,
        senderName: 'Dana',
        quoted: null,
        forwarded: false,
      },
    ]);

    // The bot answers from the inbox, quoting the question.
    const delivered = env.nextMessage((m) => m.fromMe && m.status === 'delivered');
    const answer = await env.h.call('messages:send', { chatId: chat.id, text: 'Yes, in black', quotedId: question.id });
    expect(answer.status).toBe('pending');
    const got = await dana.waitForText((m) => m.id === answer.waId);
    expect(got).toMatchObject({
      text: 'Yes, in black',
      fromJid: BOT_JID,
      quoted: { id: question.waId, participant: CUSTOMER_JID, text: 'do you have these in size 42?' },
    });
    expect((await delivered).waId).toBe(answer.waId);
    const read = env.nextMessage((m) => m.waId === answer.waId && m.status === 'read');
    await dana.markRead([answer.waId]);
    await read;

    // Dana replies quoting the bot's answer.
    const reply = env.nextMessage((m) => !m.fromMe && m.text === 'great, I will come by');
    await dana.reply(BOT_PHONE, 'great, I will come by', answer.waId);
    expect((await reply).quoted).toEqual({
      waId: answer.waId,
      text: 'Yes, in black',
      sender: BOT_JID,
      senderName: null,
    });

    const stored = await thread(chat.id);
    expect(stored.map((m) => [m.text, m.fromMe, m.status, m.quoted?.waId ?? null])).toEqual([
      ['great, I will come by', false, null, answer.waId],
      ['Yes, in black', true, 'read', question.waId],
      ['do you have these in size 42?', false, null, null],
    ]);
  });

  it('follows edits, reactions and a delete for everyone, keeping the text while anti-delete is on', async () => {
    const { bot, dana } = await setUp();
    const first = await danaWrites(dana, 'pick up at 4');
    const chat = await danaChat(bot.id);
    const answer = await env.h.call('messages:send', { chatId: chat.id, text: 'See you then' });
    await dana.waitForText((m) => m.id === answer.waId);

    const edited = env.nextMessage((m) => m.id === first.id && m.editedAt !== null);
    await dana.edit(BOT_PHONE, first.waId, 'pick up at 5');
    expect(await edited).toMatchObject({ text: 'pick up at 5', deletedAt: null });

    // On the bot's message: from Dana's side that message is not her own.
    const reacted = env.nextMessage((m) => m.id === answer.id && m.reactions.length > 0);
    await dana.react(BOT_PHONE, answer.waId, '👍', false);
    expect((await reacted).reactions).toEqual([{ emoji: '👍', count: 1, mine: false }]);
    const changed = env.nextMessage((m) => m.id === answer.id && m.reactions[0]?.emoji === '🙏');
    await dana.react(BOT_PHONE, answer.waId, '🙏', false);
    await changed;
    // On her own message, then taken away.
    const own = env.nextMessage((m) => m.id === first.id && m.reactions.length > 0);
    await dana.react(BOT_PHONE, first.waId, '❤️', true);
    expect((await own).reactions).toEqual([{ emoji: '❤️', count: 1, mine: false }]);
    const removed = env.nextMessage((m) => m.id === first.id && m.reactions.length === 0);
    await dana.react(BOT_PHONE, first.waId, '', true);
    await removed;

    const deleted = env.nextMessage((m) => m.id === first.id && m.deletedAt !== null);
    await dana.deleteForEveryone(BOT_PHONE, first.waId);
    expect(await deleted).toMatchObject({ text: 'pick up at 5', editedAt: expect.any(Number) as unknown });

    const stored = await thread(chat.id);
    expect(stored.map((m) => [m.waId, m.text, m.deletedAt !== null, m.reactions.map((r) => r.emoji)])).toEqual([
      [answer.waId, 'See you then', false, ['🙏']],
      [first.waId, 'pick up at 5', true, []],
    ]);
    // Protocol messages and reactions never became messages of their own.
    expect((await danaChat(bot.id)).lastMessage).toMatchObject({ text: 'See you then', fromMe: true });
  });

  it('drops the text of a message deleted for everyone when anti-delete is off', async () => {
    const { bot, dana } = await setUp();
    await env.h.call('bots:set-feature', { botId: bot.id, feature: 'antiDelete', enabled: false });
    const message = await danaWrites(dana, 'my card number is 1234');
    const deleted = env.nextMessage((m) => m.id === message.id && m.deletedAt !== null);
    await dana.deleteForEveryone(BOT_PHONE, message.waId);
    expect(await deleted).toMatchObject({ text: null });
  });

  it('sends read receipts for what the user read in the inbox', async () => {
    const { bot, dana } = await setUp();
    const first = await danaWrites(dana, 'hello?');
    const second = await danaWrites(dana, 'anyone there?');
    await Promise.all([dana.waitForStatus(first.waId, 3), dana.waitForStatus(second.waId, 3)]);
    expect([dana.statuses.get(first.waId), dana.statuses.get(second.waId)]).toEqual([3, 3]);

    const chat = await env.h.call('chats:mark-read', { chatId: (await danaChat(bot.id)).id });
    expect(chat.unread).toBe(0);
    await Promise.all([dana.waitForStatus(first.waId, 4), dana.waitForStatus(second.waId, 4)]);
  });

  it('stores a photo as an image message, with or without a caption', async () => {
    const { bot, dana } = await setUp();
    const bare = env.nextMessage((m) => m.kind === 'image' && m.text === null);
    const bareId = await dana.sendImageMessage(BOT_PHONE, null);
    expect((await bare).waId).toBe(bareId);
    const captioned = env.nextMessage((m) => m.kind === 'image' && m.text !== null);
    await dana.sendImageMessage(BOT_PHONE, 'this one, in blue');
    expect(await captioned).toMatchObject({ text: 'this one, in blue', fromMe: false });
    expect((await danaChat(bot.id)).lastMessage).toMatchObject({ kind: 'image', text: 'this one, in blue' });
  });
});
