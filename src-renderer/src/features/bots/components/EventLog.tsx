import { botEventKindSchema, type BotEvent } from '../../../../../src-shared/bots';
import { formatLogTime } from '../../../lib/format';
import { Spinner } from '../../../ui/Spinner';
import { useBotLog } from '../hooks/useBotLog';
import { LOG_KIND_LABEL } from '../labels';
import type { BotLog, LogFilter } from '../store';

const FILTERS: Array<{ value: LogFilter; label: string }> = [
  { value: 'all', label: 'All' },
  ...botEventKindSchema.options.map((kind) => ({ value: kind, label: LOG_KIND_LABEL[kind] })),
];

const LEVEL_LABEL: Record<BotEvent['level'], string> = { info: 'Info', warn: 'Warning', error: 'Error' };

type EventLogProps = {
  log: BotLog | undefined;
  onFilter: (filter: LogFilter) => void;
  onLoadOlder: () => void;
  onRetry: () => void;
};

export const EventLog = ({ log, onFilter, onLoadOlder, onRetry }: EventLogProps) => {
  const filter = log?.filter ?? 'all';
  return (
    <section className="card event-log">
      <div className="log-filters" role="group" aria-label="Show events of kind">
        {FILTERS.map(({ value, label }) => (
          <button
            key={value}
            type="button"
            className={`chip${filter === value ? ' chip-active' : ''}`}
            aria-pressed={filter === value}
            onClick={() => {
              if (filter !== value) onFilter(value);
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <LogBody log={log} filter={filter} onRetry={onRetry} />
      {log?.status === 'ready' && log.nextBefore ? (
        <div className="log-more">
          <button
            type="button"
            className="button button-secondary"
            disabled={log.loadingOlder}
            aria-busy={log.loadingOlder}
            onClick={onLoadOlder}
          >
            {log.loadingOlder ? <Spinner size={16} /> : null}
            Load older
          </button>
        </div>
      ) : null}
      {log?.status === 'ready' && log.error ? (
        <p className="field-error log-error" role="alert">
          {log.error}
        </p>
      ) : null}
    </section>
  );
};

const LogBody = ({ log, filter, onRetry }: { log: BotLog | undefined; filter: LogFilter; onRetry: () => void }) => {
  if (!log || (log.status === 'loading' && log.items.length === 0)) {
    return (
      <div className="log-placeholder">
        <Spinner size={22} label="Loading the log" />
      </div>
    );
  }
  if (log.status === 'error') {
    return (
      <div className="log-placeholder" role="alert">
        <p>{log.error}</p>
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  if (log.items.length === 0) {
    return (
      <div className="log-placeholder">
        <p>
          {filter === 'all'
            ? 'Nothing logged yet. Start the bot and its story begins here.'
            : `No ${filter} events yet.`}
        </p>
      </div>
    );
  }
  return (
    <ol className="log-rows" aria-label="Events, newest first">
      {log.items.map((event) => (
        <li key={event.id} className={`log-row level-${event.level}`} data-testid="event-row" data-kind={event.kind}>
          <time className="log-time" dateTime={new Date(event.ts).toISOString()}>
            {formatLogTime(event.ts)}
          </time>
          <span className="log-level" title={LEVEL_LABEL[event.level]}>
            <span className="visually-hidden">{LEVEL_LABEL[event.level]}: </span>
          </span>
          <span className={`log-kind kind-${event.kind}`}>{event.kind}</span>
          <span className="log-message">{event.message}</span>
        </li>
      ))}
    </ol>
  );
};

/** Connects the log of one bot: first page on show, live events via the bridge, older on demand. */
export const BotEventLog = ({ botId }: { botId: string }) => {
  const { log, setFilter, loadOlder, retry } = useBotLog(botId);
  return <EventLog log={log} onFilter={setFilter} onLoadOlder={loadOlder} onRetry={retry} />;
};
