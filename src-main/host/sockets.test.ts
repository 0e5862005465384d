import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES, MAX_FRAME_BYTES } from '../../src-shared/frames';
import { connect, startTestHost, TEST_TOKEN, type Frame, type TestHost } from './testing/test-host';

/** Over a real socket to the real host: one client's frames cost at most that client its socket. */

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(async () => {
  await t.dispose();
});

const isReply = (id: number) => (frame: Frame) => frame.type === 'reply' && frame.id === id;

/** The host still answers a fresh client: it is alive and serving. */
const expectServing = async () => {
  const client = await connect(t.wsUrl());
  client.ws.send(JSON.stringify({ type: 'call', id: 1, name: 'bots:list', input: {} }));
  const frame = await client.next(isReply(1));
  expect(frame.reply).toMatchObject({ ok: true });
  client.ws.close();
};

const linesLike = (text: string) => t.logs.filter((line) => line.includes(text));

describe('frames that are not calls', () => {
  it.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['a number', '42'],
    ['a string', '"bots:list"'],
    ['not JSON', '{"type":'],
    ['another frame type', '{"type":"event","name":"x"}'],
  ])('%s gets a bad_frame error frame and the socket stays open', async (_what, text) => {
    const client = await connect(t.wsUrl());
    client.ws.send(text);
    const frame = await client.next((f) => f.type === 'error');
    expect(frame).toMatchObject({ type: 'error', code: 'bad_frame' });
    expect(frame.message).toContain('"type":"call"');
    // The same socket still takes calls.
    client.ws.send(JSON.stringify({ type: 'call', id: 2, name: 'bots:list', input: {} }));
    expect((await client.next(isReply(2))).reply).toMatchObject({ ok: true });
    client.ws.close();
  });

  it('a binary frame gets a bad_frame error frame', async () => {
    const client = await connect(t.wsUrl());
    client.ws.send(Buffer.from('{"type":"call","id":1,"name":"bots:list","input":{}}'), { binary: true });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'bad_frame' });
    client.ws.close();
  });
});

describe('call ids', () => {
  it.each([
    ['1e309 (Infinity once parsed)', '1e309'],
    ['2**60 (not exact in JSON)', String(2 ** 60)],
    ['a negative number', '-1'],
    ['a fraction', '1.5'],
    ['a string', '"7"'],
    ['null', 'null'],
  ])('%s is refused with bad_id saying what an id must be', async (_what, id) => {
    const client = await connect(t.wsUrl());
    client.ws.send(`{"type":"call","id":${id},"name":"bots:list","input":{}}`);
    const frame = await client.next();
    expect(frame).toMatchObject({ type: 'error', code: 'bad_id' });
    expect(frame.message).toContain(`from 0 to ${Number.MAX_SAFE_INTEGER}`);
    // Never a reply the client would read as id null.
    expect(client.frames.some((f) => f.type === 'reply')).toBe(false);
    client.ws.close();
  });

  it('the largest safe id is answered with that id', async () => {
    const client = await connect(t.wsUrl());
    const id = Number.MAX_SAFE_INTEGER;
    client.ws.send(JSON.stringify({ type: 'call', id, name: 'bots:list', input: {} }));
    expect((await client.next(isReply(id))).reply).toMatchObject({ ok: true });
    client.ws.close();
  });

  it('a good id without a name is answered as that call, with invalid_input', async () => {
    const client = await connect(t.wsUrl());
    client.ws.send(JSON.stringify({ type: 'call', id: 9, input: {} }));
    const frame = await client.next(isReply(9));
    expect(frame.reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    client.ws.close();
  });
});

describe('frames the socket itself refuses', () => {
  it('text that is not UTF-8 closes that socket with 1007, logs one line, and the host keeps serving', async () => {
    const before = linesLike('Closed a WebSocket client because').length;
    const client = await connect(t.wsUrl());
    client.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await client.closed).code).toBe(CLOSE_CODES.invalidText);
    const lines = linesLike('Closed a WebSocket client because');
    expect(lines.length - before).toBe(1);
    expect(lines.at(-1)).toContain('UTF-8');
    await expectServing();
  });

  it('a frame over MAX_FRAME_BYTES closes that socket with 1009, logs one line without the token', async () => {
    const before = linesLike('Closed a WebSocket client because').length;
    const client = await connect(t.wsUrl());
    const input = { csv: 'x'.repeat(MAX_FRAME_BYTES) };
    client.ws.send(JSON.stringify({ type: 'call', id: 1, name: 'contacts:import', input }));
    expect((await client.closed).code).toBe(CLOSE_CODES.tooLarge);
    const lines = linesLike('Closed a WebSocket client because');
    expect(lines.length - before).toBe(1);
    expect(lines.at(-1)).toContain('over 2 MiB');
    expect(t.logs.join('\n')).not.toContain(TEST_TOKEN);
    await expectServing();
  });

  it('a frame of exactly MAX_FRAME_BYTES is still read', async () => {
    const client = await connect(t.wsUrl());
    const envelope = JSON.stringify({ type: 'call', id: 3, name: 'bots:list', input: { pad: '' } });
    const frame = envelope.replace('"pad":""', `"pad":"${'x'.repeat(MAX_FRAME_BYTES - envelope.length)}"`);
    expect(Buffer.byteLength(frame)).toBe(MAX_FRAME_BYTES);
    client.ws.send(frame);
    // bots:list takes no fields: the engine read the frame and refused the input.
    expect((await client.next(isReply(3))).reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    client.ws.close();
  });
});

describe('a client that stops reading', () => {
  it('is closed with a reason once its send buffer is over the bound; others keep their events', async () => {
    const slow = await connect(t.wsUrl());
    const fast = await connect(t.wsUrl());
    // The slow client's socket stops reading: the host's send buffer for it fills.
    const rawSocket = (slow.ws as unknown as { _socket: Socket })._socket;
    rawSocket.pause();

    const dropped = () => linesLike('stopped reading').length > 0;
    const payload = 'p'.repeat(64 * 1024);
    const capBytes = 160 * 1024 * 1024;
    let emitted = 0;
    while (!dropped() && emitted < capBytes) {
      for (let i = 0; i < 16; i++) t.harness.engine.events.emit('contacts:changed', { botId: payload });
      emitted += 16 * payload.length;
      // Let the sockets move data (and the fast client read) between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    expect(dropped(), `not closed after ${emitted / 2 ** 20} MiB of events`).toBe(true);
    expect(linesLike('stopped reading')).toHaveLength(1);

    t.harness.engine.events.emit('contacts:changed', { botId: 'after-drop' });
    const isAfter = (f: Frame) => f.type === 'event' && (f.payload as { botId?: string }).botId === 'after-drop';
    await fast.next(isAfter, 20_000);

    rawSocket.resume();
    const closed = await slow.closed;
    expect(closed.code).toBe(CLOSE_CODES.tooSlow);
    expect(closed.reason).toContain('reconnect');
    expect(slow.frames.some(isAfter)).toBe(false);
    expect(linesLike('stopped reading')).toHaveLength(1);
    fast.ws.close();
  }, 60_000);
});

describe('close', () => {
  it('ends promptly with clients connected, one of them stuck mid-close', async () => {
    const own = await startTestHost({ maxBufferedBytes: 1024 * 1024 });
    const stuck = await connect(own.wsUrl());
    const idle = await connect(own.wsUrl());
    (stuck.ws as unknown as { _socket: Socket })._socket.pause();
    const payload = 'p'.repeat(64 * 1024);
    for (let sent = 0; !own.logs.some((line) => line.includes('stopped reading')); sent += 16 * payload.length) {
      if (sent > 160 * 1024 * 1024) throw new Error('The stuck client was never closed.');
      for (let i = 0; i < 16; i++) own.harness.engine.events.emit('contacts:changed', { botId: payload });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const startedAt = Date.now();
    await own.dispose();
    // ws would wait up to 30 s for the stuck client to answer its close frame.
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect((await idle.closed).code).toBe(1006);
  }, 30_000);
});
