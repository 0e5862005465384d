import { useId } from 'react';
import { useBot } from '../hooks/useBots';
import { STATUS_DISPLAY } from '../labels';

/** The page's bot: pages that show one bot at a time (Automations, Contacts, Campaigns) pick it here. */
export const BotSelect = ({
  botId,
  ids,
  onChoose,
  className = '',
  showStatus = false,
}: {
  botId: string | null;
  ids: string[];
  onChoose: (id: string) => void;
  className?: string;
  /** Shows the bot's status beside it (pages whose work needs the bot online). */
  showStatus?: boolean;
}) => {
  const id = useId();
  const bot = useBot(botId);
  const status = showStatus && bot ? STATUS_DISPLAY[bot.status] : null;
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
      {status ? (
        <span className={`bot-picker-status tone-text-${status.tone}`}>
          <span className="bot-picker-dot" aria-hidden="true" />
          {status.label}
        </span>
      ) : null}
    </div>
  );
};

const BotOption = ({ botId }: { botId: string }) => {
  const bot = useBot(botId);
  return <option value={botId}>{bot?.name ?? botId}</option>;
};
