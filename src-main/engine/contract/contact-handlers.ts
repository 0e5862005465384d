import type { ContactService } from '../contacts/service';
import type { Dispatcher } from './dispatcher';

/** Binds the Contacts page's calls to the contact service. */
export const registerContactHandlers = (dispatcher: Dispatcher, contacts: ContactService): void => {
  const { handle } = dispatcher;
  handle('contacts:list', ({ filter, after, limit }) => contacts.list({ filter, after, limit }));
  handle('contacts:tags', ({ botId }) => contacts.tags(botId));
  handle('contacts:save', ({ botId, id, contact }) => contacts.save(botId, id, contact));
  handle('contacts:bulk', ({ botId, selection, action, tag }) => contacts.bulk(botId, selection, action, tag));
  handle('contacts:opt-out', ({ botId, id, optedOut }) => contacts.optOut(botId, id, optedOut));
  handle('contacts:import-preview', ({ botId, csv }) => contacts.preview(botId, csv));
  handle('contacts:import', ({ botId, csv, mapping, tags }) => contacts.import(botId, csv, mapping, tags));
  handle('contacts:export', ({ botId, selection }) => contacts.export(botId, selection));
  handle('contacts:settings', () => contacts.settings());
  handle('contacts:save-settings', (input) => contacts.saveSettings(input));
};
