import type { z } from 'zod';
import {
  calls,
  ContractError,
  describeIssues,
  isCallName,
  issueFields,
  type CallName,
  type CallOutput,
  type Calls,
  type Reply,
} from '../../../src-shared/contract';

export type Handler<N extends CallName> = (
  input: z.output<Calls[N]['input']>,
) => CallOutput<N> | Promise<CallOutput<N>>;

export type Dispatcher = {
  handle: <N extends CallName>(name: N, handler: Handler<N>) => void;
  /** Runs one call from an untrusted caller. Never throws: every outcome is a Reply. */
  dispatch(name: string, input: unknown): Promise<Reply<unknown>>;
  missing(): CallName[];
};

export const createDispatcher = (onInternalError: (name: string, error: unknown) => void): Dispatcher => {
  const handlers = new Map<CallName, (input: unknown) => unknown>();

  return {
    handle: (name, handler) => {
      if (handlers.has(name)) throw new Error(`A handler for ${name} is already registered.`);
      handlers.set(name, handler as (input: unknown) => unknown);
    },

    async dispatch(name, input) {
      if (!isCallName(name)) {
        return { ok: false, error: { code: 'unknown_call', message: `Wren has no call named "${String(name)}".` } };
      }
      const handler = handlers.get(name);
      if (!handler) return { ok: false, error: { code: 'unknown_call', message: `${name} is not available.` } };
      const parsed = calls[name].input.safeParse(input ?? {});
      if (!parsed.success) {
        return {
          ok: false,
          error: { code: 'invalid_input', message: describeIssues(parsed.error), fields: issueFields(parsed.error) },
        };
      }
      try {
        const value: unknown = await handler(parsed.data);
        // Catches our own mistakes before they reach the UI as a confusing shape.
        const checked = calls[name].output.safeParse(value);
        if (!checked.success) {
          onInternalError(name, new Error(`Reply of ${name} broke the contract: ${describeIssues(checked.error)}`));
          return { ok: false, error: { code: 'internal', message: 'Wren produced an invalid answer. See the log.' } };
        }
        return { ok: true, value: checked.data };
      } catch (error) {
        if (error instanceof ContractError) {
          const fields = Object.keys(error.fields).length > 0 ? { fields: error.fields } : {};
          return { ok: false, error: { code: error.code, message: error.message, ...fields } };
        }
        onInternalError(name, error);
        return {
          ok: false,
          error: {
            code: 'internal',
            message: `Something went wrong inside Wren: ${(error as Error).message ?? String(error)}`,
          },
        };
      }
    },

    missing() {
      return (Object.keys(calls) as CallName[]).filter((name) => !handlers.has(name));
    },
  };
};
