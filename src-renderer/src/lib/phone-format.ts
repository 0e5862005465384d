import { useSyncExternalStore } from 'react';
import type * as PhoneLib from './phone-lib';

let lib: typeof PhoneLib | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

/**
 * libphonenumber's metadata is 120 KB of the first screen's JavaScript, for spaces in a number:
 * it loads as soon as the first page is up (pages.tsx), in the few milliseconds before the engine's
 * first answers arrive, and the app renders again when it is in (App uses `usePhoneFormatReady`).
 * Until then a number shows as the engine sent it, E.164.
 */
export const loadPhoneFormat = (): Promise<void> => {
  loading ??= import('./phone-lib').then(
    (loaded) => {
      lib = loaded;
      for (const listener of listeners) listener();
    },
    (error: unknown) => {
      loading = null;
      console.error('Wren: could not load phone formatting', error);
    },
  );
  return loading;
};

/** "+44 7700 900123" from E.164; unknown shapes (and any number before the library is in) as sent. */
export const formatPhone = (e164: string): string =>
  lib?.parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** True once numbers are formatted; a component that reads it renders again at that moment. */
export const usePhoneFormatReady = (): boolean => useSyncExternalStore(subscribe, () => lib !== null);
