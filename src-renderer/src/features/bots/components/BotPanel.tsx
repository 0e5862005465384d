import { useId, useState, type ReactNode } from 'react';
import type { Bot } from '../../../../../src-shared/bots';
import { navigate } from '../../../app/router';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { LinkIcon, ListIcon, SparkIcon } from '../../../ui/icons';
import { botActions } from '../actions';
import { useBot } from '../hooks/useBots';
import { BotFacts } from './BotFacts';
import { BotHero, type BotCommand } from './BotHero';
import { BotEventLog } from './EventLog';
import { FeatureList } from './FeatureList';
import { SendTestCard } from './SendTestCard';

type Tab = 'overview' | 'log';

type BotPanelProps = { botId: string; fresh: boolean; onDismissFresh: () => void };

/** The right-hand side of the Bots page for one bot: connects the hero, features and log. */
export const BotPanel = ({ botId, fresh, onDismissFresh }: BotPanelProps) => {
  const bot = useBot(botId);
  const [tab, setTab] = useState<Tab>('overview');
  const [pending, setPending] = useState<BotCommand | null>(null);
  const [confirming, setConfirming] = useState<'relink' | 'delete' | null>(null);
  const tabsId = useId();

  if (!bot) return null;

  const run = async (command: BotCommand, work: () => Promise<unknown>) => {
    setPending(command);
    try {
      await work();
    } finally {
      setPending(null);
    }
  };

  const onCommand = (command: BotCommand) => {
    if (command === 'relink' || command === 'delete') {
      setConfirming(command);
      return;
    }
    void run(command, () => botActions[command](bot.id));
  };

  const tabButton = (value: Tab, label: string, icon: ReactNode) => (
    <button
      type="button"
      role="tab"
      id={`${tabsId}-${value}`}
      aria-selected={tab === value}
      aria-controls={`${tabsId}-${value}-panel`}
      className={`tab${tab === value ? ' tab-active' : ''}`}
      onClick={() => setTab(value)}
    >
      {icon}
      {label}
    </button>
  );

  return (
    <div className="bot-panel">
      <BotHero bot={bot} pending={pending} onCommand={onCommand} onRename={(name) => botActions.rename(bot.id, name)} />
      {fresh && bot.status === 'created' ? (
        <LinkOffer
          bot={bot}
          onLink={() => {
            onDismissFresh();
            void run('link', () => botActions.link(bot.id));
          }}
          onLater={onDismissFresh}
        />
      ) : null}
      <div className="tabs" role="tablist" aria-label="Bot sections">
        {tabButton('overview', 'Overview', <SparkIcon size={17} />)}
        {tabButton('log', 'Event log', <ListIcon size={17} />)}
      </div>
      <div className="tab-panel" role="tabpanel" id={`${tabsId}-${tab}-panel`} aria-labelledby={`${tabsId}-${tab}`}>
        {tab === 'overview' ? (
          <>
            <FeatureList
              features={bot.features}
              onToggle={(feature, enabled) => void botActions.setFeature(bot.id, feature, enabled)}
            />
            <SendTestCard bot={bot} onShowLog={() => setTab('log')} />
            <BotFacts bot={bot} />
          </>
        ) : (
          <BotEventLog botId={bot.id} />
        )}
      </div>

      {confirming === 'relink' ? (
        <ConfirmDialog
          title={`Relink ${bot.name}?`}
          confirmLabel="Relink"
          onCancel={() => setConfirming(null)}
          onConfirm={async () => {
            setConfirming(null);
            await run('relink', () => botActions.relink(bot.id));
          }}
        >
          <p>This logs the bot out of WhatsApp, clears its session and shows a new QR.</p>
        </ConfirmDialog>
      ) : null}
      {confirming === 'delete' ? (
        <ConfirmDialog
          title="Delete bot"
          confirmLabel="Delete bot"
          danger
          onCancel={() => setConfirming(null)}
          onConfirm={async () => {
            const deleted = await botActions.remove(bot.id);
            setConfirming(null);
            if (deleted) navigate({ section: 'bots' });
          }}
        >
          <p>
            Delete <strong>{bot.name}</strong>? Its WhatsApp session, settings and log are removed. This cannot be
            undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
};

const LinkOffer = ({ bot, onLink, onLater }: { bot: Bot; onLink: () => void; onLater: () => void }) => (
  <section className="link-offer" aria-label="Next step">
    <div className="link-offer-icon">
      <LinkIcon size={22} />
    </div>
    <div className="link-offer-text">
      <strong>{bot.name} is ready.</strong>
      <span>
        {bot.kind === 'demo'
          ? 'Link it to the simulated network to try it out: no phone needed.'
          : 'Link it to a WhatsApp number by QR code or pairing code to bring it online.'}
      </span>
    </div>
    <button type="button" className="button button-ghost" onClick={onLater}>
      Later
    </button>
    <button type="button" className="button button-primary" onClick={onLink}>
      Link now
    </button>
  </section>
);
