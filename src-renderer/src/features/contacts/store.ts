import { create } from 'zustand';
import type { Contact, ContactFilter } from '../../../../src-shared/contacts';
import { getClient } from '../../contract';
import { errorMessage } from '../../lib/errors';
import { recall, remember } from '../../lib/remembered';
import { EMPTY_SELECTION, type Selection } from './selection';

export const PAGE_SIZE = 100;
const LAST_BOT_KEY = 'wren.contacts.bot';

export type TagCount = { tag: string; count: number };
export type Progress = { done: number; total: number };
export type Outcome = { ok: true } | { ok: false; message: string };

type State = {
  botId: string | null;
  query: string;
  tag: string | null;
  optedOut: ContactFilter['optedOut'];
  contacts: Contact[];
  total: number;
  /** More pages after the last loaded row. */
  more: boolean;
  loading: boolean;
  error: string | null;
  tags: TagCount[];
  selection: Selection;
  /** The running import's progress, from 'contacts:import-progress'. */
  progress: Progress | null;
  choose: (botId: string | null) => void;
  setFilter: (patch: Partial<Pick<State, 'query' | 'tag' | 'optedOut'>>) => void;
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
  loadTags: () => Promise<void>;
  select: (selection: Selection) => void;
  receiveChanged: (botId: string) => void;
  receiveProgress: (botId: string, progress: Progress) => void;
  clearProgress: () => void;
};

export const currentFilter = (s: Pick<State, 'botId' | 'query' | 'tag' | 'optedOut'>): ContactFilter => ({
  botId: s.botId ?? '',
  query: s.query.trim(),
  tag: s.tag,
  optedOut: s.optedOut,
});

/** One bot's contacts at a time, paged by name as the list scrolls. */
export const useContactsStore = create<State>()((set, get) => {
  // Each reload gets a number: an answer for an older filter arriving late is dropped.
  let generation = 0;

  return {
    botId: recall(LAST_BOT_KEY),
    query: '',
    tag: null,
    optedOut: 'any',
    contacts: [],
    total: 0,
    more: false,
    loading: false,
    error: null,
    tags: [],
    selection: EMPTY_SELECTION,
    progress: null,
    choose(botId) {
      if (botId === get().botId && (get().contacts.length > 0 || get().loading)) return;
      remember(LAST_BOT_KEY, botId);
      set({
        botId,
        query: '',
        tag: null,
        optedOut: 'any',
        contacts: [],
        total: 0,
        tags: [],
        selection: EMPTY_SELECTION,
      });
      void get().reload();
      void get().loadTags();
    },
    setFilter(patch) {
      set({ ...patch, selection: EMPTY_SELECTION });
      void get().reload();
    },
    async reload() {
      const state = get();
      if (!state.botId) return;
      const mine = ++generation;
      set({ loading: true });
      try {
        const page = await getClient().call('contacts:list', { filter: currentFilter(state), limit: PAGE_SIZE });
        if (mine !== generation) return;
        set({
          contacts: page.contacts,
          total: page.total,
          more: page.contacts.length === PAGE_SIZE,
          loading: false,
          error: null,
        });
      } catch (error) {
        if (mine === generation) set({ loading: false, error: errorMessage(error) });
      }
    },
    async loadMore() {
      const state = get();
      const last = state.contacts[state.contacts.length - 1];
      if (!state.botId || !state.more || state.loading || !last) return;
      const mine = generation;
      set({ loading: true });
      try {
        const page = await getClient().call('contacts:list', {
          filter: currentFilter(state),
          after: { sortName: last.sortName, id: last.id },
          limit: PAGE_SIZE,
        });
        if (mine !== generation) return;
        set((s) => ({
          contacts: [...s.contacts, ...page.contacts],
          total: page.total,
          more: page.contacts.length === PAGE_SIZE,
          loading: false,
        }));
      } catch (error) {
        if (mine === generation) set({ loading: false, error: errorMessage(error) });
      }
    },
    async loadTags() {
      const botId = get().botId;
      if (!botId) return;
      try {
        const tags = await getClient().call('contacts:tags', { botId });
        if (get().botId === botId) set({ tags });
      } catch {
        // The tag filter just shows what it had; the next change reloads it.
      }
    },
    select(selection) {
      set({ selection });
    },
    receiveChanged(botId) {
      if (botId !== get().botId) return;
      void get().reload();
      void get().loadTags();
    },
    receiveProgress(botId, progress) {
      if (botId === get().botId) set({ progress });
    },
    clearProgress() {
      set({ progress: null });
    },
  };
});

/** What the list shows as a contact's name. */
export const displayName = (contact: Contact): string => contact.name || contact.pushName || contact.phone || 'Unknown';
