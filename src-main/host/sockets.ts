import type { WebSocket } from 'ws';
import { events as eventSchemas, type EventName, type Reply } from '../../src-shared/contract';
import { CLOSE_CODES, MAX_FRAME_BYTES } from '../../src-shared/frames';
import type { Engine } from '../engine';
import type { Logger } from '../engine/log/logger';
import { parseFrame, type CallFrame } from './frames';

/**
 * The engine's contract over the host's WebSockets: calls in, replies and events out. One client's
 * frames cost that client at most its socket, never the host.
 */

/**
 * How much may wait in one client's send buffer before it counts as stuck. A browser tab that
 * reads normally stays far below; one that stopped reading would otherwise grow without bound.
 */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export type SocketHub = {
  attach(ws: WebSocket): void;
  /** Stops the events and drops every client at once (the host is closing). */
  close(): void;
};

const INTERNAL: Reply<never> = {
  ok: false,
  error: { code: 'internal', message: 'Wren hit an internal error; try again.' },
};

const MIB = 1024 * 1024;

/** What a ws error means, for one log line (the library's own codes are not for people). */
const explain = (error: Error & { code?: unknown }): string => {
  if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return `it sent a frame over ${MAX_FRAME_BYTES / MIB} MiB`;
  if (error.code === 'WS_ERR_INVALID_UTF8') return 'it sent text that is not valid UTF-8';
  return `of a protocol error (${error.message})`;
};

export const createSocketHub = (options: { engine: Engine; logger: Logger; maxBufferedBytes?: number }): SocketHub => {
  const { engine, logger } = options;
  const maxBuffered = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  // Every socket until it has closed, including ones we are closing: close() must end them all.
  const clients = new Set<WebSocket>();

  /** Sends one frame, unless the client has stopped reading: then it is closed instead. */
  const deliver = (ws: WebSocket, frame: string) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > maxBuffered) {
      logger.warn(
        { waitingBytes: ws.bufferedAmount },
        'Closed a WebSocket client that stopped reading (over %d MiB waiting); it reconnects and reloads',
        maxBuffered / MIB,
      );
      // The close frame waits behind the stuck data; ws destroys the socket if no answer comes.
      ws.close(CLOSE_CODES.tooSlow, 'Too far behind on events: reconnect to reload.');
      return;
    }
    ws.send(frame);
  };

  const run = (ws: WebSocket, call: CallFrame) => {
    let pending: Promise<Reply<unknown>>;
    try {
      pending = engine.dispatch(call.name, call.input);
    } catch (error) {
      pending = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    void pending
      .catch((error: unknown) => {
        // The dispatcher answers every failure itself; this is for a bug around it, which must
        // cost one call, not the whole host (an unhandled rejection ends the process).
        logger.error({ err: error, call: call.name }, 'A call failed outside the dispatcher');
        return INTERNAL;
      })
      .then((reply) => deliver(ws, JSON.stringify({ type: 'reply', id: call.id, reply })))
      .catch((error: unknown) => logger.error({ err: error, call: call.name }, 'Sending a reply failed'));
  };

  const onFrame = (ws: WebSocket, ...[data, isBinary]: Parameters<typeof parseFrame>) => {
    const parsed = parseFrame(data, isBinary);
    if (parsed.kind === 'call') return run(ws, parsed.call);
    if (parsed.kind === 'refuse-call') {
      const reply: Reply<never> = { ok: false, error: { code: 'invalid_input', message: parsed.message } };
      return deliver(ws, JSON.stringify({ type: 'reply', id: parsed.id, reply }));
    }
    deliver(ws, JSON.stringify(parsed.frame));
  };

  const attach = (ws: WebSocket) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    // Without a listener, ws's 'error' (a frame over maxPayload, text that is not UTF-8) would be
    // thrown and end the process. ws has already closed the socket with the fitting code.
    ws.on('error', (error: Error & { code?: unknown }) =>
      logger.warn({ code: error.code }, 'Closed a WebSocket client because %s', explain(error)),
    );
    ws.on('message', (data, isBinary) => {
      try {
        onFrame(ws, data, isBinary);
      } catch (error) {
        logger.error({ err: error }, 'Handling a WebSocket frame failed');
      }
    });
  };

  const unsubscribers = (Object.keys(eventSchemas) as EventName[]).map((name) =>
    engine.events.on(name, (payload) => {
      const frame = JSON.stringify({ type: 'event', name, payload });
      for (const ws of clients) deliver(ws, frame);
    }),
  );

  return {
    attach,
    close() {
      for (const off of unsubscribers) off();
      for (const ws of clients) ws.terminate();
      clients.clear();
    },
  };
};
