import { lazy, useEffect, useState, type ComponentType, type LazyExoticComponent } from 'react';
import { loadPhoneFormat } from '../lib/phone-format';
import type { Section } from './router';

type Loader<P> = () => Promise<ComponentType<P>>;

/**
 * A page that loads its code the first time it is shown, so the first screen carries only its own
 * page's JavaScript. Once the chunk is in (shown before, or fetched by `preloadPages`), the page
 * renders the loaded component directly: React.lazy would still suspend for a turn on its first
 * render and flash the fallback on a page that is already there. The choice is made once per mount
 * so a page never swaps component types (and loses its state) mid-life.
 */
const lazyPage = <P extends object>(load: Loader<P>) => {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = (): Promise<ComponentType<P>> => {
    loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  const Lazy: LazyExoticComponent<ComponentType<P>> = lazy(() =>
    preload().then((component) => ({ default: component })),
  );
  const Page = (props: P) => {
    const [Component] = useState<ComponentType<P>>(() => loaded ?? (Lazy as ComponentType<P>));
    // Runs once this page's code is in and shown (a suspended page commits no effects).
    useFirstPageShown();
    return <Component {...props} />;
  };
  return { Page, preload };
};

const pages = {
  bots: lazyPage(() => import('../features/bots/components/BotsPage').then((m) => m.BotsPage)),
  chats: lazyPage(() => import('../features/inbox/components/ChatsPage').then((m) => m.ChatsPage)),
  campaigns: lazyPage(() => import('../features/campaigns/components/CampaignsPage').then((m) => m.CampaignsPage)),
  contacts: lazyPage(() => import('../features/contacts/components/ContactsPage').then((m) => m.ContactsPage)),
  automations: lazyPage(() =>
    import('../features/automations/components/AutomationsPage').then((m) => m.AutomationsPage),
  ),
} satisfies Partial<Record<Section, unknown>>;

export const BotsPage = pages.bots.Page;
export const ChatsPage = pages.chats.Page;
export const CampaignsPage = pages.campaigns.Page;
export const ContactsPage = pages.contacts.Page;
export const AutomationsPage = pages.automations.Page;

/** The User Timing mark the startup bench reads: JavaScript fetched before it is the first screen's. */
export const FIRST_PAGE_MARK = 'wren:first-page';

let shown = false;

/**
 * Once the first page is on screen, fetches every other page's code when the browser has nothing
 * else to do, so a click on another page finds it loaded; before that, nothing competes with the
 * first page's own chunk. A failed fetch is forgotten: the page fetches again when it is opened
 * (and PageBoundary says so if it still cannot).
 */
const firstPageShown = () => {
  if (shown) return;
  shown = true;
  performance.mark(FIRST_PAGE_MARK);
  // At once, not when idle: bots and chats show numbers as soon as the engine sends its lists.
  void loadPhoneFormat();
  const run = () => {
    for (const page of Object.values(pages)) page.preload().catch(() => undefined);
  };
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout: 3_000 });
  else window.setTimeout(run, 1_000);
};

/** Called by every page (ComingSoon too): whichever page the app opens on starts the preloading. */
export const useFirstPageShown = (): void => useEffect(firstPageShown, []);
