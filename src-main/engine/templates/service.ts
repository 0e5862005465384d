import type Database from 'better-sqlite3';
import type { Template, TemplateMedia } from '../../../src-shared/campaigns';
import { ContractError } from '../../../src-shared/contract';
import { knownFields, renderFor, templateProblem, unknownVariables } from '../campaigns/render';
import type { Clock } from '../clock';
import { contactById } from '../contacts/queries';
import type { MediaService } from '../media/service';

type TemplateRow = {
  id: number;
  name: string;
  text: string;
  media: string | null;
  version: number;
  updated_at: number;
};

const toTemplate = (row: TemplateRow): Template => ({
  id: row.id,
  name: row.name,
  text: row.text,
  media: row.media ? (JSON.parse(row.media) as TemplateMedia) : null,
  version: row.version,
  updatedAt: row.updated_at,
});

/** Reusable messages with versions, and the preview of a text for one contact. */
export const createTemplateService = (deps: { sqlite: Database.Database; clock: Clock; media: MediaService }) => {
  const { sqlite, clock } = deps;
  const byId = (id: number): TemplateRow => {
    const row = sqlite.prepare('SELECT * FROM templates WHERE id = ?').get(id) as TemplateRow | undefined;
    if (!row) throw new ContractError('not_found', 'That template does not exist any more.');
    return row;
  };

  return {
    list: (): Template[] =>
      (sqlite.prepare('SELECT * FROM templates ORDER BY name COLLATE NOCASE, id').all() as TemplateRow[]).map(
        toTemplate,
      ),

    /** A new template, or a new version of one: the text it replaces is kept. */
    save(input: { id?: number | undefined; name: string; text: string; media: TemplateMedia | null }): Template {
      const problem = templateProblem(input.text, knownFields(sqlite, null));
      if (problem) throw new ContractError('invalid_input', problem);
      const now = clock.now();
      const media = input.media ? JSON.stringify(input.media) : null;
      const id = sqlite.transaction(() => {
        if (input.id === undefined) {
          return (
            sqlite
              .prepare(
                'INSERT INTO templates (name, text, media, version, updated_at) VALUES (?, ?, ?, 1, ?) RETURNING id',
              )
              .get(input.name, input.text, media, now) as { id: number }
          ).id;
        }
        const old = byId(input.id);
        sqlite
          .prepare('INSERT INTO template_versions (template_id, version, text, media, saved_at) VALUES (?, ?, ?, ?, ?)')
          .run(old.id, old.version, old.text, old.media, old.updated_at);
        sqlite
          .prepare(
            'UPDATE templates SET name = ?, text = ?, media = ?, version = version + 1, updated_at = ? WHERE id = ?',
          )
          .run(input.name, input.text, media, now, old.id);
        return old.id;
      })();
      return toTemplate(byId(id));
    },

    remove(id: number): Record<string, never> {
      byId(id);
      sqlite.prepare('DELETE FROM templates WHERE id = ?').run(id);
      return {};
    },

    versions(id: number) {
      byId(id);
      return (
        sqlite
          .prepare(
            'SELECT version, text, media, saved_at FROM template_versions WHERE template_id = ? ORDER BY version DESC',
          )
          .all(id) as { version: number; text: string; media: string | null; saved_at: number }[]
      ).map((v) => ({
        version: v.version,
        text: v.text,
        media: v.media ? (JSON.parse(v.media) as TemplateMedia) : null,
        savedAt: v.saved_at,
      }));
    },

    async upload(name: string, bytes: Buffer): Promise<TemplateMedia> {
      const attached = await deps.media.attach(name, bytes);
      if (attached.kind !== 'image' && attached.kind !== 'document') {
        throw new ContractError('invalid_input', `“${name}” cannot go with a campaign: choose a photo or a document.`);
      }
      return { sha256: attached.media.sha256, name, kind: attached.kind };
    },

    /** What one contact would receive (or a sample contact), and what no contact can fill. */
    preview(botId: string, text: string, contactId: number | null) {
      const contact = contactId === null ? null : contactById(sqlite, botId, contactId);
      if (contactId !== null && !contact) {
        throw new ContractError('not_found', 'That contact does not exist any more. Pick another one to preview.');
      }
      const facts = contact
        ? {
            contactId: contact.id,
            name: contact.name ?? contact.pushName,
            phone: contact.phone ?? '',
            fields: contact.fields,
          }
        : { contactId: 0, name: 'Ana Souza', phone: '+447700900501', fields: {} };
      const known = knownFields(sqlite, botId);
      return {
        text: renderFor(text, facts),
        unknownVariables: unknownVariables(text, known),
        problem: templateProblem(text, known),
      };
    },
  };
};

export type TemplateService = ReturnType<typeof createTemplateService>;
