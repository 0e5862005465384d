import type { BotStatus } from '../../../src-shared/bots';
import type { Random } from '../random';
import type { CloseReason } from '../wa/transport';

/** What the runner does after a socket closed on its own. */
export type Decision =
  | { action: 'reconnect-now'; note: string }
  | { action: 'reconnect-later'; delayMs: number; reason: string; status: 'reconnecting' | 'offline' }
  | {
      action: 'stop';
      status: Extract<BotStatus, 'logged_out' | 'failed' | 'created'>;
      reason: string;
      clearSession: boolean;
    };

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 60_000;
/** Online this long without a drop and the backoff starts again from 1 s. */
export const STABLE_AFTER_MS = 60_000;
/** More immediate restarts than this in a row and they go through backoff, so a server loop cannot spin us. */
export const MAX_IMMEDIATE_RESTARTS = 3;
/**
 * With no route at all, a try costs only a failed DNS lookup: try at least this often, so the QR
 * (or the bot) is back within seconds of the internet coming back.
 */
export const OFFLINE_RETRY_CAP_MS = 15_000;

/**
 * 1 s doubling to a 60 s cap, with ±20 % jitter so many bots that lost the same network do not
 * all come back in the same instant.
 */
export const backoffDelay = (attempt: number, random: Random): number => {
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = exp * (0.8 + 0.4 * random());
  return Math.round(Math.min(BACKOFF_CAP_MS, jittered));
};

export const REASONS = {
  loggedOut: 'WhatsApp logged this device out. Relink to use this bot again.',
  replaced: 'Another Wren or WhatsApp Web took over this session. Start the bot again to take it back.',
  banned: 'The number is banned or restricted by WhatsApp.',
  qrExpired: 'The QR code expired before it was scanned. Press Link to get a new one.',
  badSession: 'The stored WhatsApp session can no longer be used. Relink this bot.',
  timedOut: 'No answer from WhatsApp for too long.',
  connectionLost: 'Lost the connection to WhatsApp.',
  offline: 'This PC cannot reach WhatsApp — check the internet connection.',
  serverUnverified: "Could not verify WhatsApp's server — check your network.",
} as const;

/**
 * Maps why a socket closed to what happens next. `attempt` counts reconnects since the bot was
 * last stable; `immediateRestarts` counts 515 restarts in a row.
 */
export const decide = (
  reason: Exclude<CloseReason, 'closed-by-app'>,
  ctx: { attempt: number; immediateRestarts: number; random: Random },
): Decision => {
  const later = (why: string): Decision => ({
    action: 'reconnect-later',
    delayMs: backoffDelay(ctx.attempt + 1, ctx.random),
    reason: why,
    status: 'reconnecting',
  });
  switch (reason) {
    case 'restart-required':
      return ctx.immediateRestarts < MAX_IMMEDIATE_RESTARTS
        ? { action: 'reconnect-now', note: 'WhatsApp asked for a restart; reconnecting now.' }
        : later('WhatsApp keeps asking for restarts.');
    case 'logged-out':
      return { action: 'stop', status: 'logged_out', reason: REASONS.loggedOut, clearSession: true };
    case 'bad-session':
      return { action: 'stop', status: 'logged_out', reason: REASONS.badSession, clearSession: true };
    case 'replaced':
      return { action: 'stop', status: 'failed', reason: REASONS.replaced, clearSession: false };
    case 'banned':
      return { action: 'stop', status: 'failed', reason: REASONS.banned, clearSession: false };
    case 'qr-expired':
      return { action: 'stop', status: 'created', reason: REASONS.qrExpired, clearSession: false };
    case 'timed-out':
      return later(REASONS.timedOut);
    case 'connection-lost':
      return later(REASONS.connectionLost);
    case 'offline':
      return {
        action: 'reconnect-later',
        delayMs: Math.min(OFFLINE_RETRY_CAP_MS, backoffDelay(ctx.attempt + 1, ctx.random)),
        reason: REASONS.offline,
        status: 'offline',
      };
    case 'server-unverified':
      // Nothing is sent to an unverified server beyond the handshake's first, anonymous message,
      // so trying again with backoff is safe, and brings the bot back once the network is fixed.
      return later(REASONS.serverUnverified);
  }
};
