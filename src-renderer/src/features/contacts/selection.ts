import type { ContactFilter } from '../../../../src-shared/contacts';

/**
 * Which contacts the bulk bar acts on: ticked rows, or every contact matching the filter (the
 * list only holds the pages scrolled so far, so "all" cannot be a list of ids).
 */
export type Selection = { mode: 'ids'; ids: ReadonlySet<number> } | { mode: 'all' };

export const EMPTY_SELECTION: Selection = { mode: 'ids', ids: new Set() };

export const isSelected = (selection: Selection, id: number): boolean =>
  selection.mode === 'all' || selection.ids.has(id);

/** Unticking one row of "all matching" falls back to the rows loaded, minus that one. */
export const toggle = (selection: Selection, id: number, loadedIds: readonly number[]): Selection => {
  const ids = new Set(selection.mode === 'all' ? loadedIds : selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { mode: 'ids', ids };
};

/** Ticks every loaded row, or clears when all of them are ticked already. */
export const toggleLoaded = (selection: Selection, loadedIds: readonly number[]): Selection => {
  const all = loadedIds.length > 0 && loadedIds.every((id) => isSelected(selection, id));
  return all ? EMPTY_SELECTION : { mode: 'ids', ids: new Set(loadedIds) };
};

export const selectedCount = (selection: Selection, total: number): number =>
  selection.mode === 'all' ? total : selection.ids.size;

/** What the engine's bulk and export calls take. */
export const toCallSelection = (
  selection: Selection,
  filter: ContactFilter,
): { ids: number[] } | { filter: ContactFilter } =>
  selection.mode === 'all' ? { filter } : { ids: [...selection.ids] };

/** After a delete, the rows that are gone stop being selected. */
export const dropIds = (selection: Selection, gone: readonly number[]): Selection => {
  if (selection.mode === 'all') return EMPTY_SELECTION;
  const ids = new Set(selection.ids);
  for (const id of gone) ids.delete(id);
  return { mode: 'ids', ids };
};
