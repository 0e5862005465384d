/**
 * What a user may attach to a message, shared by the composer (which refuses a file before reading
 * it) and the engine (which checks again, including the file's first bytes). WhatsApp itself caps
 * photos, videos and voice notes at 16 MB; documents may be larger there, but Wren keeps one cap
 * so a send never stalls the app.
 */
export const ATTACHMENT_MAX_BYTES = 16 * 1024 * 1024;

/** How the file goes out on WhatsApp. */
export type AttachmentKind = 'image' | 'video' | 'audio' | 'document';

type FileType = { mime: string; kind: AttachmentKind; label: string };

/** By extension, lower case. Anything else (programs, scripts, archives of unknown kind) is refused. */
const TYPES: Record<string, FileType> = {
  jpg: { mime: 'image/jpeg', kind: 'image', label: 'JPEG image' },
  jpeg: { mime: 'image/jpeg', kind: 'image', label: 'JPEG image' },
  png: { mime: 'image/png', kind: 'image', label: 'PNG image' },
  webp: { mime: 'image/webp', kind: 'image', label: 'WebP image' },
  mp4: { mime: 'video/mp4', kind: 'video', label: 'MP4 video' },
  mp3: { mime: 'audio/mpeg', kind: 'audio', label: 'MP3 audio' },
  ogg: { mime: 'audio/ogg', kind: 'audio', label: 'Ogg audio' },
  m4a: { mime: 'audio/mp4', kind: 'audio', label: 'M4A audio' },
  pdf: { mime: 'application/pdf', kind: 'document', label: 'PDF document' },
  txt: { mime: 'text/plain', kind: 'document', label: 'text file' },
  csv: { mime: 'text/csv', kind: 'document', label: 'CSV file' },
  doc: { mime: 'application/msword', kind: 'document', label: 'Word document' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    kind: 'document',
    label: 'Word document',
  },
  xls: { mime: 'application/vnd.ms-excel', kind: 'document', label: 'Excel workbook' },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    kind: 'document',
    label: 'Excel workbook',
  },
  ppt: { mime: 'application/vnd.ms-powerpoint', kind: 'document', label: 'PowerPoint file' },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    kind: 'document',
    label: 'PowerPoint file',
  },
  odt: { mime: 'application/vnd.oasis.opendocument.text', kind: 'document', label: 'OpenDocument text' },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', kind: 'document', label: 'OpenDocument sheet' },
  zip: { mime: 'application/zip', kind: 'document', label: 'ZIP archive' },
};

/** For the file picker's `accept`. */
export const ATTACHMENT_ACCEPT = Object.keys(TYPES)
  .map((ext) => `.${ext}`)
  .join(',');

export const formatBytes = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
};

const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
};

export type AttachmentCheck = { ok: true; type: FileType } | { ok: false; message: string };

/** The checks that need only the name and size: done before the file is read. */
export const checkAttachment = (name: string, size: number): AttachmentCheck => {
  const type = TYPES[extensionOf(name)];
  if (!type) {
    return {
      ok: false,
      message: `“${name}” cannot be sent: attach a photo (JPG, PNG, WebP), a video (MP4), audio (MP3, OGG, M4A) or a document (PDF, Word, Excel, PowerPoint, text, CSV, ZIP).`,
    };
  }
  if (size === 0) return { ok: false, message: `“${name}” is empty.` };
  if (size > ATTACHMENT_MAX_BYTES) {
    return {
      ok: false,
      message: `“${name}” is ${formatBytes(size)}; files can be at most ${formatBytes(ATTACHMENT_MAX_BYTES)}. Send a smaller file or a link to it.`,
    };
  }
  return { ok: true, type };
};

const startsWith = (bytes: Uint8Array, signature: number[], at = 0): boolean =>
  signature.every((b, i) => bytes[at + i] === b);

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** Whether the first bytes are what the extension promises (a renamed program is refused). */
const CONTENT: Record<string, (bytes: Uint8Array) => boolean> = {
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/webp': (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8),
  'video/mp4': (b) => startsWith(b, ascii('ftyp'), 4),
  'audio/mp4': (b) => startsWith(b, ascii('ftyp'), 4),
  'audio/mpeg': (b) => startsWith(b, ascii('ID3')) || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0),
  'audio/ogg': (b) => startsWith(b, ascii('OggS')),
  'application/pdf': (b) => startsWith(b, ascii('%PDF-')),
  // Office 97–2003 files share the OLE compound-file signature; the newer ones are ZIP files.
  'application/msword': (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0]),
  'application/vnd.ms-excel': (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0]),
  'application/vnd.ms-powerpoint': (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0]),
  'text/plain': (b) => !b.subarray(0, 8192).includes(0),
  'text/csv': (b) => !b.subarray(0, 8192).includes(0),
};
const isZip = (b: Uint8Array): boolean => startsWith(b, [0x50, 0x4b, 0x03, 0x04]);

/** The full check, with the bytes: name, size and content must agree. */
export const checkAttachmentBytes = (name: string, bytes: Uint8Array): AttachmentCheck => {
  const check = checkAttachment(name, bytes.byteLength);
  if (!check.ok) return check;
  const matches = CONTENT[check.type.mime] ?? isZip;
  if (!matches(bytes)) {
    return {
      ok: false,
      message: `“${name}” is not a real ${check.type.label}: its contents do not match its name. Save it again in that format, or rename it to what it really is.`,
    };
  }
  return check;
};
