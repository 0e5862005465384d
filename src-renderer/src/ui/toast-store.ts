import { create } from 'zustand';

export type ToastTone = 'info' | 'error';
export type Toast = { id: number; tone: ToastTone; message: string };

type ToastState = {
  toasts: Toast[];
  push: (tone: ToastTone, message: string) => void;
  dismiss: (id: number) => void;
};

/** Errors stay longer: they usually ask the person to do something. */
const LIFETIME_MS: Record<ToastTone, number> = { info: 3_500, error: 7_000 };
/** More than this and older toasts are dropped: a burst of failures should not cover the app. */
const MAX_TOASTS = 4;

let nextId = 1;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  push(tone, message) {
    const id = nextId++;
    // The same message twice in a row (e.g. a retried call) is shown once.
    if (get().toasts.some((t) => t.message === message && t.tone === tone)) return;
    set((s) => ({ toasts: [...s.toasts, { id, tone, message }].slice(-MAX_TOASTS) }));
    setTimeout(() => get().dismiss(id), LIFETIME_MS[tone]);
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
}));

export const toast = {
  info: (message: string) => useToastStore.getState().push('info', message),
  error: (message: string) => useToastStore.getState().push('error', message),
};
