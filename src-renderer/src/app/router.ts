import { useSyncExternalStore } from 'react';

export const SECTIONS = ['bots', 'chats', 'campaigns', 'contacts', 'automations', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

/** The chat list's quick filters (the same names the engine's `chats:list` takes). */
export const CHAT_FILTERS = ['all', 'unread', 'groups'] as const;
export type ChatListFilter = (typeof CHAT_FILTERS)[number];

/**
 * `#/bots`, `#/bots/<id>`, `#/chats`, `#/chats/<chatId>?filter=unread`…: plain hash routes, so
 * reloads and Back just work, and a reload opens the same chat with the same filter.
 */
export type Route = { section: Section; botId: string | null; chatId: number | null; filter: ChatListFilter };

const isSection = (value: string | undefined): value is Section =>
  value !== undefined && (SECTIONS as readonly string[]).includes(value);

const isFilter = (value: string | null): value is ChatListFilter =>
  value !== null && (CHAT_FILTERS as readonly string[]).includes(value);

const HOME: Route = { section: 'bots', botId: null, chatId: null, filter: 'all' };

export const parseHash = (hash: string): Route => {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [section, id] = path.split('/');
  if (!isSection(section)) return HOME;
  const botId = section === 'bots' && id ? decodeURIComponent(id) : null;
  const chatId = section === 'chats' && id && /^[1-9]\d{0,15}$/.test(id) ? Number(id) : null;
  const filter = new URLSearchParams(search).get('filter');
  return { section, botId, chatId, filter: section === 'chats' && isFilter(filter) ? filter : 'all' };
};

export const hrefFor = (route: Partial<Route> & { section: Section }): string => {
  const id = route.section === 'chats' ? (route.chatId ?? null) : (route.botId ?? null);
  const path = id === null ? `#/${route.section}` : `#/${route.section}/${encodeURIComponent(String(id))}`;
  return route.section === 'chats' && route.filter && route.filter !== 'all' ? `${path}?filter=${route.filter}` : path;
};

export const navigate = (route: Partial<Route> & { section: Section }): void => {
  const href = hrefFor(route);
  if (window.location.hash !== href) window.location.hash = href;
};

/**
 * Writes the route without a new history entry: opening chat after chat is not a trail for Back
 * to walk, but a reload still lands where the person was.
 */
export const replaceRoute = (route: Partial<Route> & { section: Section }): void => {
  const href = hrefFor(route);
  if (window.location.hash === href) return;
  window.history.replaceState(window.history.state, '', href);
  // replaceState fires no hashchange: tell the subscribers ourselves.
  window.dispatchEvent(new HashChangeEvent('hashchange'));
};

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export const useHash = (): string => useSyncExternalStore(subscribe, () => window.location.hash);

export const useRoute = (): Route => parseHash(useHash());
