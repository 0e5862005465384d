import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Campaign } from '../../../../../src-shared/campaigns';
import { getClient } from '../../../contract';
import { useNow } from '../../../lib/useNow';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { downloadText } from '../../contacts/download';
import { excludedSummary, funnel, relativeTime } from '../format';
import { campaignCall, useCampaignsStore } from '../store';
import { ProgressBar, statusLabel } from './CampaignRow';

/** The funnel, each count including the ones after it: sent ≥ delivered ≥ read. */
const COUNT_LABELS = [
  ['waiting', 'Waiting', 'Planned, not sent yet.'],
  ['sent', 'Sent', 'Left this number, including those delivered and read.'],
  ['delivered', 'Delivered', 'Reached the phone, including those read.'],
  ['read', 'Read', 'Opened (only when the person shares read receipts).'],
  ['failed', 'Failed', 'Could not be sent; the report says why.'],
  ['cancelled', 'Cancelled', 'Not sent: cancelled, or opted out after planning.'],
] as const;

const time = (ms: number | null) =>
  ms === null ? '' : new Date(ms).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** One campaign: why it waits, how far it got, what it left out, and each recipient's fate. */
export const CampaignDetail = ({ campaign, onEdit }: { campaign: Campaign; onEdit: () => void }) => {
  const recipients = useCampaignsStore(useShallow((s) => s.recipients));
  const now = useNow(true, 30_000);
  const [confirm, setConfirm] = useState<'cancel' | 'delete' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (run: () => Promise<unknown>) => setError(await campaignCall(run));
  const { id, status } = campaign;
  const client = getClient();
  const left = excludedSummary(campaign.excluded);
  const finish = relativeTime(campaign.expectedFinishAt, now);
  const counts = funnel(campaign.counts);

  return (
    <section className="campaign-detail" aria-label={campaign.name}>
      <header className="campaign-detail-header">
        <div>
          <h2 className="campaign-detail-name" title={campaign.name}>
            {campaign.name}
          </h2>
          <p className="pane-subtitle">
            {statusLabel(status)}
            {campaign.startedAt ? ` · started ${time(campaign.startedAt)}` : ''}
            {campaign.finishedAt ? ` · finished ${time(campaign.finishedAt)}` : ''}
            {finish && (status === 'running' || status === 'scheduled') ? ` · expected to finish ${finish}` : ''}
          </p>
        </div>
        <div className="campaign-actions">
          {status === 'draft' || (status === 'scheduled' && campaign.startedAt === null) ? (
            <button type="button" className="button button-secondary" onClick={onEdit}>
              Edit
            </button>
          ) : null}
          {status === 'draft' ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => void act(() => client.call('campaigns:schedule', { id }))}
            >
              Schedule
            </button>
          ) : null}
          {status === 'scheduled' || status === 'running' ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void act(() => client.call('campaigns:pause', { id }))}
            >
              Pause
            </button>
          ) : null}
          {status === 'paused' ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => void act(() => client.call('campaigns:resume', { id }))}
            >
              Resume
            </button>
          ) : null}
          {status !== 'done' && status !== 'cancelled' ? (
            <button type="button" className="button button-ghost" onClick={() => setConfirm('cancel')}>
              Cancel campaign
            </button>
          ) : null}
          <button
            type="button"
            className="button button-ghost"
            onClick={() => void act(() => client.call('campaigns:duplicate', { id }))}
          >
            Duplicate
          </button>
          {campaign.total > 0 ? (
            <button
              type="button"
              className="button button-ghost"
              onClick={() =>
                void act(async () => {
                  const report = await client.call('campaigns:export', { id });
                  downloadText(report.fileName, report.csv);
                })
              }
            >
              Export report
            </button>
          ) : null}
          <button type="button" className="button button-ghost" onClick={() => setConfirm('delete')}>
            Delete
          </button>
        </div>
      </header>
      {campaign.problem ? (
        <p className="campaign-note is-problem" role="alert" data-testid="campaign-problem">
          {campaign.problem.message}
        </p>
      ) : null}
      {campaign.note ? (
        <p
          className={`campaign-note${status === 'paused' ? ' is-warning' : ''}`}
          role="status"
          data-testid="campaign-note"
        >
          {campaign.note}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {campaign.total > 0 ? (
        <>
          <ProgressBar campaign={campaign} />
          <dl className="campaign-counts">
            {COUNT_LABELS.map(([key, label, meaning]) => (
              <div key={key} data-testid={`count-${key}`} title={meaning}>
                <dt>{label}</dt>
                <dd>{counts[key]}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <p className="field-hint">
          Schedule it to plan each recipient’s message; nothing is sent before its window opens.
        </p>
      )}
      {left ? <p className="campaign-left-out">Left out when planned: {left}.</p> : null}
      {recipients.length > 0 ? (
        <table className="campaign-recipients">
          <thead>
            <tr>
              <th>Recipient</th>
              <th>Status</th>
              <th>Sent</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            {recipients.map((r) => (
              <tr key={r.id} data-testid="recipient-row" data-status={r.status}>
                <td className="campaign-recipient">
                  {r.name ?? r.phone}
                  <span className="campaign-phone">{r.name ? r.phone : ''}</span>
                </td>
                <td>
                  <span className={`recipient-status recipient-status-${r.status}`}>{r.status}</span>
                  {r.error ? <span className="campaign-error">{r.error}</span> : null}
                </td>
                <td>{time(r.sentAt)}</td>
                <td className="campaign-message">{r.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {confirm ? (
        <ConfirmDialog
          title={confirm === 'cancel' ? 'Cancel this campaign?' : 'Delete this campaign?'}
          confirmLabel={confirm === 'cancel' ? 'Cancel campaign' : 'Delete'}
          danger
          onCancel={() => setConfirm(null)}
          onConfirm={async () => {
            await act(() => client.call(confirm === 'cancel' ? 'campaigns:cancel' : 'campaigns:delete', { id }));
            if (confirm === 'delete') useCampaignsStore.getState().open(null);
            setConfirm(null);
          }}
        >
          {confirm === 'cancel'
            ? `Nobody still waiting will get “${campaign.name}”. Messages already sent stay sent.`
            : `“${campaign.name}” and its report are removed from this PC.`}
        </ConfirmDialog>
      ) : null}
    </section>
  );
};
