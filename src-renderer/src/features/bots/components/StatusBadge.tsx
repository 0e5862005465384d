import type { Bot, BotKind, BotStatus } from '../../../../../src-shared/bots';
import { formatCountdown, formatLogTime } from '../../../lib/format';
import { useNow } from '../../../lib/useNow';
import { KIND_LABEL, STATUS_DISPLAY } from '../labels';

export const StatusBadge = ({ status }: { status: BotStatus }) => {
  const { label, tone } = STATUS_DISPLAY[status];
  return (
    <span className={`status-badge tone-${tone}`} data-testid="bot-status" data-status={status}>
      <span className="status-badge-dot" aria-hidden="true" />
      {label}
    </span>
  );
};

export const KindTag = ({ kind }: { kind: BotKind }) => (
  <span className={`kind-tag kind-${kind}`}>{KIND_LABEL[kind]}</span>
);

/** The status's reason in plain words, plus when the next reconnect is due. */
export const StatusReason = ({ bot, className }: { bot: Bot; className?: string }) => {
  const retryAt = bot.status === 'reconnecting' || bot.status === 'offline' ? bot.nextRetryAt : null;
  const now = useNow(retryAt !== null);
  if (!bot.statusReason && retryAt === null) return null;
  const tone = STATUS_DISPLAY[bot.status].tone;
  return (
    <p className={`status-reason reason-${tone}${className ? ` ${className}` : ''}`}>
      {/* The retry time leads: in a narrow row it is the part that must not be cut off. */}
      {retryAt !== null ? (
        <span className="status-retry">
          Next try {formatCountdown(retryAt, now)} ({formatLogTime(retryAt)}){bot.statusReason ? ' · ' : ''}
        </span>
      ) : null}
      {bot.statusReason}
    </p>
  );
};
