import { create } from 'zustand';
import type { CallOutput } from '../../../src-shared/contract';
import type { ConnectionState } from '../contract';

type AppInfo = CallOutput<'app:info'>;

/** The app's own domain: is the engine reachable, and what is it. */
type AppState = {
  connection: ConnectionState;
  /** True once the first connection opened: later drops say "Reconnecting", not "Connecting". */
  everConnected: boolean;
  info: AppInfo | null;
  setConnection: (state: ConnectionState) => void;
  setInfo: (info: AppInfo) => void;
};

export const useAppStore = create<AppState>()((set) => ({
  connection: 'connecting',
  everConnected: false,
  info: null,
  setConnection: (connection) => set((s) => ({ connection, everConnected: s.everConnected || connection === 'open' })),
  setInfo: (info) => set({ info }),
}));
