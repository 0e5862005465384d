import { describe, expect, it } from 'vitest';
import { SendError } from '../transport';
import { asSendError } from './send-error';

const boom = (statusCode: number, data?: unknown) =>
  Object.assign(new Error('boom'), { isBoom: true, output: { statusCode }, data });

describe('asSendError', () => {
  it('reads WhatsApp’s code from a Boom error and says what it means', () => {
    const error = asSendError(boom(463));
    expect(error).toBeInstanceOf(SendError);
    expect(error.code).toBe(463);
    expect(error.kind).toBe('rate-limit');
    expect(error.message).toMatch(/limits new chats/);
  });

  it('prefers the code in the error data', () => {
    expect(asSendError(boom(400, { code: '475' })).kind).toBe('rate-limit');
    expect(asSendError(boom(500, { code: 404 }))).toMatchObject({ kind: 'permanent', code: 404 });
  });

  it('treats a local failure (no code, or Baileys’ own 500) as worth another try', () => {
    expect(asSendError(new Error('Connection Closed'))).toMatchObject({ kind: 'transient', code: null });
    expect(asSendError(boom(500))).toMatchObject({ kind: 'transient', code: null, message: 'boom' });
    expect(asSendError('odd')).toMatchObject({ kind: 'transient', message: 'The message could not be sent.' });
  });
});
