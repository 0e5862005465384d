import { useState } from 'react';
import { notificationsAvailable } from '../notify';

const DISMISSED_KEY = 'wren.chats.notificationsAsked';

const wasDismissed = (): boolean => {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
};

/**
 * The banner that asks once for desktop notifications. The browser only prompts after a click,
 * so the app asks with a banner rather than on load; "not now" is remembered.
 */
export const useNotificationPrompt = () => {
  const [permission, setPermission] = useState<NotificationPermission | null>(() =>
    notificationsAvailable() ? Notification.permission : null,
  );
  const [dismissed, setDismissed] = useState(wasDismissed);

  const dismiss = () => {
    setDismissed(true);
    try {
      localStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // Asked again next time: harmless.
    }
  };

  const request = async () => {
    const answer = await Notification.requestPermission();
    setPermission(answer);
    if (answer !== 'granted') dismiss();
  };

  return { show: permission === 'default' && !dismissed, request, dismiss };
};
