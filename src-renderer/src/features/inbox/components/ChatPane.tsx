import { useState } from 'react';
import { hrefFor } from '../../../app/router';
import { botActions } from '../../bots/actions';
import { useBot } from '../../bots/hooks/useBots';
import { isRunning, needsLink, STATUS_DISPLAY } from '../../bots/labels';
import { inboxActions } from '../actions';
import { useChat } from '../hooks/useChats';
import { useAutoMarkRead } from '../hooks/useThread';
import { ChatHeader } from './ChatHeader';
import { Composer } from './Composer';
import { ContactInfoPanel } from './ContactInfoPanel';
import { GroupInfoPanel } from './GroupInfoPanel';
import { MediaViewer } from './MediaViewer';
import { Thread } from './Thread';

/** The open chat: header, thread and composer. */
export const ChatPane = ({ chatId }: { chatId: number }) => {
  const chat = useChat(chatId);
  useAutoMarkRead(chatId);
  // Keyed by chat above: another chat opens with its info closed, as in WhatsApp.
  const [infoOpen, setInfoOpen] = useState(false);
  const group = chat?.kind === 'group';
  return (
    <div className="chat-pane-wrap">
      <div className="chat-pane" data-testid="chat-pane" data-chat-id={chatId}>
        <ChatHeader chatId={chatId} {...(chat ? { onOpenInfo: () => setInfoOpen(true) } : {})} />
        {chat ? <BotNotice botId={chat.botId} /> : null}
        {chat?.handoffAt ? <HandoffNotice chatId={chatId} /> : null}
        <Thread chatId={chatId} />
        <Composer chatId={chatId} />
        <MediaViewer />
      </div>
      {infoOpen && chat ? (
        group ? (
          <GroupInfoPanel chatId={chatId} onClose={() => setInfoOpen(false)} />
        ) : (
          <ContactInfoPanel chatId={chatId} onClose={() => setInfoOpen(false)} />
        )
      ) : null}
    </div>
  );
};

/** A menu flow handed this chat to a person: the bot keeps quiet here until someone resumes it. */
const HandoffNotice = ({ chatId }: { chatId: number }) => (
  <div className="bot-notice handoff-notice" role="status" data-testid="handoff-notice">
    <span>
      <strong>Automation paused:</strong> this customer asked for a person.
    </span>
    <button
      type="button"
      className="button button-secondary handoff-resume"
      onClick={() => void inboxActions.updateChat(chatId, { handoff: false })}
    >
      Resume bot
    </button>
  </div>
);

/** While the bot is not online, what is written waits in the outbox: say so, and how to fix it. */
const BotNotice = ({ botId }: { botId: string }) => {
  const bot = useBot(botId);
  if (!bot || bot.status === 'online') return null;
  const status = STATUS_DISPLAY[bot.status].label;
  return (
    <div className="bot-notice" role="status" data-testid="bot-notice">
      <span>
        <strong>{bot.name}</strong> is not online ({status}). Messages you write wait here with a clock and go out once
        it is.
      </span>
      {needsLink(bot.status) ? (
        <a className="link-button" href={hrefFor({ section: 'bots', botId })}>
          Link it
        </a>
      ) : isRunning(bot.status) ? null : (
        <button type="button" className="link-button" onClick={() => void botActions.start(botId)}>
          Start it
        </button>
      )}
    </div>
  );
};
