import { z } from 'zod';
import { botIdSchema, call } from './call';
import { MESSAGE_TEXT_MAX } from './inbox';
import { tagSchema } from './contacts';
import { timeZoneSchema } from './time-zones';
import { visibleName } from './text';
import { ONE_SOURCE, uploadIdSchema } from './uploads';

/**
 * Campaigns: templates with variables and spintax, sent to an audience of contacts within a
 * sending window, a throttle and a daily cap, planned up front so a crash never sends twice.
 */

export const TEMPLATE_NAME_MAX = 80;
export const VARIANTS_MAX = 5;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Write times as HH:MM, such as 09:00.');

/** A file sent with the text (its caption), kept in Wren's media store by content hash. */
export const templateMediaSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().max(200),
  kind: z.enum(['image', 'document']),
});
export type TemplateMedia = z.infer<typeof templateMediaSchema>;

export const templateBodySchema = z
  .string()
  .trim()
  .min(1, 'Write the message.')
  .max(MESSAGE_TEXT_MAX, `Keep the message under ${MESSAGE_TEXT_MAX + 1} characters.`);

export const variantSchema = z.object({
  text: templateBodySchema,
  media: templateMediaSchema.nullable().default(null),
});
export type Variant = z.infer<typeof variantSchema>;

export const templateSchema = z.object({
  id: z.number(),
  name: z.string(),
  text: z.string(),
  media: templateMediaSchema.nullable(),
  version: z.number(),
  updatedAt: z.number(),
});
export type Template = z.infer<typeof templateSchema>;

export const templateVersionSchema = z.object({
  version: z.number(),
  text: z.string(),
  media: templateMediaSchema.nullable(),
  savedAt: z.number(),
});

export const audienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({
    kind: z.literal('tags'),
    tags: z.array(tagSchema).min(1, 'Choose at least one tag.'),
    /** Contacts with any of the tags, or only those with all of them. */
    match: z.enum(['any', 'all']).default('any'),
  }),
  z.object({ kind: z.literal('contacts'), ids: z.array(z.number().int().positive()).min(1, 'Choose some contacts.') }),
]);
export type Audience = z.infer<typeof audienceSchema>;

export const sendWindowSchema = z
  .object({
    start: hhmm.default('09:00'),
    end: hhmm.default('18:00'),
    /** 0 is Sunday … 6 Saturday. */
    days: z.array(z.number().int().min(0).max(6)).min(1, 'Choose at least one day.').default([1, 2, 3, 4, 5]),
    timeZone: timeZoneSchema.default('UTC'),
  })
  .refine((w) => w.start !== w.end, { message: 'The window must start and end at different times.', path: ['end'] });
export type SendWindow = z.infer<typeof sendWindowSchema>;

export const warmupStepSchema = z.object({
  days: z.number().int().min(1, 'Warm up for at least 1 day.').max(60, 'Warm up for 60 days at most.'),
  cap: z
    .number()
    .int()
    .min(1, 'Allow at least 1 message a day while warming up.')
    .max(5000, 'Keep the warm-up cap at 5000 a day or less.'),
});

export const throttleSchema = z
  .object({
    delayMinSeconds: z
      .number()
      .int()
      .min(5, 'Wait at least 5 seconds between messages.')
      .max(3600, 'Keep the shortest gap to an hour (3600 seconds) or less.')
      .default(15),
    delayMaxSeconds: z
      .number()
      .int()
      .min(5, 'Make the longest gap at least 5 seconds.')
      .max(3600, 'Keep the longest gap to an hour (3600 seconds) or less.')
      .default(45),
    pauseEvery: z
      .number()
      .int()
      .min(1, 'Pause after at least 1 message.')
      .max(1000, 'Pause at least every 1000 messages.')
      .default(20),
    pauseMinutes: z
      .number()
      .int()
      .min(0, 'A pause cannot be shorter than 0 minutes.')
      .max(240, 'Keep pauses to 240 minutes or less.')
      .default(5),
    dailyCap: z
      .number()
      .int()
      .min(1, 'Allow at least 1 message a day.')
      .max(5000, 'Keep the daily cap at 5000 or less.')
      .default(200),
    /**
     * A newly linked number starts low: each step's cap holds for its days (counted from the day
     * the number was added to Wren), then `dailyCap`. The API's default is none; the form's is one.
     */
    warmup: z.array(warmupStepSchema).max(5, 'Use at most 5 warm-up steps.').default([]),
    typing: z.boolean().default(true),
  })
  .refine((t) => t.delayMaxSeconds >= t.delayMinSeconds, {
    message: 'The longest delay must be at least the shortest.',
    path: ['delayMaxSeconds'],
  });
export type Throttle = z.infer<typeof throttleSchema>;

export const campaignDraftSchema = z
  .object({
    name: visibleName('campaign', TEMPLATE_NAME_MAX),
    variants: z
      .array(variantSchema)
      .min(1, 'Write the message.')
      .max(VARIANTS_MAX, `Use at most ${VARIANTS_MAX} variants.`),
    audience: audienceSchema,
    /** Epoch ms; null starts as soon as it is scheduled (inside the window). */
    startAt: z.number().int().nullable().default(null),
    window: sendWindowSchema,
    throttle: throttleSchema,
  })
  .strict();
export type CampaignDraft = z.infer<typeof campaignDraftSchema>;

export const campaignStatusSchema = z.enum(['draft', 'scheduled', 'running', 'paused', 'done', 'cancelled']);
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;

export const recipientStatusSchema = z.enum(['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'cancelled']);
export type RecipientStatus = z.infer<typeof recipientStatusSchema>;

export const campaignCountsSchema = z.record(recipientStatusSchema, z.number());

export const campaignSchema = z.object({
  id: z.number(),
  botId: z.string(),
  name: z.string(),
  status: campaignStatusSchema,
  draft: campaignDraftSchema,
  /** Why it paused itself or waits, in plain words. */
  note: z.string().nullable(),
  total: z.number(),
  counts: campaignCountsSchema,
  /** Left out when planned, by reason ("opted out", "duplicate number", "no number"). */
  excluded: z.record(z.string(), z.number()),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /** When the last message should go out, given the throttle, cap and window; null when unknown. */
  expectedFinishAt: z.number().nullable(),
  /**
   * Set when the stored settings cannot be used (written by an older version, e.g. a time zone
   * that does not exist): the campaign is not sent until it is edited, and `draft` shows the
   * usable settings with the bad ones back at their defaults. `fields` are keyed like the draft.
   */
  problem: z.object({ message: z.string(), fields: z.record(z.string(), z.string()) }).nullable(),
});
export type Campaign = z.infer<typeof campaignSchema>;

export const recipientSchema = z.object({
  id: z.number(),
  contactId: z.number().nullable(),
  phone: z.string(),
  name: z.string().nullable(),
  variant: z.number(),
  text: z.string(),
  status: recipientStatusSchema,
  attempts: z.number(),
  error: z.string().nullable(),
  sentAt: z.number().nullable(),
  deliveredAt: z.number().nullable(),
  readAt: z.number().nullable(),
});
export type Recipient = z.infer<typeof recipientSchema>;

export const botHealthSchema = z.object({
  botId: z.string(),
  sentToday: z.number(),
  capToday: z.number(),
  /** "Warm-up day 2 of 4: 50 a day", or null once warmed up (or when no warm-up is set). */
  warmupStage: z.string().nullable(),
  /** The warm-up in a sentence a person reads, based on when the number was added. */
  warmup: z.string(),
  /** When the number was added to Wren (the bot's creation): the warm-up counts days from it. */
  linkedAt: z.number().nullable(),
  /** Of the last 7 days' campaign messages: share answered, share failed (0–1). */
  replyRate: z.number(),
  failureRate: z.number(),
  lastWarning: z.object({ at: z.number(), message: z.string() }).nullable(),
});
export type BotHealth = z.infer<typeof botHealthSchema>;

const campaignId = z.number().int().positive('Choose a campaign.');

export const campaignCalls = {
  'templates:list': call(z.object({}).strict(), z.array(templateSchema)),
  /** Saves a template; an edit keeps the previous text as a version. Unknown variables are refused. */
  'templates:save': call(
    z
      .object({
        id: z.number().int().positive().optional(),
        name: visibleName('template', TEMPLATE_NAME_MAX),
        text: templateBodySchema,
        media: templateMediaSchema.nullable().default(null),
      })
      .strict(),
    templateSchema,
  ),
  'templates:delete': call(z.object({ id: z.number().int().positive() }).strict(), z.object({})),
  'templates:versions': call(z.object({ id: z.number().int().positive() }).strict(), z.array(templateVersionSchema)),
  /** Keeps a picture or document for a template; returns what the template stores. */
  'templates:upload': call(
    z
      .object({
        name: z.string().trim().min(1).max(255),
        data: z
          .string()
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file data must be base64.')
          .optional(),
        uploadId: uploadIdSchema.optional(),
      })
      .strict()
      .refine(...ONE_SOURCE),
    templateMediaSchema,
  ),
  /**
   * What a contact would receive: variables filled, spintax chosen (seeded by the contact, as the
   * plan will), and the variables no contact field provides.
   */
  'templates:preview': call(
    z
      .object({
        botId: botIdSchema,
        text: z.string().max(MESSAGE_TEXT_MAX),
        contactId: z.number().int().positive().nullable(),
      })
      .strict(),
    z.object({ text: z.string(), unknownVariables: z.array(z.string()), problem: z.string().nullable() }),
  ),
  'campaigns:list': call(z.object({ botId: botIdSchema.optional() }).strict(), z.array(campaignSchema)),
  'campaigns:get': call(z.object({ id: campaignId }).strict(), campaignSchema),
  /** Creates a draft (or edits one that has not started; a scheduled one goes back to draft). */
  'campaigns:save': call(
    z.object({ botId: botIdSchema, id: campaignId.optional(), draft: campaignDraftSchema }).strict(),
    campaignSchema,
  ),
  /** Plans every recipient's message in one transaction and schedules the campaign. */
  'campaigns:schedule': call(z.object({ id: campaignId }).strict(), campaignSchema),
  'campaigns:pause': call(z.object({ id: campaignId }).strict(), campaignSchema),
  'campaigns:resume': call(z.object({ id: campaignId }).strict(), campaignSchema),
  'campaigns:cancel': call(z.object({ id: campaignId }).strict(), campaignSchema),
  /** A new draft with the same messages, audience and settings. */
  'campaigns:duplicate': call(z.object({ id: campaignId }).strict(), campaignSchema),
  'campaigns:delete': call(z.object({ id: campaignId }).strict(), z.object({})),
  'campaigns:recipients': call(
    z
      .object({
        id: campaignId,
        status: recipientStatusSchema.nullable().default(null),
        afterId: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    z.array(recipientSchema),
  ),
  /** The per-recipient report as CSV. */
  'campaigns:export': call(z.object({ id: campaignId }).strict(), z.object({ fileName: z.string(), csv: z.string() })),
  'campaigns:health': call(z.object({ botId: botIdSchema }).strict(), botHealthSchema),
} as const;

export const campaignEvents = {
  /** A campaign's status or counts changed. */
  'campaign:progress': z.object({ campaign: campaignSchema }),
} as const;
