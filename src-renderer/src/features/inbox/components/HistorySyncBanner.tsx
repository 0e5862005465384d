import { useShallow } from 'zustand/react/shallow';
import { Spinner } from '../../../ui/Spinner';
import { useBotsStore } from '../../bots/store';
import { ALL_BOTS, type BotChoice } from '../bot-choice';
import { syncLine, useHistoryStore } from '../history-store';

/** While a bot stores earlier messages from the phone, the list says so (and how far along). */
export const HistorySyncBanner = ({ botId }: { botId: BotChoice }) => {
  const syncing = useHistoryStore(
    useShallow((s) => Object.entries(s.syncing).filter(([id]) => botId === ALL_BOTS || id === botId)),
  );
  const names = useBotsStore((s) => s.byId);
  const [first] = syncing;
  if (!first) return null;
  const [id, sync] = first;
  return (
    <div className="history-sync" role="status" data-testid="history-sync">
      <Spinner size={16} />
      <span>
        Getting earlier messages from the phone{botId === ALL_BOTS ? ` (${names[id]?.name ?? 'a bot'})` : ''}…{' '}
        {syncLine(sync)}
      </span>
    </div>
  );
};
