import { createContractClient, type Channel, type ContractClient } from '../../../src-shared/client';
import { createElectronConnection, type Connection } from './connection';
import { createSocketConnection } from './socket-connection';
import { takeToken } from './token';

export type { Connection, ConnectionState } from './connection';

declare global {
  // Declaration merging onto Window needs an interface; this is the preload's only export.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    wren?: Channel;
  }
}

export type Engine = { client: ContractClient; connection: Connection };

let engine: Engine | null = null;

/** Chooses the channel once per page: the preload's bridge in Electron, else the host's socket. */
export const connectToEngine = (): Engine => {
  if (engine) return engine;
  const connection = window.wren
    ? createElectronConnection(window.wren)
    : createSocketConnection({ token: takeToken() });
  engine = { connection, client: createContractClient(connection.channel) };
  return engine;
};

/** The contract client for stores and actions; components reach the engine only through them. */
export const getClient = (): ContractClient => {
  if (!engine) throw new Error('connectToEngine() must run before the first call.');
  return engine.client;
};
