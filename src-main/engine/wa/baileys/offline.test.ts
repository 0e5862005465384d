import Database from 'better-sqlite3';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../clock';
import { migrate } from '../../db/migrate';
import { createAuthStore } from '../auth-store';
import type { ConnectionEvent } from '../transport';
import { createBaileysTransport } from './transport';

/**
 * A PC with no internet, for real: Baileys dials a host whose name cannot resolve (`.invalid` is
 * reserved and never resolves, RFC 6761), exactly as web.whatsapp.com fails with no network.
 */
describe('Baileys on a PC that cannot reach WhatsApp', () => {
  it('closes as offline (getaddrinfo ENOTFOUND), not as a lost connection', async () => {
    const sqlite = new Database(':memory:');
    migrate(sqlite);
    sqlite
      .prepare(
        "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES ('bot', 'Bot', 'whatsapp', 'stopped', 0, 0, 0)",
      )
      .run();
    const transport = createBaileysTransport({
      authStore: createAuthStore(sqlite, 'bot'),
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      waWebSocketUrl: 'wss://web.wren-offline.invalid/ws/chat',
    });
    const closed = new Promise<Extract<ConnectionEvent, { state: 'close' }>>((resolve) =>
      transport.on('connection', (event) => {
        if (event.state === 'close') resolve(event);
      }),
    );
    await transport.connect();
    const event = await closed;
    expect(event.reason).toBe('offline');
    expect(event.detail).toMatch(/ENOTFOUND|EAI_AGAIN/);
    await transport.close();
    sqlite.close();
  });
});
