import type { StoreApi } from 'zustand';
import type { ChatKey, SearchHit } from '../../../../src-shared/inbox';
import { nextSeq } from './seq';
import type { InboxState } from './store';

/** Message search results for one bot and query, paged by key as the list scrolls. */
export type SearchState = {
  botId: string;
  query: string;
  hits: SearchHit[];
  nextBefore: ChatKey | null;
  status: 'loading' | 'ready' | 'error';
  loadingMore: boolean;
  error: string | null;
  seq: number;
};

export type SearchActions = {
  beginSearch: (botId: string, query: string) => number;
  applySearch: (seq: number, page: { items: SearchHit[]; nextBefore: ChatKey | null }, more: boolean) => void;
  patchSearch: (seq: number, patch: Partial<SearchState>) => void;
  clearSearch: () => void;
};

export const searchReducers = (set: StoreApi<InboxState>['setState']): SearchActions => ({
  beginSearch(botId, query) {
    const seq = nextSeq();
    const base = { botId, query, hits: [], nextBefore: null, loadingMore: false, error: null, seq };
    set({ search: { ...base, status: 'loading' } });
    return seq;
  },

  applySearch(seq, page, more) {
    set((s) => {
      // A reply for an older query (the person kept typing) is dropped.
      if (!s.search || s.search.seq !== seq) return s;
      const hits = more ? [...s.search.hits, ...page.items] : page.items;
      return { search: { ...s.search, hits, nextBefore: page.nextBefore, status: 'ready', loadingMore: false } };
    });
  },

  patchSearch(seq, patch) {
    set((s) => (s.search?.seq === seq ? { search: { ...s.search, ...patch } } : s));
  },

  clearSearch: () => set({ search: null }),
});
