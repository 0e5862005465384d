import type { Channel } from '../../../src-shared/client';

/**
 * What the app needs to know about the link to the engine beyond calls and events: whether it
 * is up. Electron's IPC is always up; the headless host's WebSocket can drop and come back.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'refused';

export type Connection = {
  readonly mode: 'electron' | 'headless';
  readonly channel: Channel;
  getState: () => ConnectionState;
  onState: (listener: (state: ConnectionState) => void) => () => void;
};

/** The preload's bridge: IPC never drops while the window exists. */
export const createElectronConnection = (channel: Channel): Connection => ({
  mode: 'electron',
  channel,
  getState: () => 'open',
  onState: () => () => {},
});
