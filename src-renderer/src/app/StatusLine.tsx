import { useShallow } from 'zustand/react/shallow';
import { useBotCounts } from '../features/bots/hooks/useBots';
import { useAppStore } from './connection-store';

const CONNECTION_TEXT = {
  connecting: 'Connecting to Wren…',
  open: 'Connected',
  reconnecting: 'Reconnecting…',
  refused: 'Access refused',
} as const;

/** A quiet line at the foot of the sidebar: is the engine there, and how many bots are up. */
export const StatusLine = () => {
  const { connection, info } = useAppStore(useShallow((s) => ({ connection: s.connection, info: s.info })));
  const { total, online } = useBotCounts();
  const where = info ? `${info.mode === 'electron' ? 'Desktop' : 'Browser'} · v${info.version}` : null;
  return (
    <div className="status-line" role="status" aria-live="polite">
      <div className="status-line-row">
        <span className={`status-dot status-dot-${connection}`} aria-hidden="true" />
        <span>{CONNECTION_TEXT[connection]}</span>
      </div>
      {connection === 'open' ? (
        <div className="status-line-meta">
          <div>{total === 0 ? 'No bots yet' : `${online} of ${total} ${total === 1 ? 'bot' : 'bots'} online`}</div>
          {where ? <div>{where}</div> : null}
        </div>
      ) : null}
    </div>
  );
};
