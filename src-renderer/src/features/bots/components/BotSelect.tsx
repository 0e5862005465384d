import { useId } from 'react';
import { useBot } from '../hooks/useBots';

/** The page's bot: pages that show one bot at a time (Contacts, Campaigns) pick it here. */
export const BotSelect = ({
  botId,
  ids,
  onChoose,
  className = '',
}: {
  botId: string | null;
  ids: string[];
  onChoose: (id: string) => void;
  className?: string;
}) => {
  const id = useId();
  return (
    <div className={`bot-picker ${className}`}>
      <label className="bot-picker-label" htmlFor={id}>
        Bot
      </label>
      <select id={id} className="bot-picker-select" value={botId ?? ''} onChange={(e) => onChoose(e.target.value)}>
        {ids.map((optionId) => (
          <BotOption key={optionId} botId={optionId} />
        ))}
      </select>
    </div>
  );
};

const BotOption = ({ botId }: { botId: string }) => {
  const bot = useBot(botId);
  return <option value={botId}>{bot?.name ?? botId}</option>;
};
