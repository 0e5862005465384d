import { describe, expect, it } from 'vitest';
import {
  EMPTY_SELECTION,
  dropIds,
  isSelected,
  selectedCount,
  toCallSelection,
  toggle,
  toggleLoaded,
} from './selection';

const filter = { botId: 'b1', query: 'ana', tag: null, optedOut: 'any' as const };

describe('contact selection', () => {
  it('ticks and unticks single rows', () => {
    const one = toggle(EMPTY_SELECTION, 3, [1, 2, 3]);
    expect(isSelected(one, 3)).toBe(true);
    expect(selectedCount(one, 500)).toBe(1);
    expect(isSelected(toggle(one, 3, [1, 2, 3]), 3)).toBe(false);
  });

  it('"select all matching" counts the whole filter and sends the filter, not ids', () => {
    const all = { mode: 'all' } as const;
    expect(selectedCount(all, 1234)).toBe(1234);
    expect(isSelected(all, 999)).toBe(true);
    expect(toCallSelection(all, filter)).toEqual({ filter });
  });

  it('unticking a row of "all matching" keeps the other loaded rows ticked', () => {
    const next = toggle({ mode: 'all' }, 2, [1, 2, 3]);
    expect(toCallSelection(next, filter)).toEqual({ ids: [1, 3] });
  });

  it('the header box ticks every loaded row, then clears', () => {
    const all = toggleLoaded(EMPTY_SELECTION, [1, 2]);
    expect(selectedCount(all, 10)).toBe(2);
    expect(selectedCount(toggleLoaded(all, [1, 2]), 10)).toBe(0);
    expect(selectedCount(toggleLoaded(EMPTY_SELECTION, []), 10)).toBe(0);
  });

  it('deleted rows leave the selection', () => {
    const sel = toggleLoaded(EMPTY_SELECTION, [1, 2, 3]);
    expect(toCallSelection(dropIds(sel, [2]), filter)).toEqual({ ids: [1, 3] });
    expect(selectedCount(dropIds({ mode: 'all' }, []), 5)).toBe(0);
  });
});
