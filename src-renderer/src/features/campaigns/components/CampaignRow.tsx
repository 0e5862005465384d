import type { Campaign } from '../../../../../src-shared/campaigns';
import { funnel, progressPercent } from '../format';

const STATUS_LABEL: Record<Campaign['status'], string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  running: 'Sending',
  paused: 'Paused',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const statusLabel = (status: Campaign['status']) => STATUS_LABEL[status];

/** The bar and what it counts: every recipient handled (sent on, or failed) of all planned. */
export const ProgressBar = ({ campaign }: { campaign: Campaign }) => {
  const percent = progressPercent(campaign);
  return (
    <div
      className="campaign-progress"
      role="progressbar"
      aria-label={`${campaign.name} progress`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <span style={{ width: `${percent}%` }} />
    </div>
  );
};

/** One campaign in the list: name, status, progress and the counts that matter. */
export const CampaignRow = ({ campaign, open, onOpen }: { campaign: Campaign; open: boolean; onOpen: () => void }) => {
  const counts = funnel(campaign.counts);
  return (
    <li>
      <button
        type="button"
        className={`campaign-row${open ? ' is-open' : ''}`}
        data-testid="campaign-row"
        data-status={campaign.status}
        data-problem={campaign.problem ? 'true' : undefined}
        aria-current={open || undefined}
        onClick={onOpen}
      >
        <span className="campaign-row-top">
          <span className="campaign-row-name" title={campaign.name}>
            {campaign.name}
          </span>
          <span className={`campaign-status campaign-status-${campaign.status}`}>{statusLabel(campaign.status)}</span>
        </span>
        {campaign.total > 0 ? <ProgressBar campaign={campaign} /> : null}
        <span className="campaign-row-counts">
          {campaign.total > 0
            ? `${counts.sent} of ${campaign.total} sent · ${counts.delivered} delivered · ${counts.read} read${
                counts.failed ? ` · ${counts.failed} failed` : ''
              }`
            : 'Not planned yet'}
        </span>
        {campaign.problem ? (
          <span className="campaign-row-problem" data-testid="campaign-problem">
            {campaign.problem.message}
          </span>
        ) : campaign.note ? (
          <span className="campaign-row-note">{campaign.note}</span>
        ) : null}
      </button>
    </li>
  );
};
