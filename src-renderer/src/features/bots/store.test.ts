import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bot, BotEvent } from '../../../../src-shared/bots';
import { freshness } from './freshness';
import { useBotsStore } from './store';

const call = vi.fn();
vi.mock('../../contract', () => ({ getClient: () => ({ call, on: () => () => {} }) }));

const bot = (id: string, patch: Partial<Bot> = {}): Bot => ({
  id,
  name: id,
  kind: 'demo',
  status: 'created',
  statusReason: null,
  phone: null,
  features: {},
  link: null,
  nextRetryAt: null,
  createdAt: Number(id.replace(/\D/g, '')) || 1,
  lastOnlineAt: null,
  ...patch,
});

const event = (id: number, patch: Partial<BotEvent> = {}): BotEvent => ({
  id,
  botId: 'b1',
  ts: id * 1000,
  kind: 'info',
  level: 'info',
  message: `event ${id}`,
  ...patch,
});

/** A promise the test settles by hand, to interleave replies with events. */
const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

const state = () => useBotsStore.getState();

beforeEach(() => {
  call.mockReset();
  useBotsStore.setState({ byId: {}, ids: [], logs: {}, listStatus: 'idle', selectedId: null, freshId: null });
});

describe('bots store', () => {
  it('loads the list ordered by creation', async () => {
    call.mockResolvedValueOnce([bot('b2'), bot('b1')]);
    await state().load();
    expect(state().ids).toEqual(['b1', 'b2']);
    expect(state().listStatus).toBe('ready');
  });

  it('keeps what events said while the list was on its way', async () => {
    const list = deferred<Bot[]>();
    call.mockReturnValueOnce(list.promise);
    const loading = state().load();
    state().receiveStatus(bot('b1', { status: 'online' }));
    state().receiveRemoved('b2');
    state().receiveStatus(bot('b3'));
    list.resolve([bot('b1', { status: 'linking' }), bot('b2')]);
    await loading;
    expect(state().ids).toEqual(['b1', 'b3']);
    expect(state().byId.b1?.status).toBe('online');
  });

  it('ignores a reply that an event has overtaken', () => {
    const mark = freshness.mark();
    state().receiveStatus(bot('b1', { status: 'online', phone: '+447911123456' }));
    state().applyReply(bot('b1', { status: 'connecting' }), mark);
    expect(state().byId.b1?.status).toBe('online');
    state().applyReply(bot('b1', { name: 'Renamed', status: 'online' }), freshness.mark());
    expect(state().byId.b1?.name).toBe('Renamed');
  });

  it('forgets a removed bot everywhere', () => {
    state().receiveStatus(bot('b1'));
    state().select('b1');
    state().openLinking('b1');
    state().receiveRemoved('b1');
    expect(state()).toMatchObject({ ids: [], selectedId: null, linkingId: null });
  });
});

describe('event log', () => {
  it('pages newest first and adds live events that match the filter', async () => {
    call.mockResolvedValueOnce({ items: [event(3), event(2)], nextBefore: { ts: 2000, id: 2 } });
    await state().loadLog('b1', 'all');
    expect(call).toHaveBeenLastCalledWith('bots:events', { botId: 'b1', kinds: undefined, limit: 50 });

    call.mockResolvedValueOnce({ items: [event(1)], nextBefore: null });
    await state().loadOlder('b1');
    expect(call).toHaveBeenLastCalledWith('bots:events', {
      botId: 'b1',
      kinds: undefined,
      before: { ts: 2000, id: 2 },
      limit: 50,
    });

    state().receiveEvent(event(4));
    state().receiveEvent(event(4));
    state().receiveEvent(event(5, { botId: 'b2' }));
    const log = state().logs.b1;
    expect(log?.items.map((e) => e.id)).toEqual([4, 3, 2, 1]);
    expect(log?.nextBefore).toBeNull();
  });

  it('drops a slow page for a filter that is no longer chosen', async () => {
    const slow = deferred<{ items: BotEvent[]; nextBefore: null }>();
    call.mockReturnValueOnce(slow.promise);
    const first = state().loadLog('b1', 'all');
    call.mockResolvedValueOnce({ items: [event(9, { kind: 'error', level: 'error' })], nextBefore: null });
    await state().loadLog('b1', 'error');
    slow.resolve({ items: [event(1)], nextBefore: null });
    await first;
    expect(state().logs.b1?.items.map((e) => e.id)).toEqual([9]);

    state().receiveEvent(event(10));
    state().receiveEvent(event(11, { kind: 'error', level: 'error' }));
    expect(state().logs.b1?.items.map((e) => e.id)).toEqual([11, 9]);
  });
});
