import { randomBytes } from 'node:crypto';
import { formatBytes } from '../../../src-shared/attachments';
import { ContractError } from '../../../src-shared/contract';
import { UPLOAD_CHUNK_BYTES, type UploadPurpose } from '../../../src-shared/uploads';
import type { Clock } from '../clock';

/**
 * Files on their way in from the UI, held in memory between `uploads:begin` and the call that
 * uses them. Bounded three ways, since a client is untrusted: each upload by its purpose's limit
 * (checked by the contract), all of them together by `maxTotalBytes` reserved up front, and in
 * time: one left alone for `idleMs` is dropped.
 */
export type UploadStore = {
  begin(purpose: UploadPurpose, name: string, size: number): { uploadId: string; chunkBytes: number };
  chunk(uploadId: string, offset: number, base64: string): { received: number; size: number };
  cancel(uploadId: string): { uploadId: string };
  /** The whole file of a finished upload, checked to be for `purpose`. The upload stays until released. */
  bytes(uploadId: string, purpose: UploadPurpose): { name: string; bytes: Buffer };
  release(uploadId: string): void;
  /** Bytes reserved by open uploads (for tests and diagnostics). */
  reserved(): number;
};

type Upload = {
  purpose: UploadPurpose;
  name: string;
  size: number;
  parts: Buffer[];
  received: number;
  touched: number;
};

export const createUploadStore = (deps: { clock: Clock; maxTotalBytes?: number; idleMs?: number }): UploadStore => {
  const maxTotal = deps.maxTotalBytes ?? 256 * 1024 * 1024;
  const idleMs = deps.idleMs ?? 30 * 60 * 1000;
  const uploads = new Map<string, Upload>();
  let reserved = 0;

  const drop = (id: string) => {
    const upload = uploads.get(id);
    if (!upload) return;
    reserved -= upload.size;
    uploads.delete(id);
  };

  const sweep = () => {
    const now = deps.clock.now();
    for (const [id, upload] of uploads) if (now - upload.touched > idleMs) drop(id);
  };

  const find = (id: string): Upload => {
    sweep();
    const upload = uploads.get(id);
    if (!upload) {
      throw new ContractError(
        'not_found',
        'That upload is gone (it finished, was cancelled or sat idle). Choose the file again.',
      );
    }
    upload.touched = deps.clock.now();
    return upload;
  };

  return {
    begin(purpose, name, size) {
      sweep();
      if (reserved + size > maxTotal) {
        throw new ContractError(
          'invalid_state',
          `Wren is already receiving ${formatBytes(reserved)} of files; wait for those to finish, then try again.`,
        );
      }
      const uploadId = `up_${randomBytes(16).toString('base64url')}`;
      uploads.set(uploadId, { purpose, name, size, parts: [], received: 0, touched: deps.clock.now() });
      reserved += size;
      return { uploadId, chunkBytes: UPLOAD_CHUNK_BYTES };
    },

    chunk(uploadId, offset, base64) {
      const upload = find(uploadId);
      if (offset !== upload.received) {
        throw new ContractError(
          'invalid_state',
          `Expected the chunk at byte ${upload.received} of “${upload.name}”, not ${offset}. Send chunks in order.`,
        );
      }
      const data = Buffer.from(base64, 'base64');
      if (upload.received + data.length > upload.size) {
        drop(uploadId);
        throw new ContractError(
          'invalid_input',
          `“${upload.name}” is larger than the ${formatBytes(upload.size)} announced; the upload was stopped. Choose the file again.`,
        );
      }
      upload.parts.push(data);
      upload.received += data.length;
      return { received: upload.received, size: upload.size };
    },

    cancel(uploadId) {
      drop(uploadId);
      return { uploadId };
    },

    bytes(uploadId, purpose) {
      const upload = find(uploadId);
      if (upload.purpose !== purpose) {
        throw new ContractError(
          'invalid_input',
          `That upload was begun for a ${upload.purpose} file, not a ${purpose} one.`,
        );
      }
      if (upload.received < upload.size) {
        throw new ContractError(
          'invalid_state',
          `“${upload.name}” has not fully arrived (${formatBytes(upload.received)} of ${formatBytes(upload.size)}). Finish the upload first.`,
        );
      }
      if (upload.parts.length > 1) upload.parts = [Buffer.concat(upload.parts)];
      return { name: upload.name, bytes: upload.parts[0] ?? Buffer.alloc(0) };
    },

    release: drop,
    reserved: () => reserved,
  };
};
