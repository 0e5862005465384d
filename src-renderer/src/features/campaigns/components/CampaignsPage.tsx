import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BotHealth, Campaign } from '../../../../../src-shared/campaigns';
import { BotSelect } from '../../bots/components/BotSelect';
import { useBotList } from '../../bots/hooks/useBots';
import { usePageBot } from '../../bots/hooks/usePageBot';
import { MegaphoneIcon, PlusIcon } from '../../../ui/icons';
import { Spinner } from '../../../ui/Spinner';
import { useCampaignsStore } from '../store';
import { CampaignDetail } from './CampaignDetail';
import { CampaignEditor } from './CampaignEditor';
import { CampaignRow } from './CampaignRow';

/**
 * Scheduled bulk sends, per bot: the list with live progress, the open campaign's detail and
 * report, and the number's health (today's sends against the cap, warm-up, failures).
 */
export const CampaignsPage = () => {
  const list = useBotList();
  const { botId, choose, campaigns, loading, error, health, openId, open } = useCampaignsStore(
    useShallow((s) => ({
      botId: s.botId,
      choose: s.choose,
      campaigns: s.campaigns,
      loading: s.loading,
      error: s.error,
      health: s.health,
      openId: s.openId,
      open: s.open,
    })),
  );
  const [editing, setEditing] = useState<{ campaign: Campaign | null } | null>(null);

  usePageBot(list, botId, choose, () => {
    const s = useCampaignsStore.getState();
    return s.campaigns.length === 0 && !s.loading;
  });

  if (list.status === 'ready' && list.ids.length === 0) {
    return (
      <section className="coming-soon" aria-labelledby="campaigns-title">
        <div className="coming-soon-card">
          <span className="coming-soon-icon" aria-hidden="true">
            <MegaphoneIcon size={30} />
          </span>
          <h1 id="campaigns-title">Campaigns</h1>
          <p className="coming-soon-text">
            Add a bot first (<a href="#/bots">Bots</a> › New bot), then contacts to send to.
          </p>
        </div>
      </section>
    );
  }

  const opened = campaigns.find((c) => c.id === openId) ?? null;

  return (
    <section className="campaigns-page" aria-labelledby="campaigns-title">
      <header className="campaigns-header">
        <div>
          <h1 id="campaigns-title">Campaigns</h1>
          <p className="pane-subtitle">Bulk messages sent safely, even while you are away</p>
        </div>
        <div className="campaigns-header-tools">
          <BotSelect botId={botId} ids={list.ids} onChoose={choose} />
          <button
            type="button"
            className="button button-primary"
            disabled={!botId}
            onClick={() => setEditing({ campaign: null })}
          >
            <PlusIcon size={18} /> New campaign
          </button>
        </div>
      </header>
      {health ? <HealthStrip health={health} /> : null}
      <div className="campaigns-body">
        <div className="campaigns-list-pane">
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          {loading && campaigns.length === 0 ? <Spinner label="Loading campaigns" /> : null}
          {!loading && campaigns.length === 0 ? (
            <div className="campaigns-empty">
              <h2>No campaigns yet</h2>
              <p>
                Write a message, pick who gets it (all contacts or a tag) and when it may go. Wren plans every message
                up front and sends them one by one with human-like gaps, inside your hours, under a daily cap.
              </p>
            </div>
          ) : (
            <ul className="campaigns-list" aria-label="Campaigns">
              {campaigns.map((campaign) => (
                <CampaignRow
                  key={campaign.id}
                  campaign={campaign}
                  open={campaign.id === openId}
                  onOpen={() => open(campaign.id)}
                />
              ))}
            </ul>
          )}
        </div>
        <div className="campaigns-detail-pane">
          {opened ? (
            <CampaignDetail campaign={opened} onEdit={() => setEditing({ campaign: opened })} />
          ) : (
            <p className="campaigns-hint">Choose a campaign to see its progress and report.</p>
          )}
        </div>
      </div>
      {editing && botId ? (
        <CampaignEditor botId={botId} campaign={editing.campaign} onClose={() => setEditing(null)} />
      ) : null}
    </section>
  );
};

const percent = (x: number) => `${Math.round(x * 100)}%`;

const HealthStrip = ({ health }: { health: BotHealth }) => (
  <section className="campaign-health" aria-label="Number health">
    <div>
      <span className="field-label">Sent today</span>
      <meter min={0} max={health.capToday} value={health.sentToday} aria-label="Sent today against the cap" />
      <span data-testid="health-today">
        {health.sentToday} of {health.capToday}
      </span>
    </div>
    <div className="campaign-health-warmup">
      <span className="field-label">Warm-up</span>
      <span data-testid="health-warmup">{health.warmup}</span>
    </div>
    <div>
      <span className="field-label">Replies</span>
      <span>{percent(health.replyRate)}</span>
    </div>
    <div>
      <span className="field-label">Failures</span>
      <span>{percent(health.failureRate)}</span>
    </div>
    <p className="field-hint campaign-health-hint">
      The cap is the most this number sends in a day, all campaigns together
      {health.warmupStage ? ', lower while it warms up' : ''}; what is left waits for the next day.
    </p>
    {health.lastWarning ? (
      <div className="campaign-health-warning" role="status">
        <span className="field-label">Last warning</span>
        <span>
          {new Date(health.lastWarning.at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}:{' '}
          {health.lastWarning.message}
        </span>
      </div>
    ) : null}
  </section>
);
