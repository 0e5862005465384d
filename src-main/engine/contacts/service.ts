import type Database from 'better-sqlite3';
import type { CountryCode } from 'libphonenumber-js/max';
import {
  contactSettingsSchema,
  type Contact,
  type ContactFilter,
  type ContactInput,
  type ContactKey,
  type ContactSettings,
  type ImportMapping,
} from '../../../src-shared/contacts';
import { ContractError } from '../../../src-shared/contract';
import { toCsv } from '../../../src-shared/csv-cell';
import { normalizePhone } from '../bots/phone';
import type { Clock } from '../clock';
import type { EngineEvents } from '../events';
import { importCsv, previewCsv } from './import';
import { undoInterruptedImports } from './import-writer';
import {
  allMatching,
  botPhone,
  contactById,
  contactsByIds,
  jidOfPhone,
  listContacts,
  phoneOf,
  tagCounts,
} from './queries';
import { countryOfPhone, registerFold } from './search';
import { mergeTagCase, tagSpeller } from './tags';

/** A refused number, told under the form's phone field (`contact.phone`) as well as in words. */
const underPhone = <T>(read: () => T): T => {
  try {
    return read();
  } catch (error) {
    if (error instanceof ContractError && Object.keys(error.fields).length === 0) {
      throw new ContractError(error.code, error.message, { 'contact.phone': error.message });
    }
    throw error;
  }
};

export type Selection = { ids: number[] } | { filter: ContactFilter };

export type ContactDeps = {
  sqlite: Database.Database;
  clock: Clock;
  events: EngineEvents;
  botExists(botId: string): boolean;
  botName(botId: string): string | null;
};

const SETTINGS_KEY = 'contacts';

/**
 * A bot's contacts: the people WhatsApp told it about, the ones added by hand, and imports from
 * CSV; with tags and custom fields that campaigns target and fill in.
 */
export const createContactService = (deps: ContactDeps) => {
  const { sqlite, clock, events } = deps;
  // A process killed mid-import left part of it written: take it back before anything reads it.
  undoInterruptedImports(sqlite);
  // Search folds accents and case in SQL through this function.
  registerFold(sqlite);
  // Versions before tags ignored case stored "VIP" and "vip" side by side: one tag from now on.
  mergeTagCase(sqlite);
  /** Imports run one after another: two at once would each see the other's rows half written. */
  let importing: Promise<unknown> = Promise.resolve();

  const requireBot = (botId: string) => {
    if (!deps.botExists(botId)) throw new ContractError('not_found', 'That bot does not exist any more.');
  };

  const settings = (): ContactSettings => {
    const row = sqlite.prepare('SELECT value FROM app_settings WHERE key = ?').get(SETTINGS_KEY) as
      { value: string } | undefined;
    return contactSettingsSchema.parse(row ? JSON.parse(row.value) : {});
  };

  const changed = (botId: string) => events.emit('contacts:changed', { botId });

  /** How a number typed without a country code is read: the bot's own country, then the setting. */
  const countriesOf = (botId: string): string[] => {
    const own = countryOfPhone(botPhone(sqlite, botId));
    const fallback = settings().defaultCountry;
    return own === null || own === fallback ? [fallback] : [own, fallback];
  };

  /** A filter with its tag in the bot's spelling ("vip" finds the contacts tagged "VIP"). */
  const spelled = (filter: ContactFilter): ContactFilter =>
    filter.tag === null ? filter : { ...filter, tag: tagSpeller(sqlite, filter.botId).spell(filter.tag) };

  const matching = (botId: string, filter: ContactFilter): Contact[] =>
    allMatching(sqlite, spelled({ ...filter, botId }), countriesOf(botId));

  const selected = (botId: string, selection: Selection): Contact[] =>
    'ids' in selection ? contactsByIds(sqlite, botId, selection.ids) : matching(botId, selection.filter);

  const idsOf = (botId: string, selection: Selection): number[] => selected(botId, selection).map((c) => c.id);

  const contactOrThrow = (botId: string, id: number): Contact => {
    const contact = contactById(sqlite, botId, id);
    if (!contact) throw new ContractError('not_found', 'That contact does not exist any more.');
    return contact;
  };

  return {
    settings,

    saveSettings(next: ContactSettings): ContactSettings {
      sqlite
        .prepare(
          'INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(SETTINGS_KEY, JSON.stringify(next));
      return settings();
    },

    list(args: { filter: ContactFilter; after?: ContactKey | undefined; limit: number }) {
      requireBot(args.filter.botId);
      const { botId } = args.filter;
      return listContacts(sqlite, spelled(args.filter), args.after, args.limit, countriesOf(botId));
    },

    tags(botId: string) {
      requireBot(botId);
      return tagCounts(sqlite, botId);
    },

    /** Adds a contact by hand, or edits one: the number normalized, tags replaced, one transaction. */
    save(botId: string, id: number | undefined, input: ContactInput): Contact {
      requireBot(botId);
      const phone = underPhone(() => normalizePhone(input.phone, settings().defaultCountry as CountryCode));
      const jid = jidOfPhone(phone);
      const now = clock.now();
      const savedId = sqlite.transaction(() => {
        const other = sqlite
          .prepare('SELECT id, coalesce(name, push_name) AS name FROM contacts WHERE bot_id = ? AND phone_jid = ?')
          .get(botId, jid) as { id: number; name: string | null } | undefined;
        if (other && other.id !== id) {
          const message = `${phone} already belongs to ${other.name ?? 'another contact'}. Edit that contact instead.`;
          throw new ContractError('invalid_input', message, { 'contact.phone': message });
        }
        let contactId = id;
        if (contactId === undefined) {
          const row = sqlite
            .prepare(
              `INSERT INTO contacts (bot_id, phone_jid, name, notes, fields, source, updated_at, created_at)
                 VALUES (?, ?, ?, ?, ?, 'manual', ?, ?) RETURNING id`,
            )
            .get(botId, jid, input.name || null, input.notes, JSON.stringify(input.fields), now, now) as { id: number };
          contactId = row.id;
        } else {
          contactOrThrow(botId, contactId);
          sqlite
            .prepare('UPDATE contacts SET phone_jid = ?, name = ?, notes = ?, fields = ?, updated_at = ? WHERE id = ?')
            .run(jid, input.name || null, input.notes, JSON.stringify(input.fields), now, contactId);
          sqlite.prepare('DELETE FROM contact_tags WHERE contact_id = ?').run(contactId);
        }
        const tag = sqlite.prepare('INSERT OR IGNORE INTO contact_tags (contact_id, tag) VALUES (?, ?)');
        for (const t of tagSpeller(sqlite, botId).spellAll(input.tags)) tag.run(contactId, t);
        return contactId;
      })();
      changed(botId);
      return contactOrThrow(botId, savedId);
    },

    bulk(botId: string, selection: Selection, action: 'tag' | 'untag' | 'delete', tag?: string): { changed: number } {
      requireBot(botId);
      const ids = idsOf(botId, selection);
      const list = JSON.stringify(ids);
      const count = sqlite.transaction(() => {
        if (action === 'delete') {
          return sqlite
            .prepare('DELETE FROM contacts WHERE bot_id = ? AND id IN (SELECT value FROM json_each(?))')
            .run(botId, list).changes;
        }
        if (tag === undefined) throw new ContractError('invalid_input', 'Choose a tag.');
        const spelling = tagSpeller(sqlite, botId).spell(tag);
        return action === 'tag'
          ? sqlite
              .prepare('INSERT OR IGNORE INTO contact_tags (contact_id, tag) SELECT value, ? FROM json_each(?)')
              .run(spelling, list).changes
          : sqlite
              .prepare('DELETE FROM contact_tags WHERE tag = ? AND contact_id IN (SELECT value FROM json_each(?))')
              .run(spelling, list).changes;
      })();
      changed(botId);
      return { changed: count };
    },

    optOut(botId: string, id: number, optedOut: boolean): Contact {
      requireBot(botId);
      contactOrThrow(botId, id);
      sqlite
        .prepare('UPDATE contacts SET opted_out_at = ?, opted_out_reason = ?, updated_at = ? WHERE id = ?')
        .run(optedOut ? clock.now() : null, optedOut ? 'Marked by hand' : null, clock.now(), id);
      changed(botId);
      return contactOrThrow(botId, id);
    },

    preview(botId: string, csv: string) {
      requireBot(botId);
      return previewCsv(csv, settings().defaultCountry);
    },

    import(botId: string, csv: string, mapping: ImportMapping, tags: string[]) {
      requireBot(botId);
      const run = async () => {
        try {
          return await importCsv({
            sqlite,
            botId,
            csv,
            mapping,
            tags,
            spellTags: tagSpeller(sqlite, botId).spellAll,
            defaultCountry: settings().defaultCountry,
            now: clock.now(),
            progress: (done, total) => events.emit('contacts:import-progress', { botId, done, total }),
          });
        } catch (error) {
          // Deleting the bot mid-import deleted its contacts and the import with them.
          requireBot(botId);
          throw error;
        } finally {
          // Lists reload: the slices were visible while they were written (and undone on failure).
          if (deps.botExists(botId)) changed(botId);
        }
      };
      const result = importing.then(run, run);
      importing = result.catch(() => undefined);
      return result;
    },

    /** The selected contacts as CSV that imports back as it was. */
    export(botId: string, selection: Selection) {
      requireBot(botId);
      const contacts = selected(botId, selection);
      const fieldNames = [...new Set(contacts.flatMap((c) => Object.keys(c.fields)))].sort();
      const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
      // Through the shared writer: a WhatsApp name like =HYPERLINK(…) must not run in Excel.
      const csv = toCsv(
        ['phone', 'name', 'whatsapp_name', 'tags', ...fieldNames, 'notes', 'opted_out', 'opted_out_at', 'created_at'],
        contacts
          .filter((c) => c.phone !== null)
          .map((c) => [
            c.phone,
            c.name ?? '',
            c.pushName ?? '',
            c.tags.join('; '),
            ...fieldNames.map((f) => c.fields[f] ?? ''),
            c.notes,
            c.optedOutAt === null ? 'no' : 'yes',
            iso(c.optedOutAt),
            iso(c.createdAt),
          ]),
      );
      const day = new Date(clock.now()).toISOString().slice(0, 10);
      const slug =
        (deps.botName(botId) ?? botId)
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'bot';
      return { fileName: `contacts-${slug}-${day}.csv`, csv, rows: contacts.filter((c) => c.phone !== null).length };
    },

    /** Used by campaigns: a contact's number, or null for a contact WhatsApp only showed by LID. */
    phoneOf,
  };
};

export type ContactService = ReturnType<typeof createContactService>;
