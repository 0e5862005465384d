import { SendError } from '../transport';

type BoomLike = { isBoom?: boolean; output?: { statusCode?: number }; data?: unknown; message?: string };

/** Plain words for the codes WhatsApp answers a send with (see WA-PROTOCOL.md). */
const REASONS: Partial<Record<number, string>> = {
  400: 'WhatsApp refused the message as malformed.',
  401: 'The session is no longer valid.',
  403: 'WhatsApp does not allow this number to message that contact.',
  404: 'That number is not on WhatsApp.',
  406: 'WhatsApp refused the message (the number may be restricted).',
  421: 'The contact cannot receive messages from this number.',
  429: 'WhatsApp says this number is sending too fast (rate limited).',
  463: 'WhatsApp limits new chats from this number for now (463).',
  475: 'WhatsApp has capped messages to new contacts for this number (475).',
  479: 'WhatsApp rejected the message (479).',
};

const numericCode = (value: unknown): number | null => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
};

/**
 * Baileys throws Boom errors whose status code (or `data.code`) is WhatsApp's; anything else is a
 * local problem (socket gone, timeout) and worth another try.
 */
export const asSendError = (error: unknown): SendError => {
  if (error instanceof SendError) return error;
  const boom = (typeof error === 'object' && error !== null ? error : {}) as BoomLike;
  const data = typeof boom.data === 'object' && boom.data !== null ? (boom.data as { code?: unknown }) : {};
  const code = numericCode(data.code) ?? (boom.isBoom ? numericCode(boom.output?.statusCode) : null);
  // Boom's generic 500 is Baileys' own wrapper around a local failure, not a WhatsApp verdict.
  const known = code !== null && code !== 500 ? code : null;
  const message = (known !== null ? REASONS[known] : undefined) ?? boom.message ?? 'The message could not be sent.';
  return new SendError(message, known);
};
