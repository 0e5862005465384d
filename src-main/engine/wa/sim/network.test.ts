import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeClock } from '../../clock';
import { SIM_EDIT_WINDOW_MS, SIM_HISTORY_BATCH_GAP_MS, SIM_HISTORY_DELAY_MS, type SimNetwork } from './network';
import { linkSimBot, simWorld, type SimBot } from './testing';

const ANA = '+447700900501';
const ANA_JID = '447700900501@s.whatsapp.net';

let clock: FakeClock;
let network: SimNetwork;
let bot: SimBot & { phone: string };
let botJid: string;

/** What the bot hears from one action: exactly the events it caused. */
const heard = (action: () => void) => {
  const before = bot.reported.length;
  action();
  return bot.reported.slice(before);
};

/** The bot writes to Ana, as the engine's outbox would. */
const botWrites = async (text: string, quoted?: { id: string; text: string | null }) => {
  const sent = await bot.transport.sendText(ANA_JID, text, {
    ...(quoted ? { quoted: { ...quoted, fromMe: false, senderJid: ANA_JID } } : {}),
  });
  return sent.id;
};

beforeEach(async () => {
  ({ clock, network } = simWorld(11));
  network.setHistorySize(0);
  bot = await linkSimBot(network, clock);
  botJid = `${bot.phone.slice(1)}@s.whatsapp.net`;
  await clock.advance(SIM_HISTORY_DELAY_MS + SIM_HISTORY_BATCH_GAP_MS);
  bot.reported.length = 0;
});

describe('what simulated customers do', () => {
  it('replies quoting the bot’s latest message, or the one asked for', async () => {
    const first = await botWrites('We open at 9.');
    const second = await botWrites('And close at 6.');
    const [latest] = heard(() => network.reply({ from: ANA, fromName: 'Ana', to: bot.phone, text: 'Thanks!' }));
    expect(latest).toEqual({
      event: 'message',
      payload: expect.objectContaining({
        chatJid: ANA_JID,
        senderJid: ANA_JID,
        fromMe: false,
        text: 'Thanks!',
        quoted: { id: second, text: 'And close at 6.', senderJid: botJid },
        offline: false,
      }) as unknown,
    });
    const chosen = network.reply({ from: ANA, to: bot.phone, text: 'At 9 sharp?', quotedId: first });
    expect(chosen.quoted).toEqual({ id: first, text: 'We open at 9.', senderJid: botJid });
    expect(() => network.reply({ from: '+447700900502', to: bot.phone, text: 'Hm?' })).toThrow(/nothing to/);
  });

  it('edits their own recent message, within WhatsApp’s 15 minutes only', async () => {
    const typo = network.receive({ from: ANA, to: bot.phone, text: 'Can I book a tabel?' });
    await clock.advance(30_000);
    const events = heard(() => network.edit({ from: ANA, to: bot.phone, text: 'Can I book a table?' }));
    expect(events).toEqual([
      {
        event: 'message-edit',
        payload: { id: typo.id, chatJid: ANA_JID, text: 'Can I book a table?', ts: clock.now() },
      },
    ]);
    expect(network.conversation(bot.phone, ANA).at(-1)).toMatchObject({ text: 'Can I book a table?' });

    const botLine = await botWrites('Sure!');
    expect(() => network.edit({ from: ANA, to: bot.phone, id: botLine, text: 'x' })).toThrow(/Only the sender/);
    await clock.advance(SIM_EDIT_WINDOW_MS);
    expect(() => network.edit({ from: ANA, to: bot.phone, text: 'too late' })).toThrow(/15 minutes/);
  });

  it('deletes a message for everyone, once', () => {
    const slip = network.receive({ from: ANA, to: bot.phone, text: 'Love you, see you tonight ❤️' });
    const events = heard(() => network.deleteForEveryone({ from: ANA, to: bot.phone }));
    expect(events).toEqual([
      { event: 'message-delete', payload: { id: slip.id, chatJid: ANA_JID, fromMe: false, ts: clock.now() } },
    ]);
    expect(() => network.deleteForEveryone({ from: ANA, to: bot.phone, id: slip.id })).toThrow(/deleted already/);
    expect(() => network.reply({ from: ANA, to: bot.phone, text: 'x', quotedId: slip.id })).toThrow(/no message/);
  });

  it('reacts to a bot message and takes the reaction back', async () => {
    const line = await botWrites('Your order is ready 🎉');
    expect(heard(() => network.react({ from: ANA, to: bot.phone, emoji: '👍' }))).toEqual([
      {
        event: 'reaction',
        payload: { id: line, chatJid: ANA_JID, targetFromMe: true, senderJid: ANA_JID, emoji: '👍', ts: clock.now() },
      },
    ]);
    expect(network.conversation(bot.phone, ANA).at(-1)?.reaction).toBe('👍');
    const [removed] = heard(() => network.react({ from: ANA, to: bot.phone, id: line, emoji: null }));
    expect(removed).toMatchObject({ event: 'reaction', payload: { id: line, emoji: null, targetFromMe: true } });
    // On their own message the reaction says so.
    const own = network.receive({ from: ANA, to: bot.phone, text: 'lol' });
    expect(network.react({ from: ANA, to: bot.phone, id: own.id, emoji: '😂' }).targetFromMe).toBe(false);
    expect(() => network.react({ from: '+447700900502', to: bot.phone, emoji: '👍' })).toThrow(/nothing to/);
  });

  it('forwards, and sends photos as placeholders with or without a caption', () => {
    const events = heard(() => {
      network.forward({ from: ANA, to: bot.phone, text: '2 for 1 on cakes this weekend' });
      network.sendPhoto({ from: ANA, to: bot.phone, caption: 'Is this one still available?' });
      network.sendPhoto({ from: ANA, to: bot.phone });
    });
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ text: '2 for 1 on cakes this weekend', forwarded: true }),
      expect.objectContaining({ kind: 'image', text: 'Is this one still available?' }),
      expect.objectContaining({ kind: 'image', text: null }),
    ]);
    expect(events[0]?.payload).not.toHaveProperty('kind');
    expect(() => network.receive({ from: ANA, to: bot.phone, text: null })).toThrow(/needs some text/);
  });

  it('queues everything for an offline bot and delivers it in order at its next login', async () => {
    const line = await botWrites('See you Saturday');
    await bot.transport.close();
    const hello = network.receive({ from: ANA, to: bot.phone, text: 'Hi!' });
    network.edit({ from: ANA, to: bot.phone, text: 'Hi there!' });
    network.react({ from: ANA, to: bot.phone, emoji: '❤️' });
    const photo = network.sendPhoto({ from: ANA, to: bot.phone, caption: 'This one' });
    network.deleteForEveryone({ from: ANA, to: bot.phone, id: hello.id });
    expect(bot.reported).toEqual([]);

    await bot.transport.connect();
    expect(bot.reported.map((r) => r.event)).toEqual([
      'message',
      'message-edit',
      'reaction',
      'message',
      'message-delete',
    ]);
    expect(bot.of('message')).toEqual([
      expect.objectContaining({ id: hello.id, text: 'Hi!', offline: true }),
      expect.objectContaining({ id: photo.id, kind: 'image', offline: true }),
    ]);
    expect(bot.of('reaction')[0]).toMatchObject({ id: line, emoji: '❤️' });
    expect(bot.of('message-delete')[0]).toMatchObject({ id: hello.id });
    // Nothing twice.
    await bot.transport.close();
    await bot.transport.connect();
    expect(bot.reported).toHaveLength(5);
  });
});

describe('what the bot does', () => {
  it('keeps the quote in what the contact receives, and records read receipts', async () => {
    const question = network.receive({ from: ANA, to: bot.phone, text: 'Do you deliver?' });
    const answer = await botWrites('Yes, daily', { id: question.id, text: 'Do you deliver?' });
    await botWrites('No quote here');
    expect(network.inboxOfContacts).toEqual([
      { id: answer, from: bot.phone, to: ANA, text: 'Yes, daily', ts: clock.now(), quotedId: question.id },
      expect.objectContaining({ text: 'No quote here', quotedId: null }),
    ]);
    await bot.transport.markRead(ANA_JID, [{ id: question.id, senderJid: ANA_JID }]);
    expect(network.readByBots).toEqual([{ botPhone: bot.phone, chatJid: ANA_JID, ids: [question.id] }]);
    expect(network.conversation(bot.phone, ANA).map((m) => [m.fromMe, m.text, m.quotedId])).toEqual([
      [false, 'Do you deliver?', null],
      [true, 'Yes, daily', question.id],
      [true, 'No quote here', null],
    ]);
  });
});
