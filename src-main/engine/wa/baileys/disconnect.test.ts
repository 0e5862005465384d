// @hapi/boom is the exact class Baileys throws (its own dependency, hoisted).
import { Boom } from '@hapi/boom';
import {
  DisconnectReason,
  getAllBinaryNodeChildren,
  getCodeFromWSError,
  getErrorCodeFromStreamError,
  type BinaryNode,
} from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { mapDisconnect } from './disconnect';

// Each fixture is built the way Baileys 7.0.0-rc14 builds it in lib/Socket/socket.js.

/** ws.on('CB:stream:error') */
const streamError = (node: BinaryNode) => {
  const [reasonNode] = getAllBinaryNodeChildren(node);
  const { reason, statusCode } = getErrorCodeFromStreamError(node);
  return new Boom(`Stream Errored (${reason})`, { statusCode, data: reasonNode ?? node });
};

/** ws.on('CB:failure') */
const loginFailure = (attrs: Record<string, string>) =>
  new Boom('Connection Failure', { statusCode: +(attrs['reason'] ?? 500), data: attrs });

/** mapWebSocketError */
const wsError = (error: Error & { code?: string }) =>
  new Boom(`WebSocket Error (${error.message})`, { statusCode: getCodeFromWSError(error), data: error });

const stream = (attrs: Record<string, string>, children: BinaryNode[] = []): BinaryNode => ({
  tag: 'stream:error',
  attrs,
  content: children,
});

describe('mapDisconnect', () => {
  it('515 after pairing: restart at once', () => {
    expect(mapDisconnect(streamError(stream({ code: '515' })))).toEqual({
      reason: 'restart-required',
      code: 515,
      detail: 'Stream Errored (restart required)',
    });
  });

  it('401 logout, by login failure, by stream error, by our own logout', () => {
    expect(mapDisconnect(loginFailure({ reason: '401', location: 'frc' }))).toEqual({
      reason: 'logged-out',
      code: 401,
      detail: 'WhatsApp refused the login (401: logged out)',
    });
    expect(
      mapDisconnect(streamError(stream({ code: '401' }, [{ tag: 'conflict', attrs: { type: 'device_removed' } }]))),
    ).toMatchObject({ reason: 'logged-out', code: 401 });
    expect(mapDisconnect(new Boom('Intentional Logout', { statusCode: DisconnectReason.loggedOut }))).toMatchObject({
      reason: 'logged-out',
    });
  });

  it('a device_removed conflict is a logout even without a code', () => {
    expect(
      mapDisconnect(streamError(stream({}, [{ tag: 'conflict', attrs: { type: 'device_removed' } }]))),
    ).toMatchObject({ reason: 'logged-out', code: 440 });
  });

  it('440 replaced by another client', () => {
    expect(mapDisconnect(streamError(stream({}, [{ tag: 'conflict', attrs: { type: 'replaced' } }])))).toEqual({
      reason: 'replaced',
      code: 440,
      detail: 'Stream Errored (conflict)',
    });
  });

  it('402 / 403 / 406 refusals: banned', () => {
    for (const reason of ['402', '403', '406']) {
      expect(mapDisconnect(loginFailure({ reason }))).toMatchObject({ reason: 'banned', code: Number(reason) });
    }
    expect(mapDisconnect(loginFailure({ reason: '406' })).detail).toBe('WhatsApp refused the login (406: banned)');
  });

  it('408 when the QR refs run out: qr-expired', () => {
    const error = new Boom('QR refs attempts ended', { statusCode: DisconnectReason.timedOut });
    expect(mapDisconnect(error)).toEqual({ reason: 'qr-expired', code: 408, detail: 'QR refs attempts ended' });
  });

  it('408 otherwise (keep-alive, handshake timeout, DNS): connection lost', () => {
    expect(
      mapDisconnect(new Boom('Connection was lost', { statusCode: DisconnectReason.connectionLost })),
    ).toMatchObject({
      reason: 'connection-lost',
      code: 408,
    });
    expect(mapDisconnect(new Boom('Timed Out', { statusCode: 408, data: { stack: '' } }))).toMatchObject({
      reason: 'connection-lost',
    });
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND web.whatsapp.com'), { code: 'ENOTFOUND' });
    expect(mapDisconnect(wsError(dns))).toMatchObject({ reason: 'offline', code: 408 });
  });

  it('no route at all (DNS, network unreachable, refused): offline, not a lost connection', () => {
    for (const code of ['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'ECONNREFUSED']) {
      const error = Object.assign(new Error(`connect ${code} web.whatsapp.com`), { code });
      expect(mapDisconnect(wsError(error)).reason).toBe('offline');
      expect(mapDisconnect(error).reason).toBe('offline');
    }
    expect(mapDisconnect(wsError(new Error('socket hang up'))).reason).toBe('connection-lost');
  });

  it('500 from an unrecognised server stream error: bad session', () => {
    expect(mapDisconnect(streamError(stream({}, [{ tag: 'bad-mac', attrs: {} }])))).toEqual({
      reason: 'bad-session',
      code: 500,
      detail: 'Stream Errored (bad-mac)',
    });
  });

  it("500 from Baileys' catch-alls is not taken as a dead session", () => {
    expect(mapDisconnect(wsError(new Error('socket hang up')))).toMatchObject({ reason: 'connection-lost', code: 500 });
    expect(mapDisconnect(new Boom('Missing device-identity or device in pair success node'))).toMatchObject({
      reason: 'connection-lost',
      code: 500,
    });
    expect(mapDisconnect(loginFailure({}))).toMatchObject({
      reason: 'connection-lost',
      code: 500,
      detail: 'WhatsApp refused the login (500: internal server error)',
    });
  });

  it('an HTTP status on the websocket upgrade is a connection problem, not an account state', () => {
    expect(mapDisconnect(wsError(new Error('Unexpected server response: 401')))).toMatchObject({
      reason: 'connection-lost',
      code: 401,
    });
  });

  it('428 closed, 503 unavailable, 405 outdated: connection lost', () => {
    expect(mapDisconnect(new Boom('Connection Terminated', { statusCode: DisconnectReason.connectionClosed }))).toEqual(
      {
        reason: 'connection-lost',
        code: 428,
        detail: 'Connection Terminated',
      },
    );
    expect(mapDisconnect(new Boom('Connection Terminated by Server', { statusCode: 428 }))).toMatchObject({
      reason: 'connection-lost',
    });
    expect(mapDisconnect(streamError(stream({ code: '503' })))).toMatchObject({ reason: 'connection-lost', code: 503 });
    expect(mapDisconnect(loginFailure({ reason: '405' }))).toEqual({
      reason: 'connection-lost',
      code: 405,
      detail: 'WhatsApp refused the login (405: client outdated)',
    });
  });

  it('411 multi-device mismatch: relinking is the only way out', () => {
    const error = new Boom('Multi-device beta not joined', { statusCode: DisconnectReason.multideviceMismatch });
    expect(mapDisconnect(error)).toMatchObject({ reason: 'bad-session', code: 411 });
  });

  it('a server that fails authentication (certificates, pairing signatures): server-unverified', () => {
    // Utils/noise-handler.js processHandshake
    expect(mapDisconnect(new Boom('noise certificate signature invalid', { statusCode: 400 }))).toEqual({
      reason: 'server-unverified',
      code: 400,
      detail: 'noise certificate signature invalid',
    });
    expect(mapDisconnect(new Boom('certification match failed', { statusCode: 400 }))).toMatchObject({
      reason: 'server-unverified',
    });
    // Utils/validate-connection.js configureSuccessfulPairing
    expect(mapDisconnect(new Boom('Failed to verify account signature'))).toMatchObject({
      reason: 'server-unverified',
      code: 500,
    });
    expect(mapDisconnect(new Boom('Invalid account signature'))).toMatchObject({ reason: 'server-unverified' });
  });

  it('a plain Error, a string or nothing: connection lost', () => {
    expect(mapDisconnect(new Error('noise handshake broke'))).toEqual({
      reason: 'connection-lost',
      code: null,
      detail: 'noise handshake broke',
    });
    expect(mapDisconnect('weird')).toEqual({ reason: 'connection-lost', code: null, detail: 'weird' });
    expect(mapDisconnect(undefined)).toEqual({ reason: 'connection-lost', code: null, detail: null });
  });
});
