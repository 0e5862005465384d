import { Suspense } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { usePhoneFormatReady } from '../lib/phone-format';
import { useModalStore } from '../ui/modal-store';
import { Spinner } from '../ui/Spinner';
import { Toaster } from '../ui/Toaster';
import { AccessRefused } from './AccessRefused';
import { ComingSoon } from './ComingSoon';
import { ConnectionBanner } from './ConnectionBanner';
import { useAppStore } from './connection-store';
import { PageBoundary } from './PageBoundary';
import { AutomationsPage, BotsPage, CampaignsPage, ChatsPage, ContactsPage } from './pages';
import { useRoute } from './router';
import { Sidebar } from './Sidebar';

export const App = () => {
  const { connection, everConnected } = useAppStore(
    useShallow((s) => ({ connection: s.connection, everConnected: s.everConnected })),
  );
  const modalOpen = useModalStore((s) => s.open > 0);
  const route = useRoute();
  // Phone numbers are formatted once their library is in (lib/phone-format.ts): the whole app
  // renders again then, so every number on screen picks up its spaces.
  usePhoneFormatReady();

  if (connection === 'refused') return <AccessRefused />;

  return (
    <div className="app-frame">
      <div className="app-strip" aria-hidden="true" />
      {/* While a dialog is open the app behind it is out of reach for focus and assistive tech. */}
      <div className="app" inert={modalOpen} aria-hidden={modalOpen || undefined}>
        {connection === 'reconnecting' ? <ConnectionBanner firstTime={!everConnected} /> : null}
        <div className="app-body">
          <Sidebar active={route.section} />
          <main className="app-main">
            <PageBoundary key={route.section}>
              {/* Quiet while a page's code arrives: the sidebar stays, the page area keeps its colour. */}
              <Suspense fallback={<PageLoading />}>
                {route.section === 'bots' ? (
                  <BotsPage routeBotId={route.botId} />
                ) : route.section === 'chats' ? (
                  <ChatsPage />
                ) : route.section === 'campaigns' ? (
                  <CampaignsPage />
                ) : route.section === 'automations' ? (
                  <AutomationsPage />
                ) : route.section === 'contacts' ? (
                  <ContactsPage />
                ) : (
                  <ComingSoon section={route.section} />
                )}
              </Suspense>
            </PageBoundary>
          </main>
        </div>
      </div>
      <Toaster />
    </div>
  );
};

/** Blank at first (a page from disk arrives in a few ms); a spinner fades in only if it takes longer. */
const PageLoading = () => (
  <div className="page-loading" aria-busy="true">
    <Spinner size={28} label="Loading" />
  </div>
);
