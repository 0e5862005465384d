import { useShallow } from 'zustand/react/shallow';
import { AutomationsPage } from '../features/automations/components/AutomationsPage';
import { CampaignsPage } from '../features/campaigns/components/CampaignsPage';
import { BotsPage } from '../features/bots/components/BotsPage';
import { ContactsPage } from '../features/contacts/components/ContactsPage';
import { ChatsPage } from '../features/inbox/components/ChatsPage';
import { useModalStore } from '../ui/modal-store';
import { Toaster } from '../ui/Toaster';
import { AccessRefused } from './AccessRefused';
import { ComingSoon } from './ComingSoon';
import { ConnectionBanner } from './ConnectionBanner';
import { useAppStore } from './connection-store';
import { useRoute } from './router';
import { Sidebar } from './Sidebar';

export const App = () => {
  const { connection, everConnected } = useAppStore(
    useShallow((s) => ({ connection: s.connection, everConnected: s.everConnected })),
  );
  const modalOpen = useModalStore((s) => s.open > 0);
  const route = useRoute();

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
          </main>
        </div>
      </div>
      <Toaster />
    </div>
  );
};
