import {
  downloadContentFromMessage,
  toNumber,
  type AnyMessageContent,
  type MediaType,
  type proto,
} from '@whiskeysockets/baileys';
import type { IncomingMedia, OutgoingMedia } from '../transport';

/**
 * Files on WhatsApp: what a received photo, video, voice note, document or sticker is, how to
 * fetch it later (the reference the engine stores), and the content Baileys needs to send one.
 */

/** WhatsApp's content types that carry a file, and Baileys' media type for each. */
const MEDIA_TYPES: Record<string, MediaType> = {
  imageMessage: 'image',
  videoMessage: 'video',
  ptvMessage: 'ptv',
  audioMessage: 'audio',
  documentMessage: 'document',
  stickerMessage: 'sticker',
};

type FileMessage = {
  mimetype?: string | null;
  fileLength?: Parameters<typeof toNumber>[0];
  width?: number | null;
  height?: number | null;
  seconds?: number | null;
  fileName?: string | null;
  mediaKey?: Uint8Array | null;
  directPath?: string | null;
  url?: string | null;
  jpegThumbnail?: Uint8Array | null;
};

/** The stored reference: enough for downloadContentFromMessage, as JSON with base64 keys. */
type MediaRef = { type: MediaType; mediaKey: string; directPath: string | null; url: string | null };

const DEFAULT_MIME: Partial<Record<MediaType, string>> = {
  image: 'image/jpeg',
  video: 'video/mp4',
  ptv: 'video/mp4',
  audio: 'audio/ogg',
  sticker: 'image/webp',
  document: 'application/octet-stream',
};

/** The file of a message's content, or null when it carries none (or no key to fetch it with). */
export const mediaOf = (content: proto.IMessage, contentType: string): IncomingMedia | null => {
  const type = MEDIA_TYPES[contentType];
  if (!type) return null;
  const file = (content as Record<string, unknown>)[contentType] as FileMessage | null | undefined;
  if (!file?.mediaKey || (!file.directPath && !file.url)) return null;
  const ref: MediaRef = {
    type,
    mediaKey: Buffer.from(file.mediaKey).toString('base64'),
    directPath: file.directPath ?? null,
    url: file.url ?? null,
  };
  const size = toNumber(file.fileLength);
  return {
    mime: file.mimetype?.split(';')[0]?.trim() || (DEFAULT_MIME[type] ?? 'application/octet-stream'),
    fileName: file.fileName ?? null,
    size: size > 0 ? size : null,
    width: file.width || null,
    height: file.height || null,
    seconds: file.seconds || null,
    ref: JSON.stringify(ref),
    ...(file.jpegThumbnail && file.jpegThumbnail.byteLength > 0 ? { preview: Buffer.from(file.jpegThumbnail) } : {}),
  };
};

const parseRef = (ref: string): MediaRef => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(ref);
  } catch {
    throw new Error('This file reference is damaged; it cannot be downloaded.');
  }
  const r = parsed as Partial<MediaRef>;
  if (typeof r.type !== 'string' || typeof r.mediaKey !== 'string') {
    throw new Error('This file reference is damaged; it cannot be downloaded.');
  }
  return { type: r.type, mediaKey: r.mediaKey, directPath: r.directPath ?? null, url: r.url ?? null };
};

/** Fetches and decrypts a received file, refusing to read past `maxBytes`. */
export const downloadMediaRef = async (ref: string, maxBytes: number): Promise<Uint8Array> => {
  const r = parseRef(ref);
  let stream;
  try {
    stream = await downloadContentFromMessage(
      { mediaKey: Buffer.from(r.mediaKey, 'base64'), directPath: r.directPath, url: r.url },
      r.type,
    );
  } catch (error) {
    const status = (error as { output?: { statusCode?: number } }).output?.statusCode;
    if (status === 404 || status === 410) throw new Error('This file is no longer available on WhatsApp (it expired).');
    throw error;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      stream.destroy();
      throw new Error(
        `This file is larger than ${Math.round(maxBytes / (1024 * 1024))} MB; Wren does not download it.`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
};

/** What Baileys sends for a file (it encrypts and uploads it, and makes the thumbnail itself). */
export const contentFor = (media: OutgoingMedia): AnyMessageContent => {
  const bytes = Buffer.from(media.bytes);
  const caption = media.caption ?? undefined;
  switch (media.kind) {
    case 'image':
      return { image: bytes, mimetype: media.mime, ...(caption ? { caption } : {}) };
    case 'video':
      return { video: bytes, mimetype: media.mime, ...(caption ? { caption } : {}) };
    case 'audio':
      // Voice notes carry no caption on WhatsApp; a caption goes with documents and visuals only.
      return { audio: bytes, mimetype: media.mime };
    case 'document':
      return { document: bytes, mimetype: media.mime, fileName: media.fileName, ...(caption ? { caption } : {}) };
    case 'sticker':
      return { sticker: bytes };
  }
};
