import { z } from 'zod';
import {
  BOT_NAME_MAX,
  botEventKindSchema,
  botEventSchema,
  botFeatureSchema,
  botKindSchema,
  botSchema,
  pageKeySchema,
} from './bots';
import { ATTACHMENT_MAX_BYTES, formatBytes } from './attachments';
import {
  automationConfigSchema,
  automationPatchSchema,
  builtInCommandSchema,
  commandRunSchema,
  groupSettingsPatchSchema,
  groupSettingsSchema,
  replyImageSchema,
  tryResultSchema,
} from './automations';
import { call } from './call';
import { visibleName } from './text';
import { ONE_SOURCE, uploadCalls, uploadIdSchema } from './uploads';
import { campaignCalls, campaignEvents } from './campaigns';
import { contactCalls, contactEvents } from './contacts';
import {
  chatFilterSchema,
  chatKeySchema,
  groupInfoSchema,
  chatSchema,
  MESSAGE_TEXT_MAX,
  messageActionCalls,
  messageSchema,
  searchHitSchema,
} from './inbox';

/**
 * The one contract between the UI and the engine. Every call and event is declared here once;
 * the engine parses every input with these schemas, whether it arrives over Electron IPC or the
 * headless host's WebSocket.
 */

const botId = z.string().min(1, 'Choose a bot.').max(64);
const chatId = z.number().int().positive('Choose a chat.');
const messageId = z.number().int().positive('Choose a message.');
const botName = visibleName('bot', BOT_NAME_MAX);

const TEST_TEXT_MAX = 4096;
/** Base64 of the largest attachment (4 characters per 3 bytes, padded). */
const ATTACHMENT_MAX_BASE64 = Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4;

const automationsSchema = z.object({
  config: automationConfigSchema,
  builtIns: z.array(builtInCommandSchema),
  /** Premium members' numbers. */
  premium: z.array(z.string()),
});

export const calls = {
  'app:info': call(
    z.object({}).strict(),
    z.object({ version: z.string(), mode: z.enum(['electron', 'headless']), dataDir: z.string() }),
  ),
  'bots:list': call(z.object({}).strict(), z.array(botSchema)),
  'bots:get': call(z.object({ botId }).strict(), botSchema),
  'bots:create': call(z.object({ name: botName, kind: botKindSchema }).strict(), botSchema),
  'bots:rename': call(z.object({ botId, name: botName }).strict(), botSchema),
  'bots:delete': call(z.object({ botId }).strict(), z.object({ botId: z.string() })),
  /** Start a bot: with a stored session it reconnects; without one it starts linking by QR. */
  'bots:start': call(z.object({ botId }).strict(), botSchema),
  'bots:stop': call(z.object({ botId }).strict(), botSchema),
  /** Log out, clear the session and start linking again with a new QR. */
  'bots:relink': call(z.object({ botId }).strict(), botSchema),
  /** Link with a pairing code instead of a QR: the code is shown once the socket is ready. */
  'bots:request-pairing-code': call(
    z
      .object({
        botId,
        phone: z.string().trim().min(1, 'Enter the phone number of the WhatsApp account to link.').max(32),
      })
      .strict(),
    botSchema,
  ),
  'bots:set-feature': call(z.object({ botId, feature: botFeatureSchema, enabled: z.boolean() }).strict(), botSchema),
  'bots:events': call(
    z
      .object({
        botId,
        kinds: z.array(botEventKindSchema).max(10).optional(),
        before: pageKeySchema.optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    z.object({ items: z.array(botEventSchema), nextBefore: pageKeySchema.nullable() }),
  ),
  /**
   * Sends one text from an online bot to a number, to check the bot end to end. The outcome
   * (sent, delivered, read, or why it failed) shows in the bot's log.
   */
  'bots:send-test': call(
    z
      .object({
        botId,
        to: z.string().trim().min(1, 'Enter the number to send to, with its country code.').max(32),
        text: z
          .string()
          .trim()
          .min(1, 'Write the message to send.')
          .max(TEST_TEXT_MAX, `Keep the message under ${TEST_TEXT_MAX + 1} characters.`),
      })
      .strict(),
    z.object({ messageId: z.string(), to: z.string() }),
  ),
  /**
   * A bot's chats, or with `botId: null` every bot's chats in one list ("All bots"): pinned first,
   * then newest first, paged by key; optionally filtered by name or number, and to unread chats
   * or groups.
   */
  'chats:list': call(
    z
      .object({
        botId: botId.nullable(),
        archived: z.boolean().default(false),
        filter: chatFilterSchema.default('all'),
        query: z.string().trim().max(100).optional(),
        before: chatKeySchema.optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    z.object({ items: z.array(chatSchema), nextBefore: chatKeySchema.nullable() }),
  ),
  'chats:get': call(z.object({ chatId }).strict(), chatSchema),
  /** The chat with a number, created if nobody has written yet. */
  'chats:open': call(
    z
      .object({ botId, phone: z.string().trim().min(1, 'Enter a phone number with its country code.').max(32) })
      .strict(),
    chatSchema,
  ),
  'chats:update': call(
    z
      .object({
        chatId,
        pinned: z.boolean().optional(),
        archived: z.boolean().optional(),
        /** Epoch ms until which the chat is muted; null unmutes. */
        mutedUntil: z.number().int().min(0).nullable().optional(),
        /** false gives a chat handed to a person (by a menu flow) back to the bot's automation. */
        handoff: z.literal(false).optional(),
      })
      .strict(),
    chatSchema,
  ),
  /** Clears the unread count; sends read receipts when the bot's "Read receipts" feature is on. */
  'chats:mark-read': call(z.object({ chatId }).strict(), chatSchema),
  /** A thread, newest first, paged by key. */
  'messages:page': call(
    z
      .object({ chatId, before: chatKeySchema.optional(), limit: z.number().int().min(1).max(200).default(50) })
      .strict(),
    z.object({ items: z.array(messageSchema), nextBefore: chatKeySchema.nullable() }),
  ),
  /** Newer messages than a key (after jumping back in a thread), newest first. */
  'messages:newer': call(
    z.object({ chatId, after: chatKeySchema, limit: z.number().int().min(1).max(200).default(50) }).strict(),
    z.object({ items: z.array(messageSchema), nextAfter: chatKeySchema.nullable() }),
  ),
  /** The thread around one message (a search result), newest first. */
  'messages:around': call(
    z.object({ messageId, limit: z.number().int().min(2).max(200).default(50) }).strict(),
    z.object({
      chat: chatSchema,
      items: z.array(messageSchema),
      nextBefore: chatKeySchema.nullable(),
      nextAfter: chatKeySchema.nullable(),
    }),
  ),
  /**
   * Writes a message: stored as pending at once and sent now or when the bot is next online. With
   * an attachment the text is its caption and may be empty.
   */
  'messages:send': call(
    z
      .object({
        chatId,
        text: z
          .string()
          .trim()
          .max(MESSAGE_TEXT_MAX, `Keep the message under ${MESSAGE_TEXT_MAX + 1} characters.`)
          .default(''),
        quotedId: messageId.optional(),
        attachment: z
          .object({
            name: z.string().trim().min(1, 'The file needs a name.').max(255, 'Shorten the file name.'),
            /** The file's bytes, base64 (small files); or `uploadId`, an upload begun for 'file'. */
            data: z
              .string()
              .max(ATTACHMENT_MAX_BASE64, `Files can be at most ${formatBytes(ATTACHMENT_MAX_BYTES)}.`)
              .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file data must be base64.')
              .optional(),
            uploadId: uploadIdSchema.optional(),
          })
          .strict()
          .refine(...ONE_SOURCE)
          .optional(),
      })
      .strict()
      .refine((input) => input.text.length > 0 || input.attachment !== undefined, {
        message: 'Write a message first.',
        path: ['text'],
      }),
    messageSchema,
  ),
  /**
   * A group's subject, settings and members, admins first. With `refresh` Wren asks WhatsApp
   * first (when the bot is online); otherwise what it last heard.
   */
  'groups:get': call(z.object({ chatId, refresh: z.boolean().default(false) }).strict(), groupInfoSchema),
  /** The file of a message (downloaded from WhatsApp first if needed), to open or save. */
  'media:get': call(
    z.object({ messageId }).strict(),
    z.object({ name: z.string(), mime: z.string(), data: z.string() }),
  ),
  /** The message a reply quotes, to jump to it (clicking a quote). */
  'messages:quoted': call(z.object({ messageId }).strict(), messageSchema),
  /** Full-text search of a bot's messages, newest first. */
  'messages:search': call(
    z
      .object({
        botId,
        query: z.string().trim().min(1, 'Type a word to search for.').max(200),
        before: chatKeySchema.optional(),
        limit: z.number().int().min(1).max(100).default(30),
      })
      .strict(),
    z.object({ items: z.array(searchHitSchema), nextBefore: chatKeySchema.nullable() }),
  ),
  /**
   * Demo bots only: a simulated customer writes to the bot (queued if it is offline), so the inbox
   * can be tried without waiting. Without `text` they say something typical; without `from` a
   * demo customer is picked.
   */
  'demo:receive': call(
    z
      .object({
        botId,
        text: z.string().trim().min(1).max(MESSAGE_TEXT_MAX).optional(),
        from: z.string().trim().min(1).max(32).optional(),
        /** A photo, with `text` as its caption. */
        photo: z.boolean().default(false),
      })
      .strict(),
    z.object({ messageId: z.string(), from: z.string() }),
  ),
  /**
   * Demo bots only: someone joins or leaves one of the bot's simulated groups, or a member says
   * something there (without `phone`, a demo customer who is not in it, or one who is).
   */
  'demo:group': call(
    z
      .object({
        chatId,
        action: z.enum(['join', 'leave', 'say']),
        phone: z.string().trim().min(1).max(32).optional(),
        /** For `say`: what the member writes in the group. */
        text: z.string().trim().min(1).max(MESSAGE_TEXT_MAX).optional(),
      })
      .strict()
      .refine((input) => input.action !== 'say' || input.text !== undefined, {
        message: 'Write what the member says.',
        path: ['text'],
      }),
    z.object({ phone: z.string() }),
  ),
  /** A bot's automations: settings, custom commands, auto-replies, flows, and its built-in commands. */
  'automations:get': call(z.object({ botId }).strict(), automationsSchema),
  /** Saves some parts of the configuration (validated whole: a bad rule changes nothing). */
  'automations:save': call(z.object({ botId, patch: automationPatchSchema }).strict(), automationsSchema),
  /** Adds or removes a premium member (a number with its country code). */
  'automations:premium': call(
    z
      .object({
        botId,
        phone: z.string().trim().min(1, 'Enter a phone number with its country code.').max(32),
        premium: z.boolean(),
      })
      .strict(),
    automationsSchema,
  ),
  /** Keeps an image for a custom command's reply; returns what the command stores. */
  'automations:upload-image': call(
    z
      .object({
        botId,
        name: z.string().trim().min(1).max(255),
        data: z
          .string()
          .max(ATTACHMENT_MAX_BASE64, `Images can be at most ${formatBytes(ATTACHMENT_MAX_BYTES)}.`)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file data must be base64.')
          .optional(),
        uploadId: uploadIdSchema.optional(),
      })
      .strict()
      .refine(...ONE_SOURCE),
    replyImageSchema,
  ),
  /**
   * The test panel: what the bot would answer this text from a customer (in a private chat or a
   * group, with a role), and which stage answered. Nothing is sent; menu flows keep their place
   * between tries until `reset`.
   */
  'automations:try': call(
    z
      .object({
        botId,
        text: z.string().trim().min(1, 'Type a message to try.').max(MESSAGE_TEXT_MAX),
        where: z.enum(['private', 'group']).default('private'),
        role: z.enum(['everyone', 'admin', 'premium', 'owner']).default('everyone'),
        reset: z.boolean().default(false),
      })
      .strict(),
    tryResultSchema,
  ),
  /** The latest command runs: who, where, what, result and how long. */
  'automations:runs': call(
    z.object({ botId, limit: z.number().int().min(1).max(500).default(100) }).strict(),
    z.array(commandRunSchema),
  ),
  /** A group's moderation and greeting settings. */
  'groups:settings': call(z.object({ chatId }).strict(), groupSettingsSchema),
  'groups:save-settings': call(z.object({ chatId, patch: groupSettingsPatchSchema }).strict(), groupSettingsSchema),
  /** Mutes a group (only admins may send) or opens it; the bot must be online and an admin there. */
  'groups:set-announce': call(
    z.object({ chatId, announce: z.boolean() }).strict(),
    z.object({ announce: z.boolean() }),
  ),
  /** Demo bots only: the simulated phone scans the QR (or enters the pairing code). */
  'demo:simulate-scan': call(z.object({ botId }).strict(), botSchema),
  ...messageActionCalls,
  ...contactCalls,
  ...uploadCalls,
  ...campaignCalls,
} as const;

export const events = {
  'bot:status': z.object({ bot: botSchema }),
  'bot:removed': z.object({ botId: z.string() }),
  'bot:event': z.object({ event: botEventSchema }),
  /** A message is new or changed (status, edit, deletion, reaction). */
  'message:upsert': z.object({ message: messageSchema }),
  /** A message was deleted for me: it leaves the thread (and the chat's preview). */
  'message:hidden': z.object({ messageId: z.number(), chatId: z.number() }),
  /** A chat is new or changed (preview, unread, pinned, archived, muted). */
  'chat:upsert': z.object({ chat: chatSchema }),
  /**
   * Earlier messages from the phone are being stored: `stored` of `total` in this batch, and how
   * far the phone says its whole history is (percent, when it says).
   */
  'history:progress': z.object({
    botId: z.string(),
    stored: z.number(),
    total: z.number(),
    phoneProgress: z.number().nullable(),
    done: z.boolean(),
  }),
  /** Many chats changed at once (history arrived): reload the list. */
  'chats:changed': z.object({ botId: z.string() }),
  /** A chat command changed a bot's automations (its premium list): the Automations page reloads. */
  'automations:changed': z.object({ botId: z.string() }),
  ...contactEvents,
  ...campaignEvents,
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<N extends EventName> = z.output<(typeof events)[N]>;

export const errorCodeSchema = z.enum([
  'invalid_input',
  'not_found',
  'invalid_state',
  'unknown_call',
  'unauthorized',
  'send_failed',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;
/** `fields`: a sentence per refused field (path joined with dots), for forms to show in place. */
export type ContractErrorShape = { code: ErrorCode; message: string; fields?: Record<string, string> };

/** Errors never cross as thrown exceptions: every reply is one of these. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ContractErrorShape };

export const isCallName = (name: string): name is CallName => Object.hasOwn(calls, name);
export const isEventName = (name: string): name is EventName => Object.hasOwn(events, name);

/** Thrown by the client when a reply carries an error, and by services to choose the code. */
export class ContractError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

export { describeIssues, issueFields } from './issues';
