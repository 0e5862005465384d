import { useSyncExternalStore } from 'react';

const subscribe = (onChange: () => void) => {
  window.addEventListener('focus', onChange);
  window.addEventListener('blur', onChange);
  document.addEventListener('visibilitychange', onChange);
  return () => {
    window.removeEventListener('focus', onChange);
    window.removeEventListener('blur', onChange);
    document.removeEventListener('visibilitychange', onChange);
  };
};

const snapshot = () => document.visibilityState === 'visible' && document.hasFocus();

/** Whether the person can see this window now: messages are only "read" then. */
export const useWindowFocused = (): boolean => useSyncExternalStore(subscribe, snapshot);
