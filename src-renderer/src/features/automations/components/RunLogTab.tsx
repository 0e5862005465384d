import { useEffect, useId, useState } from 'react';
import type { CommandRun } from '../../../../../src-shared/automations';
import { getClient } from '../../../contract';
import { errorMessage } from '../../../lib/errors';
import { formatLogTime, formatPhone } from '../../../lib/format';
import { RefreshIcon } from '../../../ui/icons';
import { Spinner } from '../../../ui/Spinner';

const RUNS_SHOWN = 200;

const duration = (ms: number) => (ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString()} ms`);

/** The latest command runs: when, where, who, what, the result and how long it took. */
export const RunLogTab = ({ botId, active }: { botId: string; active: boolean }) => {
  const [reloads, setReloads] = useState(0);
  const request = `${botId}|${reloads}`;
  const [state, setState] = useState<{ request: string | null; runs: CommandRun[] | null; error: string | null }>({
    request: null,
    runs: null,
    error: null,
  });
  const { runs, error } = state;
  const loading = active && state.request !== request;
  const titleId = useId();

  // Loaded each time the tab is shown, and on Refresh.
  useEffect(() => {
    if (!active) return;
    let live = true;
    getClient()
      .call('automations:runs', { botId, limit: RUNS_SHOWN })
      .then(
        (list) => {
          if (live) setState({ request, runs: list, error: null });
        },
        (failure: unknown) => {
          if (live) setState((s) => ({ request, runs: s.runs, error: errorMessage(failure) }));
        },
      );
    return () => {
      live = false;
    };
  }, [botId, active, request]);

  return (
    <section className="card" aria-labelledby={titleId}>
      <header className="card-header auto-card-header">
        <div>
          <h3 id={titleId}>Run log</h3>
          <p>
            The last {RUNS_SHOWN} commands people ran with this bot, and who opted out of campaigns or back in, newest
            first.
          </p>
        </div>
        <button
          type="button"
          className="button button-secondary"
          disabled={loading}
          aria-busy={loading}
          onClick={() => setReloads((n) => n + 1)}
        >
          <RefreshIcon size={17} /> Refresh
        </button>
      </header>
      {error ? (
        <p className="field-error auto-card-error" role="alert">
          {error}
        </p>
      ) : null}
      {runs === null && !error ? (
        <div className="auto-loading">
          <Spinner label="Loading the run log" />
        </div>
      ) : null}
      {runs && runs.length === 0 ? (
        <div className="auto-none">
          <p>No commands have run yet. Try one in the test panel: it is not logged, but a customer’s is.</p>
        </div>
      ) : null}
      {runs && runs.length > 0 ? (
        <div className="auto-table-wrap">
          <table className="auto-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Chat</th>
                <th scope="col">Sender</th>
                <th scope="col">Command</th>
                <th scope="col">Result</th>
                <th scope="col" className="auto-num">
                  Duration
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id}>
                  <td className="auto-nowrap">{formatLogTime(run.ts)}</td>
                  <td>{run.chatTitle ?? '—'}</td>
                  <td className="auto-nowrap">{formatPhone(run.sender)}</td>
                  <td>
                    <code>{run.command}</code>
                  </td>
                  <td>
                    <span className={`auto-result${run.result === 'answered' ? ' auto-result-ok' : ''}`}>
                      {run.result}
                    </span>
                  </td>
                  <td className="auto-num auto-nowrap">{duration(run.ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
};
