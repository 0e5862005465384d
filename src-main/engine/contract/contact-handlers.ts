import type { ContactService } from '../contacts/service';
import { decodeTextFile } from '../uploads/text';
import type { Dispatcher } from './dispatcher';
import type { UploadedFiles } from './upload-handlers';

/** Binds the Contacts page's calls to the contact service. */
export const registerContactHandlers = (
  dispatcher: Dispatcher,
  contacts: ContactService,
  files: UploadedFiles,
): void => {
  const { handle } = dispatcher;
  /** The CSV as text, given inline or uploaded (decoded from the encodings exports come in). */
  const csvOf = <T>(
    input: { csv?: string | undefined; uploadId?: string | undefined },
    keep: 'always' | 'on-failure',
    use: (csv: string) => Promise<T> | T,
  ) =>
    input.uploadId === undefined
      ? Promise.resolve(use(input.csv ?? ''))
      : files.withBytes(
          { uploadId: input.uploadId },
          'csv',
          (bytes, name) => use(decodeTextFile(bytes, name ?? 'The file')),
          { keep },
        );
  handle('contacts:list', ({ filter, after, limit }) => contacts.list({ filter, after, limit }));
  handle('contacts:tags', ({ botId }) => contacts.tags(botId));
  handle('contacts:save', ({ botId, id, contact }) => contacts.save(botId, id, contact));
  handle('contacts:bulk', ({ botId, selection, action, tag }) => contacts.bulk(botId, selection, action, tag));
  handle('contacts:opt-out', ({ botId, id, optedOut }) => contacts.optOut(botId, id, optedOut));
  handle('contacts:import-preview', (input) => csvOf(input, 'always', (csv) => contacts.preview(input.botId, csv)));
  handle('contacts:import', (input) =>
    csvOf(input, 'on-failure', (csv) => contacts.import(input.botId, csv, input.mapping, input.tags)),
  );
  handle('contacts:export', ({ botId, selection }) => contacts.export(botId, selection));
  handle('contacts:settings', () => contacts.settings());
  handle('contacts:save-settings', (input) => contacts.saveSettings(input));
};
