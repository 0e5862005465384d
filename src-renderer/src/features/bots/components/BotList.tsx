import { formatPhone } from '../../../lib/format';
import { Avatar } from '../../../ui/Avatar';
import { hrefFor } from '../../../app/router';
import { useBot } from '../hooks/useBots';
import { KindTag, StatusBadge, StatusReason } from './StatusBadge';

type BotListProps = { ids: string[]; selectedId: string | null };

export const BotList = ({ ids, selectedId }: BotListProps) => (
  <ul className="bot-list" aria-label="Your bots">
    {ids.map((id) => (
      <li key={id}>
        <BotRow botId={id} selected={id === selectedId} />
      </li>
    ))}
  </ul>
);

/** Selects its own bot, so a status event re-renders one row rather than the list. */
const BotRow = ({ botId, selected }: { botId: string; selected: boolean }) => {
  const bot = useBot(botId);
  if (!bot) return null;
  return (
    <a
      className={`bot-card${selected ? ' bot-card-selected' : ''}`}
      href={hrefFor({ section: 'bots', botId })}
      aria-current={selected ? 'true' : undefined}
      data-testid="bot-card"
      data-bot-id={bot.id}
    >
      <Avatar name={bot.name} seed={bot.id} />
      <div className="bot-card-body">
        <div className="bot-card-line">
          <span className="bot-card-name" title={bot.name}>
            {bot.name}
          </span>
          <KindTag kind={bot.kind} />
        </div>
        <div className="bot-card-line">
          <span className="bot-card-phone">{bot.phone ? formatPhone(bot.phone) : 'No number linked yet'}</span>
          <StatusBadge status={bot.status} />
        </div>
        <StatusReason bot={bot} className="bot-card-reason" />
      </div>
    </a>
  );
};
