import type { Contact, ContactInput, ImportMapping } from '../../../../src-shared/contacts';
import { navigate } from '../../app/router';
import { getClient } from '../../contract';
import { errorMessage, formErrors, type FormErrors } from '../../lib/errors';
import { toast } from '../../ui/toast-store';
import { downloadText } from './download';
import { dropIds, EMPTY_SELECTION, toCallSelection } from './selection';
import { currentFilter, useContactsStore } from './store';

const state = () => useContactsStore.getState();

export type Refusal = string | null;

/** Contact changes from the page; each resolves to null, or the engine's sentence on what to change. */
export const contactActions = {
  /** Null once saved; else a sentence per refused field (`phone`, `tags`, `fields.city`…). */
  async save(id: number | undefined, contact: ContactInput): Promise<FormErrors | null> {
    const botId = state().botId;
    if (!botId) return { fields: {}, general: 'Choose a bot first.' };
    try {
      await getClient().call('contacts:save', { botId, ...(id ? { id } : {}), contact });
      state().receiveChanged(botId);
      return null;
    } catch (error) {
      return formErrors(error, { prefix: 'contact.', known: ['phone', 'name', 'tags', 'fields', 'notes'] });
    }
  },

  /** Opens the contact's chat in Chats (the engine makes one if nobody has written yet). */
  async message(contact: Contact): Promise<Refusal> {
    if (contact.phone === null) return 'WhatsApp has not told Wren this person’s number, so Wren cannot start a chat.';
    try {
      const chat = await getClient().call('chats:open', { botId: contact.botId, phone: contact.phone });
      navigate({ section: 'chats', chatId: chat.id });
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  },

  async setOptedOut(id: number, optedOut: boolean): Promise<Refusal> {
    const botId = state().botId;
    if (!botId) return 'Choose a bot first.';
    try {
      await getClient().call('contacts:opt-out', { botId, id, optedOut });
      state().receiveChanged(botId);
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  },

  async bulk(action: 'tag' | 'untag' | 'delete', tag?: string): Promise<Refusal> {
    const s = state();
    if (!s.botId) return 'Choose a bot first.';
    const selection = toCallSelection(s.selection, currentFilter(s));
    try {
      const { changed } = await getClient().call('contacts:bulk', {
        botId: s.botId,
        selection,
        action,
        ...(tag !== undefined ? { tag } : {}),
      });
      const plural = changed === 1 ? 'contact' : 'contacts';
      toast.info(
        action === 'delete'
          ? `Deleted ${changed} ${plural}.`
          : action === 'tag'
            ? `Tagged ${changed} ${plural} “${tag}”.`
            : `Removed “${tag}” from ${changed} ${plural}.`,
      );
      if (action === 'delete') s.select('ids' in selection ? dropIds(s.selection, selection.ids) : EMPTY_SELECTION);
      state().receiveChanged(s.botId);
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  },

  /** Downloads the selection, or (with nothing selected) every contact matching the filter. */
  async exportCsv(): Promise<void> {
    const s = state();
    if (!s.botId) return;
    const selection =
      s.selection.mode === 'ids' && s.selection.ids.size === 0
        ? { filter: currentFilter(s) }
        : toCallSelection(s.selection, currentFilter(s));
    try {
      const file = await getClient().call('contacts:export', { botId: s.botId, selection });
      downloadText(file.fileName, file.csv);
      toast.info(`Exported ${file.rows} ${file.rows === 1 ? 'contact' : 'contacts'}.`);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  },

  /** `uploadId`: the file, uploaded in chunks (lib/upload.ts); the import reads the same upload. */
  preview(botId: string, uploadId: string) {
    return getClient().call('contacts:import-preview', { botId, uploadId });
  },

  async importCsv(botId: string, uploadId: string, mapping: ImportMapping, tags: string[]) {
    state().clearProgress();
    try {
      return await getClient().call('contacts:import', { botId, uploadId, mapping, tags });
    } finally {
      state().clearProgress();
      state().receiveChanged(botId);
    }
  },
};
