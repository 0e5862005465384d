import type { RawData } from 'ws';
import { z } from 'zod';
import { MAX_CALL_ID, type ErrorFrame } from '../../src-shared/frames';

/**
 * Reads one frame from a WebSocket client. Anything a client sends is hostile until parsed, so
 * this never throws: every frame becomes a call to run or an answer to send back.
 */

export type CallFrame = { id: number; name: string; input: unknown };

export type ParsedFrame =
  | { kind: 'call'; call: CallFrame }
  /** The id is good, so the client can match the refusal to its call. */
  | { kind: 'refuse-call'; id: number; message: string }
  /** No usable id: the refusal cannot be matched to a call. */
  | { kind: 'refuse-frame'; frame: ErrorFrame };

// Only "is it an object": each field is checked on its own below, to say exactly what is wrong.
const envelopeSchema = z.looseObject({
  type: z.unknown().optional(),
  id: z.unknown().optional(),
  name: z.unknown().optional(),
  input: z.unknown().optional(),
});
// zod's int() takes only safe integers, and number() refuses Infinity (what JSON.parse makes of 1e309).
const idSchema = z.number().int().min(0).max(MAX_CALL_ID);
const nameSchema = z.string().min(1).max(100);

/** A short, log-safe picture of a value for an error message. */
const describe = (value: unknown): string => {
  if (value === undefined) return 'none';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string')
    return value.length > 40 ? `a ${value.length}-character string` : JSON.stringify(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
};

const refuse = (code: ErrorFrame['code'], message: string): ParsedFrame => ({
  kind: 'refuse-frame',
  frame: { type: 'error', code, message },
});

const SHAPE = '{"type":"call","id":1,"name":"bots:list","input":{}}';

const toText = (data: RawData): string => {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
};

export const parseFrame = (data: RawData, isBinary: boolean): ParsedFrame => {
  if (isBinary) return refuse('bad_frame', `Frames must be JSON text, not binary, shaped like ${SHAPE}.`);
  let value: unknown;
  try {
    value = JSON.parse(toText(data));
  } catch {
    return refuse('bad_frame', `Frames must be JSON, shaped like ${SHAPE}.`);
  }
  const envelope = envelopeSchema.safeParse(value);
  if (!envelope.success)
    return refuse('bad_frame', `A frame must be an object shaped like ${SHAPE} (got ${describe(value)}).`);
  const { type, id, name, input } = envelope.data;
  if (type !== 'call') {
    return refuse(
      'bad_frame',
      `A frame's type must be "call" (got ${describe(type)}): send frames shaped like ${SHAPE}.`,
    );
  }
  const goodId = idSchema.safeParse(id);
  if (!goodId.success) {
    return refuse(
      'bad_id',
      `A call's id must be a whole number from 0 to ${MAX_CALL_ID} (got ${describe(id)}): number calls 1, 2, 3… as you send them.`,
    );
  }
  const goodName = nameSchema.safeParse(name);
  if (!goodName.success) {
    return {
      kind: 'refuse-call',
      id: goodId.data,
      message: `A call needs the name of what to call, such as "bots:list" (got ${describe(name)}).`,
    };
  }
  return { kind: 'call', call: { id: goodId.data, name: goodName.data, input } };
};
