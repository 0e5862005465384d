import {
  checkAttachment,
  checkAttachmentBytes,
  formatBytes,
  type AttachmentKind,
} from '../../../../src-shared/attachments';
import type { MessageMedia } from '../../../../src-shared/inbox';
import { getClient } from '../../contract';

/** A file chosen in the composer, checked by name, size and first bytes before it is sent. */
export type PendingAttachment = {
  file: File;
  kind: AttachmentKind;
  /** An object URL of the picture itself, for the preview; null for other files. */
  previewUrl: string | null;
  /** Why the engine would refuse it (its contents are not what its name says), shown before Send. */
  problem: string | null;
};

/** How much of a file's start the content check needs: signatures sit in the first bytes, and text is checked on 8 KB. */
export const HEAD_BYTES = 8192;

/**
 * The engine's own check at send (src-shared/attachments), run on the first bytes right after the
 * pick, so a renamed file is caught in the preview with the very sentence the engine would give.
 */
export const contentProblem = (name: string, head: Uint8Array): string | null => {
  const check = checkAttachmentBytes(name, head);
  return check.ok ? null : check.message;
};

const readHead = async (file: File): Promise<Uint8Array> =>
  new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());

export const pickAttachment = async (
  file: File,
): Promise<{ ok: true; value: PendingAttachment } | { ok: false; message: string }> => {
  // Name and size first: a program or a 2 GB file is refused before a byte of it is read.
  const check = checkAttachment(file.name, file.size);
  if (!check.ok) return check;
  const kind = check.type.kind;
  let problem: string | null;
  try {
    problem = contentProblem(file.name, await readHead(file));
  } catch {
    problem = `“${file.name}” could not be read. Check that it is still there and choose it again.`;
  }
  // A picture that is not one gets no preview: the browser could not draw it anyway.
  const previewUrl = kind === 'image' && problem === null ? URL.createObjectURL(file) : null;
  return { ok: true, value: { file, kind, previewUrl, problem } };
};

/** "PDF · 1.2 MB" under a document's name. */
export const fileFacts = (media: Pick<MessageMedia, 'mime' | 'fileName' | 'size'>): string => {
  const ext = media.fileName?.includes('.') ? media.fileName.split('.').pop()?.toUpperCase() : null;
  const type = ext ?? media.mime.split('/')[1]?.toUpperCase() ?? 'File';
  return media.size === null ? type : `${type} · ${formatBytes(media.size)}`;
};

export const formatSeconds = (seconds: number): string =>
  `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

export type OpenedFile = { url: string; name: string; mime: string };

/** Opened files stay as object URLs for a while: opening one twice does not fetch it twice. */
const opened = new Map<number, OpenedFile>();
const KEEP_OPENED = 12;

/** The file of a message as an object URL, downloading it from WhatsApp first if needed. */
export const openFile = async (messageId: number): Promise<OpenedFile> => {
  const known = opened.get(messageId);
  if (known) return known;
  const { name, mime, data } = await getClient().call('media:get', { messageId });
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const file = { url: URL.createObjectURL(new Blob([bytes], { type: mime })), name, mime };
  opened.set(messageId, file);
  if (opened.size > KEEP_OPENED) {
    const [oldest] = opened;
    if (oldest) {
      URL.revokeObjectURL(oldest[1].url);
      opened.delete(oldest[0]);
    }
  }
  return file;
};

/** Saves an opened file with its name, as the browser's download does. */
export const saveFile = (file: OpenedFile): void => {
  const link = document.createElement('a');
  link.href = file.url;
  link.download = file.name;
  link.click();
};
