import { z } from 'zod';
import { botIdSchema, call } from './call';
import { hasVisibleText } from './text';
import { fileSource, UPLOAD_LIMITS, uploadIdSchema } from './uploads';

/**
 * Contacts: the people a bot knows, learned from WhatsApp, added by hand or imported from a CSV,
 * with tags and custom fields that campaigns target and templates fill in.
 */

export const CONTACT_NAME_MAX = 120;
export const CONTACT_NOTES_MAX = 2000;
export const TAG_MAX = 40;
export const TAGS_PER_CONTACT_MAX = 50;
export const FIELDS_PER_CONTACT_MAX = 30;
export const FIELD_VALUE_MAX = 500;
/** A CSV of 100,000 rows with a dozen columns fits comfortably. */
export const CSV_TEXT_MAX = UPLOAD_LIMITS.csv;
export const IMPORT_ROWS_MAX = 200_000;

/** Template variables Wren fills itself; custom fields may not take these names. */
export const BUILT_IN_FIELDS = ['name', 'first_name', 'phone'] as const;

export const tagSchema = z
  .string()
  .trim()
  .min(1, 'A tag cannot be empty.')
  .max(TAG_MAX, `Keep tags under ${TAG_MAX + 1} characters.`)
  .regex(/^[^,;]+$/, 'A tag cannot contain a comma or a semicolon.');

export const FIELD_NAME_MAX = 40;

/**
 * A custom field's name: letters of any script, digits, _ and single spaces between words
 * ("favourite cake", "número de cliente"), as `{{favourite cake}}` then fills it in templates.
 */
export const FIELD_NAME = /^[\p{L}\p{M}\p{N}_]+(?: [\p{L}\p{M}\p{N}_]+)*$/u;

/** Why a field name is refused, in a sentence, or null when it is fine. */
export const fieldNameProblem = (name: string): string | null => {
  if (name === '') return 'Give the field a name.';
  if (name.length > FIELD_NAME_MAX) return `Keep field names under ${FIELD_NAME_MAX + 1} characters.`;
  if (/^\s|\s$|\s\s/.test(name)) return 'A field name cannot start or end with a space or have two spaces in a row.';
  if (!FIELD_NAME.test(name)) {
    return `“${name}” cannot be a field name: use letters, digits, spaces and _ only (it becomes a {{variable}} in templates).`;
  }
  if ((BUILT_IN_FIELDS as readonly string[]).includes(name.toLowerCase())) {
    return 'name, first_name and phone are filled by Wren; give the field another name.';
  }
  return null;
};

export const fieldNameSchema = z
  .string()
  .trim()
  .superRefine((name, ctx) => {
    const problem = fieldNameProblem(name);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * A record keyed by field names, checked by hand rather than by a key schema: zod's key check
 * says only "Invalid key in record", and a person needs to hear which name and what to change.
 */
const fieldRecord = <T extends z.ZodType>(value: T) =>
  z.record(z.string(), value).superRefine((record, ctx) => {
    for (const key of Object.keys(record)) {
      const problem = fieldNameProblem(key);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, path: [key] });
    }
  });

export const contactSourceSchema = z.enum(['whatsapp', 'manual', 'import']);

export const contactSchema = z.object({
  id: z.number(),
  botId: z.string(),
  /** E.164 (+447700900123), or null for someone WhatsApp only showed by a hidden id (LID). */
  phone: z.string().nullable(),
  /** The name the business gave them (by hand or import). */
  name: z.string().nullable(),
  /** What they call themselves on WhatsApp. */
  pushName: z.string().nullable(),
  tags: z.array(z.string()),
  fields: z.record(z.string(), z.string()),
  notes: z.string(),
  source: contactSourceSchema,
  optedOutAt: z.number().nullable(),
  optedOutReason: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** The list's sort key: pass it (with the id) as `after` for the next page. */
  sortName: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;

export const contactFilterSchema = z
  .object({
    botId: botIdSchema,
    /** Part of a name or a number. */
    query: z.string().trim().max(100).default(''),
    tag: tagSchema.nullable().default(null),
    optedOut: z.enum(['any', 'subscribed', 'opted-out']).default('any'),
  })
  .strict();
export type ContactFilter = z.infer<typeof contactFilterSchema>;

/** Contacts sort by name (then number), paged by this key. */
export const contactKeySchema = z.object({ sortName: z.string(), id: z.number().int() });
export type ContactKey = z.infer<typeof contactKeySchema>;

const fieldsSchema = fieldRecord(
  z
    .string()
    .trim()
    .max(FIELD_VALUE_MAX, `Keep field values under ${FIELD_VALUE_MAX + 1} characters.`),
).refine((fields) => Object.keys(fields).length <= FIELDS_PER_CONTACT_MAX, {
  message: `A contact can have at most ${FIELDS_PER_CONTACT_MAX} custom fields.`,
});

export const contactInputSchema = z
  .object({
    phone: z.string().trim().min(1, 'Enter a phone number.').max(40),
    /** Optional, but never only invisible characters (a blank row nobody can tell apart). */
    name: z
      .string()
      .trim()
      .max(CONTACT_NAME_MAX, `Keep the name under ${CONTACT_NAME_MAX + 1} characters.`)
      .refine(
        (name) => name === '' || hasVisibleText(name),
        'Give the contact a name with letters or digits you can see, or leave it empty (this one is all blank characters).',
      )
      .default(''),
    tags: z.array(tagSchema).max(TAGS_PER_CONTACT_MAX).default([]),
    fields: fieldsSchema.default({}),
    notes: z
      .string()
      .max(CONTACT_NOTES_MAX, `Keep notes under ${CONTACT_NOTES_MAX + 1} characters.`)
      .default(''),
  })
  .strict();
export type ContactInput = z.infer<typeof contactInputSchema>;

const column = z.number().int().min(0);

/**
 * Which columns of a CSV hold what (0-based column indexes); a phone column is the one required.
 * Everything after `phone` is optional, so a mapping written before it grew still imports as it
 * did: the exporters' files (Google Contacts, Outlook) need several phone columns, a name spread
 * over several columns and a company to fall back on.
 */
export const importMappingSchema = z
  .object({
    /** The column the number is taken from first. */
    phone: column,
    /** The column naming the kind of number in `phone` (Google's "Phone 1 - Label": Mobile, Work…). */
    phoneLabel: column.nullable().optional(),
    /**
     * More columns that may hold the number, in order of preference (Outlook's Mobile, Business
     * and Home Phone; Google's Phone 2, Phone 3…), each with the column naming its kind, if any.
     * A number marked mobile wins; otherwise the first valid one in order.
     */
    morePhones: z
      .array(z.object({ column, label: column.nullable().default(null) }).strict())
      .max(40)
      .optional(),
    /** The full name. */
    name: column.nullable().default(null),
    /** Parts of the name (given, middle, family) joined with spaces when there is no full name. */
    nameParts: z.array(column).max(8).optional(),
    /**
     * The given name ("First name"): kept as the contact's `given_name` field, which
     * `{{first_name}}` prefers to guessing from the full name.
     */
    givenName: column.nullable().optional(),
    /** The organisation: the contact's name when the row names no person. */
    organisation: column.nullable().optional(),
    /** Tags inside one cell, separated by commas, semicolons or Google's " ::: ". */
    tags: column.nullable().default(null),
    fields: fieldRecord(column).default({}),
  })
  .strict();
export type ImportMapping = z.infer<typeof importMappingSchema>;

const csvText = z
  .string()
  .min(1, 'The file is empty.')
  .max(CSV_TEXT_MAX, `The file is larger than ${CSV_TEXT_MAX / 1024 / 1024} MB; split it into smaller files.`);

/** A CSV given as text or by upload: exactly one of them. */
const ONE_CSV = fileSource('csv', 'csv text');

export const csvPreviewSchema = z.object({
  /** The header row (or Column 1, 2… when the first row is data). */
  columns: z.array(z.string()),
  /** The first rows, as cells. */
  sample: z.array(z.array(z.string())),
  delimiter: z.enum([',', ';', '\t']),
  rows: z.number(),
  /** Wren's guess at the mapping from the headers. */
  mapping: importMappingSchema,
});
export type CsvPreview = z.infer<typeof csvPreviewSchema>;

export const importProblemSchema = z.object({
  /** The line in the file (1 is the header). */
  line: z.number(),
  /** What is wrong with that row (without its line number). */
  reason: z.string(),
});

export const importResultSchema = z.object({
  added: z.number(),
  updated: z.number(),
  skipped: z.array(importProblemSchema),
  /**
   * Rows imported with something worth knowing: which of several numbers was kept, or a change
   * someone made to that contact while the import ran, which was kept instead of the file's value.
   */
  notes: z.array(importProblemSchema).optional(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const contactSettingsSchema = z.object({
  /** ISO 3166 country for numbers written without a country code (07700 900123 → +44…). */
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'Choose a country (two letters, such as GB or US).')
    .default('GB'),
});
export type ContactSettings = z.infer<typeof contactSettingsSchema>;

const selection = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1, 'Select some contacts.').max(IMPORT_ROWS_MAX) }).strict(),
  z.object({ filter: contactFilterSchema }).strict(),
]);

export const contactCalls = {
  /** A page of contacts, sorted by name, with how many match the filter. */
  'contacts:list': call(
    z
      .object({
        filter: contactFilterSchema,
        after: contactKeySchema.optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    z.object({ contacts: z.array(contactSchema), total: z.number() }),
  ),
  /** Every tag of a bot's contacts with how many carry it. */
  'contacts:tags': call(
    z.object({ botId: botIdSchema }).strict(),
    z.array(z.object({ tag: z.string(), count: z.number() })),
  ),
  /** Adds a contact (or, with `id`, edits one). The number is normalized to E.164. */
  'contacts:save': call(
    z.object({ botId: botIdSchema, id: z.number().int().positive().optional(), contact: contactInputSchema }).strict(),
    contactSchema,
  ),
  /** Tags, untags or deletes the selected contacts (or every contact matching a filter). */
  'contacts:bulk': call(
    z
      .object({
        botId: botIdSchema,
        selection,
        action: z.enum(['tag', 'untag', 'delete']),
        tag: tagSchema.optional(),
      })
      .strict()
      .refine((input) => input.action === 'delete' || input.tag !== undefined, {
        message: 'Choose a tag.',
        path: ['tag'],
      }),
    z.object({ changed: z.number() }),
  ),
  /** Marks a contact opted out by hand, or back in (they asked to receive messages again). */
  'contacts:opt-out': call(
    z.object({ botId: botIdSchema, id: z.number().int().positive(), optedOut: z.boolean() }).strict(),
    contactSchema,
  ),
  /** Reads a CSV's columns and first rows, and guesses which column is which. Changes nothing. */
  'contacts:import-preview': call(
    z
      .object({ botId: botIdSchema, csv: csvText.optional(), uploadId: uploadIdSchema.optional() })
      .strict()
      .refine(...ONE_CSV),
    csvPreviewSchema,
  ),
  /**
   * Imports a CSV with a column mapping: every good row is added (or updates the contact with that
   * number), every bad row is reported with its line and reason; all or nothing, even if the app is
   * killed midway (written in short slices so the engine keeps answering meanwhile).
   */
  'contacts:import': call(
    z
      .object({
        botId: botIdSchema,
        /** The file as text (small files), or `uploadId`: an upload begun for 'csv'. */
        csv: csvText.optional(),
        uploadId: uploadIdSchema.optional(),
        mapping: importMappingSchema,
        /** Tags given to every imported contact (for example the campaign it is for). */
        tags: z.array(tagSchema).max(10).default([]),
      })
      .strict()
      .refine(...ONE_CSV),
    importResultSchema,
  ),
  /** The contacts matching a filter (or a selection) as CSV text. */
  'contacts:export': call(
    z.object({ botId: botIdSchema, selection }).strict(),
    z.object({ fileName: z.string(), csv: z.string(), rows: z.number() }),
  ),
  'contacts:settings': call(z.object({}).strict(), contactSettingsSchema),
  'contacts:save-settings': call(contactSettingsSchema.strict(), contactSettingsSchema),
} as const;

export const contactEvents = {
  /** An import's progress: rows read of the total. */
  'contacts:import-progress': z.object({ botId: z.string(), done: z.number(), total: z.number() }),
  /** A bot's contacts changed (import, bulk change, opt-out): lists reload. */
  'contacts:changed': z.object({ botId: z.string() }),
} as const;
