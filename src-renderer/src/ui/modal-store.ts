import { create } from 'zustand';

/**
 * How many modal dialogs are open. While any is, the app behind them is inert, so keyboard focus
 * and screen readers (and role-based test queries) only see the dialog.
 */
export const useModalStore = create<{ open: number; change: (delta: number) => void }>()((set) => ({
  open: 0,
  change: (delta) => set((s) => ({ open: Math.max(0, s.open + delta) })),
}));
