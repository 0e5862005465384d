import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES, formatBytes } from './attachments';
import { call } from './call';

/**
 * Large files (a CSV to import, a photo to send) cross to the engine as an upload: begun with its
 * size, sent in chunks no larger than one WebSocket frame may carry, then named by its id in the
 * call that uses it. Nothing a person can pick in the UI makes one huge frame, and the UI can show
 * how far along it is.
 */

/** Bytes per chunk before base64: 683 KiB as text, well inside a 2 MiB frame. */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;
const CHUNK_BASE64_MAX = Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4;

/** What an upload is for, and the largest file each may be. */
export const UPLOAD_LIMITS = {
  /** A contacts table: 100,000 rows of a wide export fit easily. */
  csv: 40 * 1024 * 1024,
  /** A photo, video, voice note or document (WhatsApp's own limit for what Wren sends). */
  file: ATTACHMENT_MAX_BYTES,
} as const;
export type UploadPurpose = keyof typeof UPLOAD_LIMITS;

export const uploadIdSchema = z
  .string()
  .regex(/^up_[A-Za-z0-9_-]{8,64}$/, 'That upload id is not one Wren gave out. Start the upload again.');

const base64 = z
  .string()
  .min(1, 'A chunk carries at least one byte.')
  .max(CHUNK_BASE64_MAX, `Send chunks of at most ${formatBytes(UPLOAD_CHUNK_BYTES)}.`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Chunk data must be base64.');

/**
 * A file given inline (`field`: base64 `data`, or `csv` text; small files) or by upload
 * (`uploadId`): exactly one of them. Spread into zod's refine: `.refine(...fileSource('data', …))`.
 */
export const fileSource = (field: 'data' | 'csv', what: string) =>
  [
    (input: { [key in 'data' | 'csv' | 'uploadId']?: string | undefined }): boolean =>
      (input[field] === undefined) !== (input.uploadId === undefined),
    { message: `Give the file either as ${what} or as an uploadId, not both or neither.` },
  ] as const;
export const ONE_SOURCE = fileSource('data', 'data');

export const uploadCalls = {
  /** Reserves room for a file of `size` bytes; chunks follow in order. */
  'uploads:begin': call(
    z
      .object({
        purpose: z.enum(['csv', 'file']),
        name: z.string().trim().min(1, 'The file needs a name.').max(255, 'Shorten the file name.'),
        size: z.number().int().min(1, 'The file is empty.'),
      })
      .strict()
      .superRefine((input, ctx) => {
        const max = UPLOAD_LIMITS[input.purpose];
        if (input.size > max) {
          ctx.addIssue({
            code: 'custom',
            path: ['size'],
            message: `“${input.name}” is ${formatBytes(input.size)}; the most Wren takes here is ${formatBytes(max)}.${
              input.purpose === 'csv' ? ' Split the file into smaller ones.' : ''
            }`,
          });
        }
      }),
    z.object({ uploadId: z.string(), chunkBytes: z.number() }),
  ),
  /** The next bytes of an upload, at `offset` (the count received so far). */
  'uploads:chunk': call(
    z.object({ uploadId: uploadIdSchema, offset: z.number().int().min(0), data: base64 }).strict(),
    z.object({ received: z.number(), size: z.number() }),
  ),
  /** Forgets an upload (the person closed the dialog); using it afterwards is refused. */
  'uploads:cancel': call(z.object({ uploadId: uploadIdSchema }).strict(), z.object({ uploadId: z.string() })),
};
