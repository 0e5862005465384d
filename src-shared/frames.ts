/**
 * The headless host's WebSocket frames, shared by the host and the UI's socket client. The client
 * sends only calls; the host sends replies, events, and an error frame for a frame it could not
 * take as a call (the client cannot match that to one of its calls, so it is for logs and tools).
 */

/**
 * The most one frame may carry, in bytes as sent. Large payloads (CSV files, attachments) travel
 * as uploads in chunks of at most 512 KiB decoded (about 683 KiB as base64), so the cap leaves
 * room for the envelope with a wide margin while bounding what one frame makes the host hold.
 * A larger frame is refused by the socket itself, which closes with CLOSE_CODES.tooLarge: a client
 * should check a frame's size before sending it.
 */
export const MAX_FRAME_BYTES = 2 * 1024 * 1024;

/** Ids the client numbers its calls with: JSON carries them exactly only up to 2^53 - 1. */
export const MAX_CALL_ID = Number.MAX_SAFE_INTEGER;

/**
 * Close codes the host uses. 1007 and 1009 are the protocol's own (set by the ws library); 4000
 * is Wren's: the client fell so far behind on events that catching up would cost more than
 * reconnecting and reloading.
 */
export const CLOSE_CODES = {
  invalidText: 1007,
  tooLarge: 1009,
  tooSlow: 4000,
} as const;

export type FrameErrorCode = 'bad_frame' | 'bad_id';

export type ErrorFrame = { type: 'error'; code: FrameErrorCode; message: string };
