import { hrefFor } from '../../../app/router';
import { ChatIcon, WrenLogo } from '../../../ui/icons';
import { Spinner } from '../../../ui/Spinner';
import { useChatRoute } from '../hooks/useChatRoute';
import { useInboxBot } from '../hooks/useChats';
import { useInboxStore } from '../store';
import { ChatListPane } from './ChatListPane';
import { ChatPane } from './ChatPane';

/** The Chats page, WhatsApp Web style: the bot's (or all bots') chats on the left, the open one on the right. */
export const ChatsPage = () => {
  const { botId, ready } = useInboxBot();
  const openChatId = useInboxStore((s) => s.openChatId);
  const { filter, setFilter } = useChatRoute();

  if (ready && botId === null) return <NoBots />;

  return (
    <div className="chats-page">
      <section className="chat-list-pane" aria-label="Chat list">
        {/* Keyed by bot (or "All bots"): search starts fresh when another is chosen; the quick filter, kept in the address, stays. */}
        {botId ? (
          <ChatListPane key={botId} botId={botId} filter={filter} onFilter={setFilter} />
        ) : (
          <Spinner size={24} label="Loading" />
        )}
      </section>
      <section className="chat-main" aria-label="Conversation">
        {openChatId !== null ? <ChatPane key={openChatId} chatId={openChatId} /> : <ChatWelcome />}
      </section>
    </div>
  );
};

const ChatWelcome = () => (
  <div className="chat-welcome">
    <WrenLogo size={72} />
    <h2>Wren Chats</h2>
    <p>Pick a chat on the left to read and answer it, or start a new one with a phone number.</p>
    <p className="chat-welcome-foot">Messages stay on this PC, in Wren&apos;s own database.</p>
  </div>
);

const NoBots = () => (
  <section className="coming-soon" aria-labelledby="chats-empty-title">
    <div className="coming-soon-card">
      <div className="coming-soon-icon">
        <ChatIcon size={40} />
      </div>
      <h1 id="chats-empty-title">Chats</h1>
      <p className="coming-soon-text">
        Your customers&apos; chats appear here once a bot is linked to a WhatsApp number.
      </p>
      <a className="button button-primary" href={hrefFor({ section: 'bots' })}>
        Set up a bot
      </a>
    </div>
  </section>
);
