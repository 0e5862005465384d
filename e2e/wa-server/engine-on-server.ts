import { afterEach, beforeEach, expect } from 'vitest';
import type { Bot } from '../../src-shared/bots';
import type { Message } from '../../src-shared/inbox';
import { systemClock } from '../../src-main/engine/clock';
import { createHarness, type Harness } from '../../src-main/engine/testing/engine-harness';
import { Contact } from './contact';
import { WaServer, type WaServerOptions } from './server';

export type EngineOnServer = {
  readonly server: WaServer;
  readonly h: Harness;
  /** Resolves when the bot's status (now or next) satisfies `match`. */
  waitForBot(botId: string, match: (bot: Bot) => boolean): Promise<Bot>;
  /** Resolves with the next stored version of a message (from now on) that satisfies `match`. */
  nextMessage(match: (message: Message) => boolean): Promise<Message>;
  /** Creates a WhatsApp bot and links it as a user does: start, then the phone scans the QR. */
  linkBot(phone: string, ownerName: string): Promise<Bot>;
  /** A contact (a second Baileys client) linked to the server, closed after the test. */
  linkContact(phone: string, name: string): Promise<Contact>;
};

export type EngineOnServerSetup = {
  /** How the protocol server starts (a misbehaving one, for tests of what Wren refuses). */
  server?: WaServerOptions;
  /** The certificate root Wren trusts, 64 hex digits; the server's own by default. */
  trustedRoot?: (server: WaServer) => string;
};

/**
 * Per test: a fresh protocol server and an engine on a real clock pointed at it (Baileys' timers
 * and sockets are real, so the engine's must be too). After each test everything is closed, the
 * trace is printed if the test failed, and the server must have recorded no handler error.
 */
export const useEngineOnServer = (setup: EngineOnServerSetup = {}): EngineOnServer => {
  let server: WaServer | null = null;
  let h: Harness | null = null;
  const contacts: Contact[] = [];
  const env: EngineOnServer = {
    get server() {
      if (!server) throw new Error('The protocol server starts in beforeEach.');
      return server;
    },
    get h() {
      if (!h) throw new Error('The engine starts in beforeEach.');
      return h;
    },
    waitForBot(botId, match) {
      const engine = env.h.engine;
      const now = engine.bots.get(botId);
      if (match(now)) return Promise.resolve(now);
      return new Promise((resolve) => {
        const off = engine.events.on('bot:status', ({ bot }) => {
          if (bot.id !== botId || !match(bot)) return;
          off();
          resolve(bot);
        });
      });
    },
    nextMessage: (match) =>
      new Promise((resolve) => {
        const off = env.h.engine.events.on('message:upsert', ({ message }) => {
          if (!match(message)) return;
          off();
          resolve(message);
        });
      }),
    async linkBot(phone, ownerName) {
      const bot = await env.h.call('bots:create', { name: 'Shop', kind: 'whatsapp' });
      await env.h.call('bots:start', { botId: bot.id });
      const linking = await env.waitForBot(bot.id, (b) => b.link?.qr != null);
      await env.server.scanQr(linking.link?.qr ?? '', phone, ownerName);
      return env.waitForBot(bot.id, (b) => b.status === 'online');
    },
    async linkContact(phone, name) {
      const contact = await Contact.link(env.server, phone, name);
      contacts.push(contact);
      return contact;
    },
  };

  beforeEach(async () => {
    server = await WaServer.start(setup.server);
    h = await createHarness({
      clock: systemClock,
      baileys: { waWebSocketUrl: server.url, rootPublicKeyHex: setup.trustedRoot?.(server) ?? server.rootPublicKeyHex },
    });
  });

  afterEach(async (context) => {
    await h?.dispose();
    await Promise.all(contacts.splice(0).map((c) => c.close()));
    await server?.close();
    if (context.task.result?.state === 'fail' || process.env.WA_TRACE) console.log(server?.trace.format());
    expect(server?.trace.errors).toEqual([]);
  });

  return env;
};
