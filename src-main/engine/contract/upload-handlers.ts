import type { UploadStore } from '../uploads/store';
import type { Dispatcher } from './dispatcher';

/** A file a call names inline (base64, small ones) or by an upload begun for `purpose`. */
export type FileSource = { data?: string | undefined; uploadId?: string | undefined };

export type UploadedFiles = {
  /**
   * The file's bytes and name. A used upload is forgotten once `use` has run, whatever its
   * outcome; with `keep: 'always'` it stays (a CSV's preview: the import that follows reads the
   * same upload), with `keep: 'on-failure'` it stays when `use` fails (an import refused for its
   * mapping can be tried again without sending the file again). Idle ones expire (uploads/store.ts).
   */
  withBytes<T>(
    source: FileSource,
    purpose: 'csv' | 'file',
    use: (bytes: Buffer, name: string | null) => Promise<T> | T,
    options?: { keep?: 'always' | 'on-failure' },
  ): Promise<T>;
};

/** Binds uploads:* and gives the other handlers one way to read a file however it came. */
export const registerUploadHandlers = (dispatcher: Dispatcher, uploads: UploadStore): UploadedFiles => {
  const { handle } = dispatcher;
  handle('uploads:begin', ({ purpose, name, size }) => uploads.begin(purpose, name, size));
  handle('uploads:chunk', ({ uploadId, offset, data }) => uploads.chunk(uploadId, offset, data));
  handle('uploads:cancel', ({ uploadId }) => uploads.cancel(uploadId));
  return {
    async withBytes(source, purpose, use, options = {}) {
      if (source.uploadId === undefined) return use(Buffer.from(source.data ?? '', 'base64'), null);
      const { bytes, name } = uploads.bytes(source.uploadId, purpose);
      let ok = false;
      try {
        const value = await use(bytes, name);
        ok = true;
        return value;
      } finally {
        if (options.keep === undefined || (options.keep === 'on-failure' && ok)) uploads.release(source.uploadId);
      }
    },
  };
};
