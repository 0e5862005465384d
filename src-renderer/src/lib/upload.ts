import { UPLOAD_CHUNK_BYTES, type UploadPurpose } from '../../../src-shared/uploads';
import { getClient } from '../contract';

/** One slice of a file as base64, read natively by the browser (no byte-by-byte string building). */
const base64Of = (blob: Blob, name: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error(`“${name}” could not be read. Choose it again.`));
    reader.readAsDataURL(blob);
  });

/**
 * Sends a file to the engine in chunks (so no call is larger than one WebSocket frame may be) and
 * returns the upload's id for the call that uses it. `onProgress` hears the bytes sent so far.
 * A failure part-way cancels the upload, so the engine does not hold half a file.
 */
export const uploadFile = async (
  file: File,
  purpose: UploadPurpose,
  onProgress: (sent: number, total: number) => void = () => {},
): Promise<string> => {
  const client = getClient();
  const { uploadId, chunkBytes } = await client.call('uploads:begin', { purpose, name: file.name, size: file.size });
  const step = Math.min(chunkBytes, UPLOAD_CHUNK_BYTES);
  try {
    for (let offset = 0; offset < file.size; offset += step) {
      const data = await base64Of(file.slice(offset, offset + step), file.name);
      await client.call('uploads:chunk', { uploadId, offset, data });
      onProgress(Math.min(file.size, offset + step), file.size);
    }
    return uploadId;
  } catch (error) {
    void client.call('uploads:cancel', { uploadId }).catch(() => undefined);
    throw error;
  }
};

/** Forgets an upload nobody will use now (the dialog closed, another file was chosen). */
export const cancelUpload = (uploadId: string): void => {
  void getClient()
    .call('uploads:cancel', { uploadId })
    .catch(() => undefined);
};
