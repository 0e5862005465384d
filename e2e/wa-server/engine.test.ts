/**
 * The engine's real Baileys path end to end: WhatsApp bots link, chat, restart and recover
 * against the local protocol server, with contacts that are Baileys clients themselves.
 * Real clock: Baileys' timers and sockets are real, so the engine's must be too.
 */
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { BotEvent, BotStatus } from '../../src-shared/bots';
import { useEngineOnServer } from './engine-on-server';

const BOT_PHONE = '447911123401';
const CUSTOMER_PHONE = '447911123402';

const env = useEngineOnServer();

const waitForStatus = (botId: string, status: BotStatus) => env.waitForBot(botId, (bot) => bot.status === status);

/** Resolves with the first log entry of the bot, from now on, whose message matches. */
const waitForLog = (botId: string, pattern: RegExp): Promise<BotEvent> =>
  new Promise((resolve) => {
    const off = env.h.engine.events.on('bot:event', ({ event }) => {
      if (event.botId !== botId || !pattern.test(event.message)) return;
      off();
      resolve(event);
    });
  });

const linkBot = () => env.linkBot(BOT_PHONE, 'Shop Owner');

describe('a WhatsApp bot against the local protocol server', () => {
  it('links by QR and goes online as the phone that scanned', async () => {
    const online = await linkBot();
    expect(online).toMatchObject({ status: 'online', phone: `+${BOT_PHONE}`, link: null });
    expect(env.server.account(BOT_PHONE).devices.size).toBe(1);
  });

  it('receives a text from a contact, sends one back that the contact decrypts, and sees it delivered and read', async () => {
    const bot = await linkBot();
    const customer = await env.linkContact(CUSTOMER_PHONE, 'Dana');

    const received = waitForLog(bot.id, /^Message from Dana \(\+447911123402\): do you open on sunday\?$/);
    await customer.sendText(BOT_PHONE, 'do you open on sunday?');
    await received;

    const delivered = waitForLog(bot.id, /to \+447911123402: delivered\.$/);
    const { messageId } = await env.h.call('bots:send-test', {
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

    const read = waitForLog(bot.id, /to \+447911123402: read\.$/);
    await customer.markRead([messageId]);
    expect((await read).message).toContain(messageId);
  });

  it('comes back online after an app restart from its stored session, without a new QR', async () => {
    const bot = await linkBot();
    await env.h.restart();
    const statuses: BotStatus[] = [];
    env.h.engine.events.on('bot:status', ({ bot: b }) => statuses.push(b.status));
    const back = await waitForStatus(bot.id, 'online');
    expect(back.phone).toBe(`+${BOT_PHONE}`);
    expect(statuses).not.toContain('linking');
    expect(env.server.account(BOT_PHONE).devices.size).toBe(1);
  });

  it('delivers a message sent while the bot was stopped when it starts again', async () => {
    const bot = await linkBot();
    const customer = await env.linkContact(CUSTOMER_PHONE, 'Dana');
    // A first message sets up the Signal session while both are online.
    const first = waitForLog(bot.id, /hello$/);
    await customer.sendText(BOT_PHONE, 'hello');
    await first;

    await env.h.call('bots:stop', { botId: bot.id });
    const routed = once(env.server, 'message');
    await customer.sendText(BOT_PHONE, 'are you there?');
    await routed;
    expect(env.server.queued(BOT_PHONE)).toBe(1);

    const offline = waitForLog(bot.id, /^Received while offline from Dana \(\+447911123402\): are you there\?$/);
    await env.h.call('bots:start', { botId: bot.id });
    await offline;
    expect(env.server.queued(BOT_PHONE)).toBe(0);
  });

  it('logged out from the phone (401): shows logged out, stops reconnecting, and can relink', async () => {
    const bot = await linkBot();
    let logins = 0;
    env.server.on('login', () => logins++);
    env.server.streamError(BOT_PHONE, 401);
    const out = await waitForStatus(bot.id, 'logged_out');
    expect(out.statusReason).toMatch(/log/i);
    expect(out.nextRetryAt).toBeNull();
    expect(logins).toBe(0);
    expect(env.server.account(BOT_PHONE).devices.size).toBe(0);

    await env.h.call('bots:relink', { botId: bot.id });
    const linking = await env.waitForBot(bot.id, (b) => b.link?.qr != null);
    expect(linking.status).toBe('linking');
  });

  it('replaced by another client (440): fails without a reconnect loop', async () => {
    const bot = await linkBot();
    let logins = 0;
    env.server.on('login', () => logins++);
    env.server.streamError(BOT_PHONE, 440);
    const failed = await waitForStatus(bot.id, 'failed');
    expect(failed.statusReason).toMatch(/another|replaced|elsewhere/i);
    expect(failed.nextRetryAt).toBeNull();
    expect(logins).toBe(0);
  });

  it('a dropped socket reconnects with backoff and comes back online', async () => {
    const bot = await linkBot();
    env.server.dropConnections(BOT_PHONE);
    const reconnecting = await waitForStatus(bot.id, 'reconnecting');
    expect(reconnecting.nextRetryAt).toEqual(expect.any(Number));
    const back = await waitForStatus(bot.id, 'online');
    expect(back.phone).toBe(`+${BOT_PHONE}`);
  });

  it('refuses a test message while the bot is not online, and to a bad number', async () => {
    const bot = await env.h.call('bots:create', { name: 'Shop', kind: 'whatsapp' });
    await expect(env.h.call('bots:send-test', { botId: bot.id, to: `+${CUSTOMER_PHONE}`, text: 'hi' })).rejects.toThrow(
      /not online/,
    );
    await expect(env.h.call('bots:send-test', { botId: bot.id, to: '12345', text: 'hi' })).rejects.toThrow(
      /country code/,
    );
  });
});
