import { useId } from 'react';
import { STATUS_DISPLAY } from '../../bots/labels';
import { useBot, useBotCounts } from '../../bots/hooks/useBots';
import { ALL_BOTS, type BotChoice } from '../bot-choice';
import { useInboxStore } from '../store';

/**
 * Whose chats are shown: one bot's, or every bot's in one list ("All bots"); the choice is
 * remembered.
 */
export const BotPicker = ({ botId, botIds }: { botId: BotChoice; botIds: string[] }) => {
  const chooseBot = useInboxStore((s) => s.chooseBot);
  const bot = useBot(botId === ALL_BOTS ? null : botId);
  const counts = useBotCounts();
  const id = useId();
  const status = bot
    ? STATUS_DISPLAY[bot.status]
    : botId === ALL_BOTS
      ? { label: `${counts.online} of ${counts.total} online`, tone: counts.online > 0 ? 'green' : 'grey' }
      : null;
  return (
    <div className="bot-picker">
      <label className="bot-picker-label" htmlFor={id}>
        Bot
      </label>
      <select id={id} className="bot-picker-select" value={botId} onChange={(e) => chooseBot(e.target.value)}>
        <option value={ALL_BOTS}>All bots</option>
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
