/**
 * What a user sees when Wren cannot verify the WhatsApp server it reached (here: a protocol
 * server whose certificates come from a root Wren does not trust). The transport-level cases,
 * one per way a server can fail, are in server-auth.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { BotEvent } from '../../src-shared/bots';
import { useEngineOnServer } from './engine-on-server';
import { generateKeyPair } from './keys';

const env = useEngineOnServer({ trustedRoot: () => generateKeyPair().public.toString('hex') });

describe('a WhatsApp bot reaching a server it cannot verify', () => {
  it('never shows a QR or links, says why in plain words and in its log, and retries only with backoff', async () => {
    const bot = await env.h.call('bots:create', { name: 'Shop', kind: 'whatsapp' });
    const log: BotEvent[] = [];
    env.h.engine.events.on('bot:event', ({ event }) => {
      if (event.botId === bot.id) log.push(event);
    });
    await env.h.call('bots:start', { botId: bot.id });
    const shown = await env.waitForBot(bot.id, (b) => b.status === 'reconnecting');
    expect(shown.statusReason).toBe("Could not verify WhatsApp's server — check your network.");
    expect(shown.nextRetryAt).toEqual(expect.any(Number));
    expect(shown.link).toBeNull();
    expect(log.map((e) => e.message)).toContain(
      'Connection closed: server-unverified — the intermediate certificate is not signed by the WhatsApp root.',
    );
    expect(env.server.directory.account('447911123401')).toBeUndefined();
    expect(env.server.trace.list().filter((e) => e.summary.startsWith('noise client finish'))).toEqual([]);
  });
});
