import type { Channel } from '../../../src-shared/client';
import type { Reply } from '../../../src-shared/contract';
import { MAX_FRAME_BYTES } from '../../../src-shared/frames';
import type { Connection, ConnectionState } from './connection';

/** Reconnect backoff: 0.5 s doubling to 5 s, so a restarted host is found again within seconds. */
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 5_000;

const LOST: Reply<never> = {
  ok: false,
  error: { code: 'internal', message: 'Lost the connection to Wren.' },
};
const REFUSED: Reply<never> = {
  ok: false,
  error: { code: 'unauthorized', message: "This link's access token is missing or wrong." },
};

const TOO_LARGE: Reply<never> = {
  ok: false,
  error: {
    code: 'invalid_input',
    message: 'That is too much to send in one go. Attach large files with the paperclip or the import button.',
  },
};

type PendingCall = { frame: string; sent: boolean; resolve: (reply: Reply<unknown>) => void };

type ServerFrame =
  { type: 'reply'; id: number; reply: Reply<unknown> } | { type: 'event'; name: string; payload: unknown };

export type SocketConnectionOptions = {
  token: string | null;
  /** `location.host` of the page: the host serves the renderer and the socket on one port. */
  host?: string;
  secure?: boolean;
  fetch?: typeof fetch;
  WebSocket?: typeof WebSocket;
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The host is trusted, but a malformed frame must not take the page down with it. */
const parseFrame = (data: unknown): ServerFrame | null => {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  if (value.type === 'reply' && typeof value.id === 'number' && isRecord(value.reply)) {
    if (typeof value.reply.ok !== 'boolean') return null;
    return { type: 'reply', id: value.id, reply: value.reply as Reply<unknown> };
  }
  if (value.type === 'event' && typeof value.name === 'string') {
    return { type: 'event', name: value.name, payload: value.payload };
  }
  return null;
};

/**
 * The headless host's contract over one WebSocket. Calls made while the socket is (re)connecting
 * wait for it; calls already sent when it drops fail with "Lost the connection", because the host
 * may or may not have run them and only the caller can decide whether to retry.
 */
export const createSocketConnection = (options: SocketConnectionOptions): Connection => {
  const token = options.token;
  const host = options.host ?? window.location.host;
  const secure = options.secure ?? window.location.protocol === 'https:';
  const doFetch = options.fetch ?? window.fetch.bind(window);
  const Socket = options.WebSocket ?? window.WebSocket;

  let state: ConnectionState = 'connecting';
  let socket: WebSocket | null = null;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;
  const calls = new Map<number, PendingCall>();
  const eventListeners = new Set<(name: string, payload: unknown) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();

  const setState = (next: ConnectionState) => {
    if (state === next) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const settle = (id: number, reply: Reply<unknown>) => {
    const call = calls.get(id);
    if (!call) return;
    calls.delete(id);
    call.resolve(reply);
  };

  const refuse = () => {
    setState('refused');
    for (const id of [...calls.keys()]) settle(id, REFUSED);
  };

  const scheduleReconnect = () => {
    setState('reconnecting');
    if (retryTimer !== null) return;
    const delay = retryMs;
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, delay);
  };

  const flush = () => {
    if (!socket || socket.readyState !== Socket.OPEN) return;
    for (const call of calls.values()) {
      if (call.sent) continue;
      socket.send(call.frame);
      call.sent = true;
    }
  };

  const onFrame = (frame: ServerFrame) => {
    if (frame.type === 'reply') {
      settle(frame.id, frame.reply);
      return;
    }
    for (const listener of eventListeners) {
      try {
        listener(frame.name, frame.payload);
      } catch (error) {
        // One broken listener must not starve the others of the event.
        console.error(`Wren: listener for ${frame.name} failed`, error);
      }
    }
  };

  const openSocket = (authToken: string) => {
    const url = `${secure ? 'wss' : 'ws'}://${host}/ws?token=${encodeURIComponent(authToken)}`;
    const ws = new Socket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = FIRST_RETRY_MS;
      setState('open');
      flush();
    };
    ws.onmessage = (message: MessageEvent) => {
      const frame = parseFrame(message.data);
      if (frame) onFrame(frame);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      for (const [id, call] of calls) if (call.sent) settle(id, LOST);
      // The session check decides whether the token is still good before the next socket.
      scheduleReconnect();
    };
  };

  const connect = async () => {
    if (!token) {
      refuse();
      return;
    }
    let status: number;
    try {
      const response = await doFetch('/api/session', {
        headers: { Authorization: `Bearer ${token}` },
        cache: 'no-store',
      });
      status = response.status;
    } catch {
      // Host not reachable (restarting, or gone): keep trying.
      scheduleReconnect();
      return;
    }
    if (status === 401 || status === 403) {
      refuse();
      return;
    }
    if (status !== 200) {
      scheduleReconnect();
      return;
    }
    openSocket(token);
  };

  const channel: Channel = {
    invoke(name, input) {
      if (state === 'refused') return Promise.resolve(REFUSED);
      const id = nextId++;
      const frame = JSON.stringify({ type: 'call', id, name, input });
      // The host closes the socket on a frame over its cap: refuse it here, for this call only.
      // (UTF-16 length ≤ UTF-8 bytes ≤ 3× it: check the cheap bound first.)
      if (frame.length * 3 > MAX_FRAME_BYTES && new TextEncoder().encode(frame).length > MAX_FRAME_BYTES) {
        return Promise.resolve(TOO_LARGE);
      }
      return new Promise<Reply<unknown>>((resolve) => {
        calls.set(id, { frame, sent: false, resolve });
        flush();
      });
    },
    subscribe(listener) {
      eventListeners.add(listener);
      return () => {
        eventListeners.delete(listener);
      };
    },
  };

  // Back online after a network change: try now rather than waiting out the backoff.
  globalThis.addEventListener?.('online', () => {
    if (state !== 'reconnecting' || retryTimer === null) return;
    clearTimeout(retryTimer);
    retryTimer = null;
    retryMs = FIRST_RETRY_MS;
    void connect();
  });

  void connect();

  return {
    mode: 'headless',
    channel,
    getState: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
  };
};
