import { useId } from 'react';
import type { Bot } from '../../../../../src-shared/bots';
import { formatDateTime, formatPhone } from '../../../lib/format';
import { KIND_LABEL, STATUS_DISPLAY } from '../labels';

/** The plain facts about a bot, for people who want to know exactly where it stands. */
export const BotFacts = ({ bot }: { bot: Bot }) => {
  const titleId = useId();
  const facts: Array<[string, string]> = [
    ['Status', STATUS_DISPLAY[bot.status].label],
    ['Number', bot.phone ? formatPhone(bot.phone) : 'Not linked yet'],
    ['Runs on', bot.kind === 'demo' ? 'Simulated WhatsApp network' : KIND_LABEL[bot.kind]],
    ['Last online', bot.lastOnlineAt ? formatDateTime(bot.lastOnlineAt) : 'Never'],
    ['Created', formatDateTime(bot.createdAt)],
  ];
  return (
    <section className="card" aria-labelledby={titleId}>
      <header className="card-header">
        <h3 id={titleId}>Details</h3>
      </header>
      <dl className="facts">
        {facts.map(([term, value]) => (
          <div key={term} className="fact">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
};
