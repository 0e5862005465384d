/**
 * A message the customer's phone could not decrypt, asked for again: what ends WhatsApp's
 * "Waiting for this message. This may take a while." The customer's client (an unmodified
 * Baileys) sends a retry receipt; the bot's Baileys asks getMessage for the message, which the
 * engine answers from its message store (Baileys' own recent-message cache is off), and resends
 * it on a fresh Signal session under the same id.
 * Real clock: Baileys' timers and sockets are real, so the engine's must be too.
 */
import { describe, expect, it } from 'vitest';
import { useEngineOnServer } from './engine-on-server';

const BOT_PHONE = '447911123401';
const CUSTOMER_PHONE = '447911123402';
const CUSTOMER_JID = `${CUSTOMER_PHONE}@s.whatsapp.net`;

const env = useEngineOnServer();

/** Resolves with the retry receipt the server passes on for message `id`. */
const retryReceiptFor = (id: string): Promise<void> =>
  new Promise((resolve) => {
    const listener = (receipt: { id: string; type: string | undefined }) => {
      if (receipt.id !== id || receipt.type !== 'retry') return;
      env.server.off('receipt', listener);
      resolve();
    };
    env.server.on('receipt', listener);
  });

describe('a message the customer could not decrypt', () => {
  it('is asked for again with a retry receipt, resent from the store, and read by the customer', async () => {
    const bot = await env.linkBot(BOT_PHONE, 'Shop Owner');
    const dana = await env.linkContact(CUSTOMER_PHONE, 'Dana');
    // Dana writes first: the inbox has her chat and both sides hold a Signal session.
    const question = env.nextMessage((m) => !m.fromMe && m.text === 'are you open today?');
    await dana.sendText(BOT_PHONE, 'are you open today?');
    const { chatId } = await question;
    const chats = await env.h.call('chats:list', { botId: bot.id });
    expect(chats.items.find((c) => c.id === chatId)?.jid).toBe(CUSTOMER_JID);

    const damaged = env.server.damageNextMessage(BOT_PHONE, CUSTOMER_PHONE);
    const delivered = env.nextMessage((m) => m.fromMe && m.status === 'delivered');
    const answer = await env.h.call('messages:send', { chatId, text: 'Yes, until 6 pm 🕕' });
    expect(await damaged).toBe(answer.waId);
    const retried = retryReceiptFor(answer.waId);

    // Dana's client could not read the first copy, asked for it, and reads the resend.
    const got = await dana.waitForText((m) => m.id === answer.waId);
    await retried;
    expect(dana.undecryptable).toEqual([answer.waId]);
    expect(got).toMatchObject({ text: 'Yes, until 6 pm 🕕', fromJid: `${BOT_PHONE}@s.whatsapp.net` });
    expect(dana.received.filter((m) => m.id === answer.waId)).toHaveLength(1);
    // Her client confirms the resend as it confirms any message: the bot sees it delivered.
    expect((await delivered).waId).toBe(answer.waId);
  });

  it("works the other way too: the bot could not decrypt a customer's message, asks at once, and stores the resend", async () => {
    await env.linkBot(BOT_PHONE, 'Shop Owner');
    const dana = await env.linkContact(CUSTOMER_PHONE, 'Dana');
    const first = env.nextMessage((m) => !m.fromMe && m.text === 'hello');
    await dana.sendText(BOT_PHONE, 'hello');
    const { chatId } = await first;

    const damaged = env.server.damageNextMessage(CUSTOMER_PHONE, BOT_PHONE);
    const stored = env.nextMessage((m) => !m.fromMe && m.text === 'can I pay by card?');
    const id = await dana.sendText(BOT_PHONE, 'can I pay by card?');
    expect(await damaged).toBe(id);
    // The bot asks without waiting on its phone first (Baileys' retry bookkeeping stays on).
    await retryReceiptFor(id);
    expect(await stored).toMatchObject({ waId: id, chatId, text: 'can I pay by card?' });
  });
});
