import { DisconnectReason } from '@whiskeysockets/baileys';
import { isNetworkUnreachable } from '../network-errors';
import type { CloseReason } from '../transport';

export type CloseInfo = { reason: CloseReason; code: number | null; detail: string | null };

/**
 * Login refusals (`<failure reason=N>`) as WhatsApp Web names them (whatsmeow's
 * ConnectFailureReason), for the detail line a user reads.
 */
const FAILURE_NAMES: Record<number, string> = {
  400: 'generic failure',
  401: 'logged out',
  402: 'temporarily banned',
  403: 'account locked',
  405: 'client outdated',
  406: 'banned',
  409: 'bad user agent',
  413: 'client token expired',
  414: 'client token invalid',
  415: 'not found',
  418: 'client unknown',
  500: 'internal server error',
  501: 'experimental',
  503: 'service unavailable',
};

/** DisconnectReason's members as plain numbers, to switch on a status code. */
const CODE = {
  restartRequired: DisconnectReason.restartRequired as number,
  loggedOut: DisconnectReason.loggedOut as number,
  connectionReplaced: DisconnectReason.connectionReplaced as number,
  forbidden: DisconnectReason.forbidden as number,
  timedOut: DisconnectReason.timedOut as number,
  multideviceMismatch: DisconnectReason.multideviceMismatch as number,
  badSession: DisconnectReason.badSession as number,
};

/**
 * What Baileys throws when the server fails authentication (Utils/noise-handler.js
 * processHandshake; Utils/validate-connection.js configureSuccessfulPairing), real checks since
 * server-auth.ts made its Curve.verify honest.
 */
const SERVER_UNVERIFIED = new Set([
  'invalid noise leaf certificate',
  'invalid noise intermediate certificate',
  'noise certificate signature invalid',
  'noise intermediate certificate signature invalid',
  'certification match failed',
  'Invalid account signature',
  'Failed to verify account signature',
]);

type BoomLike = { message: string; output: { statusCode: number }; data?: unknown };

const isBoomLike = (error: unknown): error is BoomLike => {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { isBoom?: unknown; output?: unknown; message?: unknown };
  const output = candidate.output as { statusCode?: unknown } | undefined;
  return (
    candidate.isBoom === true &&
    typeof output === 'object' &&
    output !== null &&
    typeof output.statusCode === 'number' &&
    typeof candidate.message === 'string'
  );
};

/** The reason node Baileys attaches to a stream error: `{ tag: 'conflict', attrs: { type } }`. */
const streamReasonNode = (data: unknown): { tag: string; type: string | null } | null => {
  if (typeof data !== 'object' || data === null) return null;
  const node = data as { tag?: unknown; attrs?: unknown };
  if (typeof node.tag !== 'string') return null;
  const attrs = (typeof node.attrs === 'object' && node.attrs !== null ? node.attrs : {}) as Record<string, unknown>;
  return { tag: node.tag, type: typeof attrs['type'] === 'string' ? attrs['type'] : null };
};

/**
 * Maps the error of a Baileys `connection: 'close'` update (lastDisconnect.error) to why the
 * socket closed. Baileys closes with a Boom whose status code is a DisconnectReason, a WhatsApp
 * `<failure reason>` or a stream error code (Socket/socket.js); anything else is a local error.
 *
 * `bad-session` makes the runner wipe the session, and Baileys uses 500 as its catch-all (a Boom
 * with no status code, an unmapped WebSocket error, a cancelled timer), so only a stream error
 * the server sent is taken as "the session is unusable"; other 500s are a lost connection.
 */
export const mapDisconnect = (error: unknown): CloseInfo => {
  if (!isBoomLike(error)) {
    const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : null;
    return { reason: isNetworkUnreachable(error) ? 'offline' : 'connection-lost', code: null, detail };
  }
  const code = error.output.statusCode;
  const message = error.message;
  const info = (reason: CloseReason, detail = message): CloseInfo => ({ reason, code, detail });

  // The socket itself failed (DNS, refused, TLS, HTTP status on the upgrade): never about the account.
  if (message.startsWith('WebSocket Error')) return info(isNetworkUnreachable(error) ? 'offline' : 'connection-lost');
  if (SERVER_UNVERIFIED.has(message)) return info('server-unverified');

  const isStreamError = message.startsWith('Stream Errored');
  const isLoginFailure = message === 'Connection Failure';
  const reasonNode = isStreamError ? streamReasonNode(error.data) : null;
  if (reasonNode?.tag === 'conflict' && reasonNode.type === 'device_removed') return info('logged-out');
  const failureDetail = isLoginFailure
    ? `WhatsApp refused the login (${code}: ${FAILURE_NAMES[code] ?? 'unknown'})`
    : message;

  switch (code) {
    case CODE.restartRequired:
      return info('restart-required');
    case CODE.loggedOut:
      return info('logged-out', failureDetail);
    case CODE.connectionReplaced:
      return info('replaced');
    case CODE.forbidden:
    case 402:
    case 406:
      return info('banned', failureDetail);
    case CODE.timedOut:
      // 408 is also the keep-alive timeout and every query timeout; only this one ends linking.
      return info(message === 'QR refs attempts ended' ? 'qr-expired' : 'connection-lost');
    case CODE.multideviceMismatch:
      // `<ib><downgrade_webclient/>`: the account will not serve this linked device. Retrying
      // cannot help; linking again is the only way out.
      return info('bad-session');
    case CODE.badSession:
      return info(isStreamError ? 'bad-session' : 'connection-lost', failureDetail);
    default:
      // 428 (closed), 503 (unavailable), other login refusals (405 outdated, 409, 413, ...) and
      // anything new: reconnect with backoff, and show why.
      return info('connection-lost', failureDetail);
  }
};
