import type { MessageOrigin } from '../../../../../src-shared/inbox';
import { originLabel } from '../message-menu';

/** Who sent one of the bot's messages, small in the bubble's meta line; the tooltip says more. */
export const OriginLabel = ({ origin }: { origin: MessageOrigin | null }) => {
  const label = originLabel(origin);
  if (!label) return null;
  return (
    <span className={`bubble-origin bubble-origin-${origin?.by ?? ''}`} title={label.title} data-testid="origin">
      {label.short}
    </span>
  );
};
