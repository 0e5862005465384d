import { BellIcon } from '../../../ui/chat-icons';
import { CloseIcon } from '../../../ui/icons';
import { useNotificationPrompt } from '../hooks/useNotificationPrompt';

/** WhatsApp Web's blue strip: asks once for desktop notifications, from a click as browsers require. */
export const NotificationBanner = () => {
  const { show, request, dismiss } = useNotificationPrompt();
  if (!show) return null;
  return (
    <div className="notify-banner" role="region" aria-label="Desktop notifications">
      <span className="notify-banner-icon">
        <BellIcon size={22} />
      </span>
      <div className="notify-banner-text">
        <strong>Get notified of new messages</strong>
        <button type="button" className="notify-banner-link" onClick={() => void request()}>
          Turn on desktop notifications ›
        </button>
      </div>
      <button type="button" className="icon-button notify-banner-close" aria-label="Not now" onClick={dismiss}>
        <CloseIcon size={16} />
      </button>
    </div>
  );
};
