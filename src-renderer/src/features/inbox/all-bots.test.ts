import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Chat } from '../../../../src-shared/inbox';
import { inboxActions } from './actions';
import { ALL_BOTS } from './bot-choice';
import { useInboxStore } from './store';
import { makeChat } from './test-data';

const call = vi.fn();
vi.mock('../../contract', () => ({ getClient: () => ({ call, on: () => () => {} }) }));

const chat = (id: number, botId: string, patch: Partial<Chat> = {}): Chat =>
  makeChat({ id, botId, title: `Customer ${id}`, lastTs: id * 1_000, ...patch });

const store = () => useInboxStore.getState();
const allOrder = () => store().chatIdsByBot[ALL_BOTS];
const VIEW = { archived: false, query: '' };

/** A loaded list (a bot's, or "All bots"): the engine's first page. */
const loadList = (list: string, items: Chat[]) => {
  const seq = store().beginList(list, VIEW);
  store().applyListPage(list, seq, { items, nextBefore: null }, false);
};

beforeEach(() => {
  useInboxStore.setState(useInboxStore.getInitialState(), true);
  call.mockReset();
});

describe('inbox store: all bots', () => {
  it('places a live chat of any bot in the all-bots list, and in its own bot’s list where loaded', () => {
    loadList(ALL_BOTS, [chat(4, 'bot-2'), chat(2, 'bot-1')]);
    loadList('bot-1', [chat(2, 'bot-1')]);

    store().receiveChat(chat(5, 'bot-2', { unread: 1 }));
    expect(allOrder()).toEqual([5, 4, 2]);
    expect(store().chatIdsByBot['bot-1']).toEqual([2]);

    store().receiveChat(chat(2, 'bot-1', { lastTs: 9_000 }));
    expect(allOrder()).toEqual([2, 5, 4]);
    expect(store().chatIdsByBot['bot-1']).toEqual([2]);

    // Pinned chats of every bot stay on top, the newest pin first.
    store().receiveChat(chat(4, 'bot-2', { pinned: true }));
    expect(allOrder()).toEqual([4, 2, 5]);
    store().receiveChat(chat(1, 'bot-1', { archived: true }));
    expect(allOrder()).toEqual([4, 2, 5]);
  });

  it('drops a deleted bot’s chats from the all-bots list and keeps the others', () => {
    loadList(ALL_BOTS, [chat(3, 'bot-2'), chat(2, 'bot-1'), chat(1, 'bot-2')]);
    store().removeBot('bot-2');
    expect(allOrder()).toEqual([2]);
    expect(store().lists[ALL_BOTS]).toBeDefined();
  });

  it('takes "All bots" as a choice like a bot', () => {
    store().chooseBot(ALL_BOTS);
    expect(store().botId).toBe(ALL_BOTS);
  });
});

describe('inbox actions: all bots', () => {
  it('asks the engine for every bot’s chats with botId null, and pages on from the key', async () => {
    call.mockResolvedValueOnce({ items: [chat(9, 'bot-1'), chat(8, 'bot-2')], nextBefore: { ts: 8_000, id: 8 } });
    await inboxActions.loadChats(ALL_BOTS, VIEW);
    expect(call).toHaveBeenLastCalledWith('chats:list', { botId: null, archived: false, limit: 50 });

    call.mockResolvedValueOnce({ items: [chat(7, 'bot-2')], nextBefore: null });
    await inboxActions.loadMoreChats(ALL_BOTS);
    expect(call).toHaveBeenLastCalledWith('chats:list', {
      botId: null,
      archived: false,
      before: { ts: 8_000, id: 8 },
      limit: 50,
    });
    expect(allOrder()).toEqual([9, 8, 7]);
  });

  it('reloads the all-bots list when one bot’s chats changed at once', async () => {
    loadList(ALL_BOTS, [chat(1, 'bot-1')]);
    call.mockResolvedValue({ items: [chat(6, 'bot-2'), chat(1, 'bot-1')], nextBefore: null });
    await inboxActions.reloadBot('bot-2');
    // The bot's own first page (for the unread badge) and the all-bots list.
    expect(call.mock.calls.map(([, input]) => (input as { botId: string | null }).botId).sort()).toEqual([
      'bot-2',
      null,
    ]);
    expect(allOrder()).toEqual([6, 1]);
  });
});
