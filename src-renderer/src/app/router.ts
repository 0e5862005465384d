import { useSyncExternalStore } from 'react';

export const SECTIONS = ['bots', 'chats', 'campaigns', 'contacts', 'automations', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

/** `#/bots`, `#/bots/<id>`, `#/chats`…: plain hash routes, so reloads and Back just work. */
export type Route = { section: Section; botId: string | null };

const isSection = (value: string | undefined): value is Section =>
  value !== undefined && (SECTIONS as readonly string[]).includes(value);

export const parseHash = (hash: string): Route => {
  const [section, id] = hash.replace(/^#\/?/, '').split('/');
  if (!isSection(section)) return { section: 'bots', botId: null };
  const botId = section === 'bots' && id ? decodeURIComponent(id) : null;
  return { section, botId };
};

export const hrefFor = (route: Partial<Route> & { section: Section }): string =>
  route.botId ? `#/${route.section}/${encodeURIComponent(route.botId)}` : `#/${route.section}`;

export const navigate = (route: Partial<Route> & { section: Section }): void => {
  const href = hrefFor(route);
  if (window.location.hash !== href) window.location.hash = href;
};

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export const useHash = (): string => useSyncExternalStore(subscribe, () => window.location.hash);

export const useRoute = (): Route => parseHash(useHash());
