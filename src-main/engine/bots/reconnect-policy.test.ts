import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  backoffDelay,
  decide,
  MAX_IMMEDIATE_RESTARTS,
  OFFLINE_RETRY_CAP_MS,
  REASONS,
} from './reconnect-policy';

const ctx = (attempt = 0, immediateRestarts = 0, random = () => 0.5) => ({ attempt, immediateRestarts, random });

describe('backoff', () => {
  it('starts at 1 s and doubles to a 60 s cap', () => {
    const exact = () => 0.5; // jitter factor 1.0
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, exact))).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000,
    ]);
  });

  it('jitters by at most 20 % and never passes the cap', () => {
    expect(backoffDelay(1, () => 0)).toBe(800);
    expect(backoffDelay(1, () => 0.9999)).toBe(1200);
    expect(backoffDelay(12, () => 0.9999)).toBe(BACKOFF_CAP_MS);
  });
});

describe('what happens after a close', () => {
  it('restarts at once when WhatsApp asks (515), but not forever', () => {
    expect(decide('restart-required', ctx()).action).toBe('reconnect-now');
    expect(decide('restart-required', ctx(0, MAX_IMMEDIATE_RESTARTS)).action).toBe('reconnect-later');
  });

  it('stops and asks to relink when logged out (401) or the session is bad (500)', () => {
    expect(decide('logged-out', ctx())).toEqual({
      action: 'stop',
      status: 'logged_out',
      reason: REASONS.loggedOut,
      clearSession: true,
    });
    expect(decide('bad-session', ctx())).toMatchObject({ action: 'stop', status: 'logged_out', clearSession: true });
  });

  it('fails without looping when replaced (440) or banned (403/402/406), keeping the session', () => {
    expect(decide('replaced', ctx())).toMatchObject({
      action: 'stop',
      status: 'failed',
      clearSession: false,
      reason: expect.stringMatching(/took over this session/),
    });
    expect(decide('banned', ctx())).toMatchObject({
      action: 'stop',
      status: 'failed',
      reason: expect.stringMatching(/banned or restricted/),
    });
  });

  it('goes back to "not linked" when every QR expired', () => {
    expect(decide('qr-expired', ctx())).toMatchObject({ action: 'stop', status: 'created' });
  });

  it('reconnects lost and dead connections with growing delays', () => {
    const first = decide('connection-lost', ctx(0));
    const fourth = decide('timed-out', ctx(3));
    expect(first).toMatchObject({ action: 'reconnect-later', delayMs: 1000 });
    expect(fourth).toMatchObject({ action: 'reconnect-later', delayMs: 8000 });
  });

  it('with no internet at all says so and tries at least every 15 s, so the QR is back soon after', () => {
    expect(decide('offline', ctx(0))).toMatchObject({
      action: 'reconnect-later',
      status: 'offline',
      reason: 'This PC cannot reach WhatsApp — check the internet connection.',
    });
    const late = decide('offline', ctx(10));
    expect(late.action === 'reconnect-later' && late.delayMs).toBe(OFFLINE_RETRY_CAP_MS);
  });

  it('says plainly when the server could not be verified, and retries only with backoff', () => {
    expect(decide('server-unverified', ctx(0))).toEqual({
      action: 'reconnect-later',
      delayMs: 1000,
      reason: "Could not verify WhatsApp's server — check your network.",
      status: 'reconnecting',
    });
    expect(decide('server-unverified', ctx(10))).toMatchObject({ action: 'reconnect-later', delayMs: BACKOFF_CAP_MS });
  });
});
