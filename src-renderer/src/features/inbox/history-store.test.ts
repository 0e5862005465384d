import { beforeEach, describe, expect, it } from 'vitest';
import { syncLine, useHistoryStore } from './history-store';

const store = () => useHistoryStore.getState();

beforeEach(() => useHistoryStore.setState({ syncing: {} }));

describe('history sync progress', () => {
  it('shows how far a batch is, keeps the banner between the phone’s batches, and drops it at the end', () => {
    store().receive({ botId: 'b', stored: 1_200, total: 5_000, phoneProgress: 50, done: false });
    expect(syncLine(store().syncing.b ?? { stored: 0, total: 0, phoneProgress: null })).toBe(
      '1,200 of 5,000 · phone 50%',
    );
    store().receive({ botId: 'b', stored: 5_000, total: 5_000, phoneProgress: 50, done: true });
    expect(store().syncing.b).toMatchObject({ stored: 5_000 });
    store().receive({ botId: 'b', stored: 3_000, total: 3_000, phoneProgress: 100, done: true });
    expect(store().syncing.b).toBeUndefined();
  });

  it('ends a batch whose phone gave no progress figure', () => {
    store().receive({ botId: 'b', stored: 10, total: 40, phoneProgress: null, done: false });
    store().receive({ botId: 'b', stored: 40, total: 40, phoneProgress: null, done: true });
    expect(store().syncing).toEqual({});
  });
});
