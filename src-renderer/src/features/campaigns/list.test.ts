import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../../src-shared/campaigns';
import { newDraft } from './draft';
import { applyProgress } from './list';

const campaign = (id: number, patch: Partial<Campaign> = {}): Campaign => ({
  id,
  botId: 'b1',
  name: `C${id}`,
  status: 'running',
  draft: newDraft('UTC'),
  note: null,
  total: 10,
  counts: { queued: 10, sending: 0, sent: 0, delivered: 0, read: 0, failed: 0, cancelled: 0 },
  excluded: {},
  createdAt: id * 1000,
  startedAt: null,
  finishedAt: null,
  expectedFinishAt: null,
  problem: null,
  ...patch,
});

describe('applyProgress', () => {
  it('updates the campaign in place', () => {
    const list = [campaign(2), campaign(1)];
    const next = applyProgress(list, 'b1', campaign(1, { status: 'paused', note: 'Daily cap reached' }));
    expect(next.map((c) => [c.id, c.status])).toEqual([
      [2, 'running'],
      [1, 'paused'],
    ]);
    expect(next[1]?.note).toBe('Daily cap reached');
  });
  it('adds a new campaign newest first', () => {
    expect(applyProgress([campaign(1)], 'b1', campaign(3)).map((c) => c.id)).toEqual([3, 1]);
  });
  it("ignores another bot's campaign", () => {
    expect(applyProgress([campaign(1)], 'b1', campaign(5, { botId: 'b2' })).map((c) => c.id)).toEqual([1]);
  });
});
