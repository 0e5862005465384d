import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../src-shared/contract';
import { connect, rawGet, startTestHost, type TestClient, type TestHost } from '../host/testing/test-host';
import { fuzzParams, report } from './settings';

/**
 * Generated frames and requests against the real headless host over real sockets: JSON of any
 * shape, calls with any name, id and input, binary frames, text that is not UTF-8, frames near
 * and over the cap, odd paths and headers. Properties: the host keeps answering (a probe call
 * after every input gets its reply), every frame it sends is JSON of a known type, and a call's
 * refusal carries a code and a message.
 */
let t: TestHost;
let client: TestClient;
let inputs = 0;
let worstMs = 0;
const names = Object.keys(calls);

beforeAll(async () => {
  t = await startTestHost();
  client = await connect(t.wsUrl());
});
afterAll(async () => {
  report('host', { inputs, failures: 0, worstMs });
  client.ws.terminate();
  await t.dispose();
});

type Sent = { text: string } | { bytes: Uint8Array; binary: boolean };

const callFrame = fc
  .record(
    {
      type: fc.oneof(fc.constant('call'), fc.jsonValue()),
      id: fc.oneof(fc.nat(), fc.double(), fc.constantFrom(-1, 2 ** 60, '7', null), fc.jsonValue()),
      name: fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 20 }), fc.jsonValue()),
      input: fc.jsonValue({ maxDepth: 4 }),
    },
    { requiredKeys: [] },
  )
  .map((frame): Sent => ({ text: JSON.stringify(frame) }));

const frame: fc.Arbitrary<Sent> = fc.oneof(
  callFrame,
  fc.jsonValue().map((v): Sent => ({ text: JSON.stringify(v) ?? 'null' })),
  fc.string({ maxLength: 200 }).map((text): Sent => ({ text })),
  fc.constantFrom<Sent>({ text: 'null' }, { text: '' }, { text: '{"type":"call","id":1e309,"name":"bots:list"}' }),
  fc.uint8Array({ maxLength: 300 }).map((bytes): Sent => ({ bytes, binary: true })),
  // Text frames whose bytes are not UTF-8: the host closes with 1007, and must survive it.
  fc
    .uint8Array({ minLength: 1, maxLength: 50 })
    .map((bytes): Sent => ({ bytes: Uint8Array.from([0xc3, 0x28, ...bytes]), binary: false })),
  fc.constantFrom<Sent>({ text: 'x'.repeat(2 * 1024 * 1024 + 1) }),
);

let probeId = 1_000_000;
/** One call that must be answered: the host is alive and serving this socket. */
const probe = async (): Promise<void> => {
  for (let attempt = 0; ; attempt++) {
    if (client.ws.readyState !== client.ws.OPEN) client = await connect(t.wsUrl());
    const id = probeId++;
    const started = performance.now();
    client.ws.send(JSON.stringify({ type: 'call', id, name: 'bots:list', input: {} }));
    // The input may have made the host close this socket (1007, 1009): then a new one must work.
    const reply = await Promise.race([client.next((f) => f.type === 'reply' && f.id === id, 5_000), client.closed]);
    if ('code' in reply && attempt === 0) continue;
    worstMs = Math.max(worstMs, performance.now() - started);
    expect(reply).toMatchObject({ reply: { ok: true } });
    return;
  }
};

const wellFormed = (f: Record<string, unknown>): boolean => {
  if (f.type === 'event') return typeof f.name === 'string';
  if (f.type === 'error') return typeof f.code === 'string' && typeof f.message === 'string';
  if (f.type !== 'reply') return false;
  const reply = f.reply as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (reply.ok === true) return true;
  return reply.ok === false && typeof reply.error?.code === 'string' && String(reply.error.message).length > 5;
};

describe('the headless host with generated frames', () => {
  it('keeps answering and only ever sends well-formed frames', async () => {
    await fc.assert(
      fc.asyncProperty(frame, async (sent) => {
        inputs += 1;
        if (client.ws.readyState !== client.ws.OPEN) client = await connect(t.wsUrl());
        const before = client.frames.length;
        if ('text' in sent) client.ws.send(sent.text);
        else client.ws.send(sent.bytes, { binary: sent.binary });
        await probe();
        for (const f of client.frames.slice(before)) expect(wellFormed(f), JSON.stringify(f).slice(0, 300)).toBe(true);
      }),
      fuzzParams(300),
    );
  });

  it('answers any path and Host header with a status, never by falling over', async () => {
    const path = fc.oneof(
      fc.string({ maxLength: 40 }).map((s) => `/${encodeURI(s)}`),
      fc.constantFrom(
        '/%',
        '/%E0%A4%A',
        '//',
        '//[',
        '/..%2f..%2fetc/passwd',
        '/ws?token=%',
        '/api/session',
        '/\u0000',
      ),
      fc.stringMatching(/^\/[%A-Za-z0-9./?=&#-]{0,30}$/),
    );
    const host = fc.constantFrom(`127.0.0.1:${0}`, 'LOCALHOST', 'evil.example', '', '[::1]');
    await fc.assert(
      fc.asyncProperty(path, host, async (p, h) => {
        inputs += 1;
        const headers: Record<string, string> =
          h === '' ? {} : { host: h.replace(':0', `:${t.host.port}`).replace('LOCALHOST', `LOCALHOST:${t.host.port}`) };
        const res = await rawGet(t.host.port, p.replace(/[^\x21-\x7e]/g, ''), headers).catch(() => ({
          status: 0,
          body: '',
        }));
        expect(res.status === 0 || (res.status >= 200 && res.status < 500), `${p} → ${res.status}`).toBe(true);
        await probe();
      }),
      fuzzParams(200),
    );
  });
});
