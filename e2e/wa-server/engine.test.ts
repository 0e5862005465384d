/**
 * The engine's real Baileys path end to end: WhatsApp bots link, chat, restart and recover
 * against the local protocol server, with contacts that are Baileys clients themselves.
 * Real clock: Baileys' timers and sockets are real, so the engine's must be too.
 */
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bot, BotEvent, BotStatus } from '../../src-shared/bots';
import { systemClock } from '../../src-main/engine/clock';
import type { Engine } from '../../src-main/engine/index';
import { createHarness, type Harness } from '../../src-main/engine/testing/engine-harness';
import { Contact } from './contact';
import { WaServer } from './server';

const BOT_PHONE = '447911123401';
const CUSTOMER_PHONE = '447911123402';

let server: WaServer;
let h: Harness;
const contacts: Contact[] = [];

beforeEach(async () => {
  server = await WaServer.start();
  h = await createHarness({
    clock: systemClock,
    baileys: { waWebSocketUrl: server.url, rootPublicKeyHex: server.rootPublicKeyHex },
  });
});

afterEach(async (context) => {
  await h.dispose();
  await Promise.all(contacts.splice(0).map((c) => c.close()));
  await server.close();
  if (context.task.result?.state === 'fail' || process.env.WA_TRACE) console.log(server.trace.format());
  expect(server.trace.errors).toEqual([]);
});

/** Resolves when the bot's status (now or next) satisfies `match`. */
const waitForBot = (engine: Engine, botId: string, match: (bot: Bot) => boolean): Promise<Bot> => {
  const now = engine.bots.get(botId);
  if (match(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const off = engine.events.on('bot:status', ({ bot }) => {
      if (bot.id !== botId || !match(bot)) return;
      off();
      resolve(bot);
    });
  });
};

const waitForStatus = (engine: Engine, botId: string, status: BotStatus) =>
  waitForBot(engine, botId, (bot) => bot.status === status);

/** Resolves with the first log entry of the bot, from now on, whose message matches. */
const waitForLog = (engine: Engine, botId: string, pattern: RegExp): Promise<BotEvent> =>
  new Promise((resolve) => {
    const off = engine.events.on('bot:event', ({ event }) => {
      if (event.botId !== botId || !pattern.test(event.message)) return;
      off();
      resolve(event);
    });
  });

const linkContact = async (phone: string, name: string) => {
  const contact = await Contact.link(server, phone, name);
  contacts.push(contact);
  return contact;
};

/** Creates a WhatsApp bot and links it the way a user does: start, then the phone scans the QR. */
const linkBot = async (): Promise<Bot> => {
  const bot = await h.call('bots:create', { name: 'Shop', kind: 'whatsapp' });
  await h.call('bots:start', { botId: bot.id });
  const linking = await waitForBot(h.engine, bot.id, (b) => b.link?.qr != null);
  await server.scanQr(linking.link?.qr ?? '', BOT_PHONE, 'Shop Owner');
  return waitForStatus(h.engine, bot.id, 'online');
};

describe('a WhatsApp bot against the local protocol server', () => {
  it('links by QR and goes online as the phone that scanned', async () => {
    const online = await linkBot();
    expect(online).toMatchObject({ status: 'online', phone: `+${BOT_PHONE}`, link: null });
    expect(server.account(BOT_PHONE).devices.size).toBe(1);
  });

  it('receives a text from a contact, sends one back that the contact decrypts, and sees it delivered and read', async () => {
    const bot = await linkBot();
    const customer = await linkContact(CUSTOMER_PHONE, 'Dana');

    const received = waitForLog(h.engine, bot.id, /^Message from Dana \(\+447911123402\): do you open on sunday\?$/);
    await customer.sendText(BOT_PHONE, 'do you open on sunday?');
    await received;

    const delivered = waitForLog(h.engine, bot.id, /to \+447911123402: delivered\.$/);
    const { messageId } = await h.call('bots:send-test', {
      botId: bot.id,
      to: `+${CUSTOMER_PHONE}`,
      text: 'Yes, 10 to 4 ✨',
    });
    const got = await customer.waitForText((m) => m.id === messageId);
    expect(got).toMatchObject({
      text: 'Yes, 10 to 4 ✨',
      pushName: 'Shop Owner',
      fromJid: `${BOT_PHONE}@s.whatsapp.net`,
    });
    expect((await delivered).message).toContain(messageId);

    const read = waitForLog(h.engine, bot.id, /to \+447911123402: read\.$/);
    await customer.markRead([messageId]);
    expect((await read).message).toContain(messageId);
  });

  it('comes back online after an app restart from its stored session, without a new QR', async () => {
    const bot = await linkBot();
    await h.restart();
    const statuses: BotStatus[] = [];
    h.engine.events.on('bot:status', ({ bot: b }) => statuses.push(b.status));
    const back = await waitForStatus(h.engine, bot.id, 'online');
    expect(back.phone).toBe(`+${BOT_PHONE}`);
    expect(statuses).not.toContain('linking');
    expect(server.account(BOT_PHONE).devices.size).toBe(1);
  });

  it('delivers a message sent while the bot was stopped when it starts again', async () => {
    const bot = await linkBot();
    const customer = await linkContact(CUSTOMER_PHONE, 'Dana');
    // A first message sets up the Signal session while both are online.
    const first = waitForLog(h.engine, bot.id, /hello$/);
    await customer.sendText(BOT_PHONE, 'hello');
    await first;

    await h.call('bots:stop', { botId: bot.id });
    const routed = once(server, 'message');
    await customer.sendText(BOT_PHONE, 'are you there?');
    await routed;
    expect(server.queued(BOT_PHONE)).toBe(1);

    const offline = waitForLog(
      h.engine,
      bot.id,
      /^Received while offline from Dana \(\+447911123402\): are you there\?$/,
    );
    await h.call('bots:start', { botId: bot.id });
    await offline;
    expect(server.queued(BOT_PHONE)).toBe(0);
  });

  it('logged out from the phone (401): shows logged out, stops reconnecting, and can relink', async () => {
    const bot = await linkBot();
    let logins = 0;
    server.on('login', () => logins++);
    server.streamError(BOT_PHONE, 401);
    const out = await waitForStatus(h.engine, bot.id, 'logged_out');
    expect(out.statusReason).toMatch(/log/i);
    expect(out.nextRetryAt).toBeNull();
    expect(logins).toBe(0);
    expect(server.account(BOT_PHONE).devices.size).toBe(0);

    await h.call('bots:relink', { botId: bot.id });
    const linking = await waitForBot(h.engine, bot.id, (b) => b.link?.qr != null);
    expect(linking.status).toBe('linking');
  });

  it('replaced by another client (440): fails without a reconnect loop', async () => {
    const bot = await linkBot();
    let logins = 0;
    server.on('login', () => logins++);
    server.streamError(BOT_PHONE, 440);
    const failed = await waitForStatus(h.engine, bot.id, 'failed');
    expect(failed.statusReason).toMatch(/another|replaced|elsewhere/i);
    expect(failed.nextRetryAt).toBeNull();
    expect(logins).toBe(0);
  });

  it('a dropped socket reconnects with backoff and comes back online', async () => {
    const bot = await linkBot();
    server.dropConnections(BOT_PHONE);
    const reconnecting = await waitForStatus(h.engine, bot.id, 'reconnecting');
    expect(reconnecting.nextRetryAt).toEqual(expect.any(Number));
    const back = await waitForStatus(h.engine, bot.id, 'online');
    expect(back.phone).toBe(`+${BOT_PHONE}`);
  });

  it('refuses a test message while the bot is not online, and to a bad number', async () => {
    const bot = await h.call('bots:create', { name: 'Shop', kind: 'whatsapp' });
    await expect(h.call('bots:send-test', { botId: bot.id, to: `+${CUSTOMER_PHONE}`, text: 'hi' })).rejects.toThrow(
      /not online/,
    );
    await expect(h.call('bots:send-test', { botId: bot.id, to: '12345', text: 'hi' })).rejects.toThrow(/country code/);
  });
});
