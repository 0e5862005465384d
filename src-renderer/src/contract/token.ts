const STORAGE_KEY = 'wren.token';

/**
 * The headless host opens the page as `/#token=…`. The token moves to sessionStorage (so a reload
 * of this tab still works) and leaves the address bar, so it does not linger in history or get
 * copied along with the URL.
 */
export const takeToken = (): string | null => {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromHash = params.get('token');
  if (fromHash) {
    try {
      sessionStorage.setItem(STORAGE_KEY, fromHash);
    } catch {
      // Storage can be disabled; the token still works for this page load.
    }
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}#/bots`);
    return fromHash;
  }
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
};
