import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from './connection';
import { createSocketConnection } from './socket-connection';

/** A WebSocket stand-in the test drives by hand: open, receive, drop. */
class FakeSocket {
  static readonly OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(frame: string) {
    this.sent.push(JSON.parse(frame));
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

const latest = () => {
  const socket = FakeSocket.all.at(-1);
  if (!socket) throw new Error('no socket yet');
  return socket;
};

const setup = (status = () => 200, token: string | null = 'tok en') => {
  const fetch = vi.fn(() => Promise.resolve({ status: status() } as Response));
  const states: ConnectionState[] = [];
  const connection = createSocketConnection({
    token,
    host: '127.0.0.1:4000',
    secure: false,
    fetch,
    WebSocket: FakeSocket as unknown as typeof WebSocket,
  });
  connection.onState((s) => states.push(s));
  return { connection, fetch, states };
};

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('socket connection', () => {
  it('checks the session with the token, then opens the socket with it', async () => {
    const { fetch, connection } = setup();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledWith(
      '/api/session',
      expect.objectContaining({ headers: { Authorization: 'Bearer tok en' } }),
    );
    expect(latest().url).toBe('ws://127.0.0.1:4000/ws?token=tok%20en');
    latest().open();
    expect(connection.getState()).toBe('open');
  });

  it('holds calls until the socket opens, then matches replies by id', async () => {
    const { connection } = setup();
    const reply = connection.channel.invoke('bots:list', {});
    await vi.advanceTimersByTimeAsync(0);
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent).toEqual([{ type: 'call', id: 1, name: 'bots:list', input: {} }]);
    latest().receive({ type: 'reply', id: 1, reply: { ok: true, value: [] } });
    await expect(reply).resolves.toEqual({ ok: true, value: [] });
  });

  it('refuses a call too large for one frame itself, instead of having the host close the socket', async () => {
    const { connection } = setup();
    await vi.advanceTimersByTimeAsync(0);
    latest().open();
    const reply = await connection.channel.invoke('contacts:import-preview', {
      botId: 'b',
      csv: 'é'.repeat(1_100_000),
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/too much/) },
    });
    expect(latest().sent).toEqual([]);
    // Calls after it go through as usual.
    void connection.channel.invoke('bots:list', {});
    expect(latest().sent).toEqual([{ type: 'call', id: 2, name: 'bots:list', input: {} }]);
  });

  it('delivers events to subscribers and ignores malformed frames', async () => {
    const { connection } = setup();
    const seen: unknown[] = [];
    connection.channel.subscribe((name, payload) => seen.push([name, payload]));
    await vi.advanceTimersByTimeAsync(0);
    latest().open();
    latest().onmessage?.({ data: 'not json' });
    latest().receive({ type: 'mystery' });
    latest().receive({ type: 'event', name: 'bot:removed', payload: { botId: 'b1' } });
    expect(seen).toEqual([['bot:removed', { botId: 'b1' }]]);
  });

  it('fails sent calls when the socket drops, keeps unsent ones, and reconnects with backoff', async () => {
    const { connection, states } = setup();
    await vi.advanceTimersByTimeAsync(0);
    latest().open();
    const sent = connection.channel.invoke('bots:list', {});
    latest().drop();
    await expect(sent).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'Lost the connection to Wren.' },
    });
    expect(states).toEqual(['open', 'reconnecting']);

    const waiting = connection.channel.invoke('bots:get', { botId: 'b1' });
    await vi.advanceTimersByTimeAsync(499);
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all).toHaveLength(2);
    latest().drop();
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeSocket.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all).toHaveLength(3);

    latest().open();
    expect(latest().sent).toEqual([{ type: 'call', id: 2, name: 'bots:get', input: { botId: 'b1' } }]);
    latest().receive({ type: 'reply', id: 2, reply: { ok: true, value: 'fine' } });
    await expect(waiting).resolves.toEqual({ ok: true, value: 'fine' });
    expect(states.at(-1)).toBe('open');
  });

  it('caps the backoff at five seconds', async () => {
    setup(() => 503);
    await vi.advanceTimersByTimeAsync(0);
    const fetchTimes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const before = Date.now();
      await vi.advanceTimersToNextTimerAsync();
      fetchTimes.push(Date.now() - before);
    }
    expect(fetchTimes).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('is refused on 401, and so are calls made after', async () => {
    const { connection } = setup(() => 401);
    const pending = connection.channel.invoke('bots:list', {});
    await vi.advanceTimersByTimeAsync(0);
    expect(connection.getState()).toBe('refused');
    expect(FakeSocket.all).toHaveLength(0);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await expect(connection.channel.invoke('bots:list', {})).resolves.toMatchObject({ ok: false });
  });

  it('is refused at once without a token', async () => {
    const { connection, fetch } = setup(() => 200, null);
    await vi.advanceTimersByTimeAsync(0);
    expect(connection.getState()).toBe('refused');
    expect(fetch).not.toHaveBeenCalled();
  });
});
