import { useEffect, useState } from 'react';
import { navigate } from '../../../app/router';
import { Spinner } from '../../../ui/Spinner';
import { PlusIcon } from '../../../ui/icons';
import { botActions } from '../actions';
import { useBotCounts, useBotList, useBotsUi } from '../hooks/useBots';
import { useBotsStore } from '../store';
import { BotList } from './BotList';
import { BotPanel } from './BotPanel';
import { CreateBotDialog } from './CreateBotDialog';
import { LinkDialog } from './LinkDialog';
import { NoBots, NoSelection } from './Placeholders';

/** The Bots page: the list on the left, the chosen bot on the right, WhatsApp Web style. */
export const BotsPage = ({ routeBotId }: { routeBotId: string | null }) => {
  const list = useBotList();
  const counts = useBotCounts();
  const { selectedId, linkingId, freshId, select, closeLinking, setFresh } = useBotsUi();
  const [creating, setCreating] = useState(false);

  // The address is the source of truth for which bot is open; the store mirrors it.
  useEffect(() => {
    select(routeBotId);
  }, [routeBotId, select]);

  // An address for a bot that no longer exists (deleted elsewhere, stale bookmark) falls back.
  const unknown = list.status === 'ready' && routeBotId !== null && !list.ids.includes(routeBotId);
  useEffect(() => {
    if (unknown) navigate({ section: 'bots' });
  }, [unknown]);

  const empty = list.status === 'ready' && list.ids.length === 0;
  const selected = selectedId !== null && list.ids.includes(selectedId) ? selectedId : null;

  return (
    <div className="bots-page">
      <section className="list-pane" aria-labelledby="bots-title">
        <header className="pane-header">
          <div>
            <h1 id="bots-title">Bots</h1>
            <p className="pane-subtitle">
              {list.status === 'ready'
                ? counts.total === 0
                  ? 'None yet'
                  : `${counts.online} of ${counts.total} online`
                : ' '}
            </p>
          </div>
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            <PlusIcon size={18} />
            New bot
          </button>
        </header>
        <div className="list-scroll">
          {list.status === 'loading' || list.status === 'idle' ? (
            <div className="list-message">
              <Spinner size={24} label="Loading bots" />
            </div>
          ) : null}
          {list.status === 'error' ? (
            <div className="list-message" role="alert">
              <p>{list.error}</p>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => void useBotsStore.getState().load()}
              >
                Try again
              </button>
            </div>
          ) : null}
          {empty ? <p className="list-message list-empty">Your bots will appear here.</p> : null}
          {list.ids.length > 0 ? <BotList ids={list.ids} selectedId={selected} /> : null}
        </div>
      </section>

      <section className="detail-pane" aria-label="Bot details">
        {selected ? (
          <BotPanel
            key={selected}
            botId={selected}
            fresh={freshId === selected}
            onDismissFresh={() => setFresh(null)}
          />
        ) : empty ? (
          <NoBots onCreate={() => setCreating(true)} />
        ) : (
          <NoSelection />
        )}
      </section>

      {creating ? (
        <CreateBotDialog
          onCreate={(name, kind) => botActions.create(name, kind)}
          onClose={() => setCreating(false)}
          onCreated={(bot) => {
            setCreating(false);
            navigate({ section: 'bots', botId: bot.id });
          }}
        />
      ) : null}
      {linkingId ? <LinkDialog key={linkingId} botId={linkingId} onClose={closeLinking} /> : null}
    </div>
  );
};
