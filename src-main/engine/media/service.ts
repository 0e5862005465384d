import type Database from 'better-sqlite3';
import { checkAttachmentBytes, formatBytes, type AttachmentKind } from '../../../src-shared/attachments';
import { ContractError } from '../../../src-shared/contract';
import type { Logger } from '../log/logger';
import type { Transport } from '../wa/transport';
import type { StoredMedia } from '../inbox/writer';
import type { MediaStore } from './store';
import { imageFacts } from './thumbnail';

/** Files downloaded as they arrive (when the bot's setting says so); larger ones wait to be opened. */
export const AUTO_DOWNLOAD_MAX_BYTES = 16 * 1024 * 1024;
/** Nothing larger is ever downloaded. */
export const DOWNLOAD_MAX_BYTES = 100 * 1024 * 1024;
/** Downloads at once, across bots: enough to keep up, few enough not to starve the UI. */
const CONCURRENT_DOWNLOADS = 2;

type MediaRow = {
  message_id: number;
  bot_id: string;
  chat_id: number;
  wa_id: string;
  kind: string;
  mime: string;
  file_name: string | null;
  size: number | null;
  state: 'remote' | 'stored' | 'failed' | 'too-large';
  sha256: string | null;
  ref: string | null;
};

export type MediaFile = { name: string; mime: string; bytes: Buffer };

export type MediaDeps = {
  sqlite: Database.Database;
  store: MediaStore;
  logger: Logger;
  onlineTransport(botId: string): Transport | null;
  autoDownload(botId: string): boolean;
  /** A message's file changed (downloaded, failed): tell the UI. */
  changed(botId: string, messageId: number, chatId: number): void;
};

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'application/pdf': 'pdf',
};

export type MediaService = ReturnType<typeof createMediaService>;

/**
 * The files of messages: downloads from WhatsApp into the content-addressed store (at once or when
 * opened), thumbnails with sharp, and the checks and storage of files the user attaches.
 */
export const createMediaService = (deps: MediaDeps) => {
  const { sqlite, store, logger } = deps;
  const rowOf = sqlite.prepare<[number], MediaRow>(
    `SELECT f.message_id, m.bot_id, m.chat_id, m.wa_id, m.kind, f.mime, f.file_name, f.size, f.state, f.sha256, f.ref
     FROM media f JOIN messages m ON m.id = f.message_id WHERE f.message_id = ?`,
  );
  const setStored = sqlite.prepare<[string, number, number | null, number | null, Buffer | null, number]>(
    `UPDATE media SET state = 'stored', error = NULL, sha256 = ?, size = ?, width = coalesce(?, width),
       height = coalesce(?, height), thumb = coalesce(?, thumb) WHERE message_id = ?`,
  );
  const setFailed = sqlite.prepare<[string, string, number]>(
    'UPDATE media SET state = ?, error = ? WHERE message_id = ?',
  );

  const inFlight = new Map<number, Promise<MediaFile>>();
  const waiting: (() => void)[] = [];
  let running = 0;

  /** Runs `task` when one of the download slots is free. */
  const slot = async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= CONCURRENT_DOWNLOADS) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };

  const nameOf = (row: MediaRow): string =>
    row.file_name ?? `${row.kind}-${row.wa_id}.${EXTENSIONS[row.mime] ?? 'bin'}`;

  const fail = (row: MediaRow, state: 'failed' | 'too-large', reason: string): never => {
    setFailed.run(state, reason, row.message_id);
    deps.changed(row.bot_id, row.message_id, row.chat_id);
    throw new ContractError('invalid_state', reason);
  };

  const download = async (row: MediaRow): Promise<MediaFile> => {
    if (!row.ref)
      return fail(row, 'failed', 'WhatsApp did not say where this file is; ask the sender to send it again.');
    if (row.size !== null && row.size > DOWNLOAD_MAX_BYTES) {
      return fail(
        row,
        'too-large',
        `This file is ${formatBytes(row.size)}; Wren downloads files up to ${formatBytes(DOWNLOAD_MAX_BYTES)}.`,
      );
    }
    const transport = deps.onlineTransport(row.bot_id);
    if (!transport) {
      throw new ContractError('invalid_state', 'The bot is offline: start it to download this file.');
    }
    let bytes: Buffer;
    try {
      bytes = Buffer.from(await slot(() => transport.downloadMedia(row.ref ?? '')));
    } catch (error) {
      return fail(row, 'failed', (error as Error).message);
    }
    const sha256 = await store.put(bytes);
    const visual = row.mime.startsWith('image/');
    const facts = visual ? await imageFacts(bytes) : { width: null, height: null, thumb: null };
    setStored.run(sha256, bytes.byteLength, facts.width, facts.height, facts.thumb, row.message_id);
    deps.changed(row.bot_id, row.message_id, row.chat_id);
    return { name: nameOf(row), mime: row.mime, bytes };
  };

  /** The file of a message, downloaded first if it is not stored yet (one download per file at once). */
  const file = async (messageId: number): Promise<MediaFile> => {
    const row = rowOf.get(messageId);
    if (!row) throw new ContractError('not_found', 'That message has no file (or it was deleted).');
    if (row.state === 'stored' && row.sha256) {
      const bytes = await store.get(row.sha256);
      if (bytes) return { name: nameOf(row), mime: row.mime, bytes };
      // The file went missing from the media folder: fetch it again while WhatsApp still has it.
    }
    const running = inFlight.get(messageId);
    if (running) return running;
    const started = download(row).finally(() => inFlight.delete(messageId));
    inFlight.set(messageId, started);
    return started;
  };

  return {
    file,

    /** New live messages with files: downloaded now when the bot's setting says so. */
    arrived(botId: string, messageIds: number[]): void {
      if (messageIds.length === 0 || !deps.autoDownload(botId)) return;
      for (const messageId of messageIds) {
        const row = rowOf.get(messageId);
        if (!row || row.state !== 'remote') continue;
        if (row.size !== null && row.size > AUTO_DOWNLOAD_MAX_BYTES) continue;
        file(messageId).catch((error: unknown) =>
          logger.warn({ err: error, messageId }, 'media: automatic download failed'),
        );
      }
    },

    /**
     * A file the user attached: checked (type, size, and that its contents match its name), kept
     * in the store, and described for the outbox. Throws a ContractError that says what to change.
     */
    async attach(
      name: string,
      bytes: Buffer,
      options: { sticker?: boolean } = {},
    ): Promise<{ kind: AttachmentKind | 'sticker'; media: StoredMedia }> {
      const check = checkAttachmentBytes(name, bytes);
      if (!check.ok) throw new ContractError('invalid_input', check.message);
      const { mime } = check.type;
      // A sticker is a WebP image that WhatsApp shows without a bubble.
      const kind = options.sticker && mime === 'image/webp' ? 'sticker' : check.type.kind;
      const sha256 = await store.put(bytes);
      const facts =
        kind === 'image' || kind === 'sticker' ? await imageFacts(bytes) : { width: null, height: null, thumb: null };
      if ((kind === 'image' || kind === 'sticker') && facts.thumb === null) {
        throw new ContractError('invalid_input', `“${name}” could not be read as an image. Save it again and retry.`);
      }
      return {
        kind,
        media: {
          mime,
          fileName: name,
          size: bytes.byteLength,
          width: facts.width,
          height: facts.height,
          seconds: null,
          sha256,
          thumb: facts.thumb,
        },
      };
    },

    /** Waits for downloads under way (tests, shutdown). */
    idle: async (): Promise<void> => {
      await Promise.allSettled([...inFlight.values()]);
    },
  };
};
