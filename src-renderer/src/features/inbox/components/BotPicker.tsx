import { useId } from 'react';
import { STATUS_DISPLAY } from '../../bots/labels';
import { useBot } from '../../bots/hooks/useBots';
import { useInboxStore } from '../store';

/** Which bot's chats are shown; the choice is remembered. One bot at a time: chats are per number. */
export const BotPicker = ({ botId, botIds }: { botId: string; botIds: string[] }) => {
  const chooseBot = useInboxStore((s) => s.chooseBot);
  const bot = useBot(botId);
  const id = useId();
  const status = bot ? STATUS_DISPLAY[bot.status] : null;
  return (
    <div className="bot-picker">
      <label className="bot-picker-label" htmlFor={id}>
        Bot
      </label>
      <select id={id} className="bot-picker-select" value={botId} onChange={(e) => chooseBot(e.target.value)}>
        {botIds.map((optionId) => (
          <BotOption key={optionId} botId={optionId} />
        ))}
      </select>
      {status ? (
        <span className={`bot-picker-status tone-text-${status.tone}`} data-testid="chats-bot-status">
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
