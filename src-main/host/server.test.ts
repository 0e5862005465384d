import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../engine/testing/engine-harness';
import { silentLogger } from '../engine/log/logger';
import { startHost } from './server';
import { handshakeStatus, rawGet, startTestHost, type TestHost } from './testing/test-host';

/** The host's HTTP side and its handshake checks, over real sockets. */

let t: TestHost;
let hostHeader: string;
beforeAll(async () => {
  t = await startTestHost();
  hostHeader = `127.0.0.1:${t.host.port}`;
});
afterAll(async () => {
  await t.dispose();
});

describe('malformed addresses', () => {
  it.each(['/%', '/%E0%A4%A', '/assets/%zz.js', '/a%00b'])(
    'GET %s is a 400 with a plain message, and the host keeps serving',
    async (path) => {
      const response = await rawGet(t.host.port, path, { Host: hostHeader });
      expect(response.status).toBe(400);
      expect(response.body).toContain('malformed');
      expect((await rawGet(t.host.port, '/', { Host: hostHeader })).status).toBe(200);
    },
  );

  it.each(['//', '//[', '//evil.example/x'])('GET %s is read as a path on this host, not a crash', async (path) => {
    // `new URL('//', base)` throws: read relative to a base, these once ended the process.
    const response = await rawGet(t.host.port, path, { Host: hostHeader });
    expect(response.status).toBe(200);
    expect(response.body).toContain('<title>Wren</title>');
  });

  it('a WebSocket upgrade to a malformed address is refused and the host keeps serving', async () => {
    const url = `ws://127.0.0.1:${t.host.port}//?token=${t.host.token}`;
    expect(await handshakeStatus(url)).toBe(401);
    expect(await handshakeStatus(t.wsUrl())).toBe(101);
  });
});

describe('host names', () => {
  it.each(['LOCALHOST', 'LocalHost', 'localhost', '127.0.0.1', '[::1]'])(
    'Host %s:port is ours (host names ignore case)',
    async (name) => {
      const response = await rawGet(t.host.port, '/', { Host: `${name}:${t.host.port}` });
      expect(response.status).toBe(200);
    },
  );

  it.each(['evil.example', 'localhost.evil.example', '127.0.0.1'])(
    'Host %s on another port, or another name, is refused (DNS rebinding)',
    async (name) => {
      const port = name === '127.0.0.1' ? t.host.port + 1 : t.host.port;
      expect((await rawGet(t.host.port, '/', { Host: `${name}:${port}` })).status).toBe(403);
    },
  );

  it.each(['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]'])(
    'a WebSocket from the page at http://%s:port is accepted, as HTTP accepts that host',
    async (name) => {
      const origin = `http://${name}:${t.host.port}`;
      expect(await handshakeStatus(t.wsUrl(), { origin })).toBe(101);
      expect(await handshakeStatus(t.wsUrl(), { origin, headers: { Host: `${name}:${t.host.port}` } })).toBe(101);
    },
  );

  it.each(['http://evil.example', `https://127.0.0.1`, 'null'])('a WebSocket from %s is refused', async (origin) => {
    const withPort = origin === 'null' ? origin : `${origin}:${t.host.port}`;
    expect(await handshakeStatus(t.wsUrl(), { origin: withPort })).toBe(401);
  });

  it('a WebSocket under a foreign Host header is refused even with the token', async () => {
    expect(await handshakeStatus(t.wsUrl(), { headers: { Host: `evil.example:${t.host.port}` } })).toBe(401);
  });
});

describe('the token', () => {
  it('a wrong or missing token is refused, the right one accepted', async () => {
    expect(await handshakeStatus(t.wsUrl('wrong-token-wrong-token-wrong'))).toBe(401);
    expect(await handshakeStatus(`ws://127.0.0.1:${t.host.port}/ws`)).toBe(401);
    expect(await handshakeStatus(t.wsUrl())).toBe(101);
  });

  it('startHost refuses a token shorter than 24 characters, saying what to set', async () => {
    const harness = await createHarness();
    try {
      const start = startHost({ engine: harness.engine, logger: silentLogger(), rendererDir: '.', token: 'short' });
      await expect(start).rejects.toThrow(/5 characters long; set it to at least 24 random characters/);
    } finally {
      await harness.dispose();
    }
  });

  it('startHost without a token makes a random one of the minimum length or more', async () => {
    const harness = await createHarness();
    const host = await startHost({ engine: harness.engine, logger: silentLogger(), rendererDir: '.' });
    try {
      expect(host.token.length).toBeGreaterThanOrEqual(24);
    } finally {
      await host.close();
      await harness.dispose();
    }
  });
});
