import { Spinner } from '../ui/Spinner';

export const ConnectionBanner = ({ firstTime }: { firstTime: boolean }) => (
  <div className="connection-banner" data-testid="connection-banner" role="status">
    <Spinner size={16} />
    <span>
      <strong>Reconnecting to Wren…</strong>{' '}
      {firstTime ? 'Wren is not answering yet. Is it running?' : 'This page catches up as soon as it is back.'}
    </span>
  </div>
);
