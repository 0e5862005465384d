import {
  ContractError,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventName,
  type EventPayload,
  type Reply,
} from './contract';

/**
 * The raw channel a client speaks over: Electron's preload bridge or the headless host's WebSocket.
 * The renderer does not know which one it has.
 */
export type Channel = {
  invoke(name: string, input: unknown): Promise<Reply<unknown>>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
};

export type ContractClient = {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
};

export const createContractClient = (channel: Channel): ContractClient => ({
  async call(name, input) {
    const reply = await channel.invoke(name, input);
    if (!reply.ok) throw new ContractError(reply.error.code, reply.error.message, reply.error.fields ?? {});
    // The engine validated the output's shape against the same contract before it left.
    return reply.value as CallOutput<typeof name>;
  },
  on(name, listener) {
    return channel.subscribe((eventName, payload) => {
      if (eventName === name) listener(payload as EventPayload<typeof name>);
    });
  },
});
