import { z } from 'zod';
import { call } from './call';

/** What the bot's own messages went through, in order; a later one never goes back. */
export const messageStatusSchema = z.enum(['pending', 'sent', 'delivered', 'read', 'played', 'failed']);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

export const messageKindSchema = z.enum([
  'text',
  'image',
  'video',
  'audio',
  'document',
  'sticker',
  'location',
  'contact',
  'poll',
  'other',
  /** A group notice (someone joined, left, became admin), written by Wren from WhatsApp's events. */
  'system',
]);
export type MessageKind = z.infer<typeof messageKindSchema>;

export const MESSAGE_TEXT_MAX = 4096;

export const reactionSummarySchema = z.object({ emoji: z.string(), count: z.number(), mine: z.boolean() });

/** The file a message carries, as the chat shows it; the bytes come with `media:get`. */
export const messageMediaSchema = z.object({
  mime: z.string(),
  fileName: z.string().nullable(),
  size: z.number().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  seconds: z.number().nullable(),
  /** remote: on WhatsApp, downloaded when opened; stored: in Wren's media folder; failed: see error. */
  state: z.enum(['remote', 'stored', 'failed', 'too-large']),
  error: z.string().nullable(),
  /** A small JPEG as a data: URL, for the bubble. */
  thumb: z.string().nullable(),
});
export type MessageMedia = z.infer<typeof messageMediaSchema>;

/**
 * Who sent one of the bot's own messages: the bot's automations (and which stage answered), a
 * campaign, a person in Wren, or someone on the linked phone itself. `detail` is the stage of a
 * bot reply or the name of a campaign (null once the campaign is gone).
 */
export const messageOriginSchema = z.object({
  by: z.enum(['person', 'bot', 'campaign', 'phone']),
  detail: z.string().nullable(),
});
export type MessageOrigin = z.infer<typeof messageOriginSchema>;

export const messageSchema = z.object({
  id: z.number(),
  chatId: z.number(),
  botId: z.string(),
  waId: z.string(),
  fromMe: z.boolean(),
  senderJid: z.string(),
  senderName: z.string().nullable(),
  ts: z.number(),
  kind: messageKindSchema,
  text: z.string().nullable(),
  status: messageStatusSchema.nullable(),
  /** Why a message failed, in plain words. */
  error: z.string().nullable(),
  quoted: z
    .object({
      waId: z.string(),
      text: z.string().nullable(),
      /** The JID of whom the reply quotes. */
      sender: z.string().nullable(),
      /** Their name as the business gave it, when it did (else the UI names them as it can). */
      senderName: z.string().nullable(),
    })
    .nullable(),
  forwarded: z.boolean(),
  editedAt: z.number().nullable(),
  /** The sender deleted it for everyone; `text` is kept when anti-delete was on. */
  deletedAt: z.number().nullable(),
  reactions: z.array(reactionSummarySchema),
  media: messageMediaSchema.nullable(),
  /** Starred in Wren (kept on this PC only). */
  starred: z.boolean(),
  /** The bot's own messages: who sent it; null for others' messages and ones stored before Wren kept it. */
  origin: messageOriginSchema.nullable(),
});
export type Message = z.infer<typeof messageSchema>;

export const chatPreviewSchema = z.object({
  text: z.string().nullable(),
  kind: messageKindSchema,
  fromMe: z.boolean(),
  status: messageStatusSchema.nullable(),
  deleted: z.boolean(),
  senderName: z.string().nullable(),
});

export const chatSchema = z.object({
  id: z.number(),
  botId: z.string(),
  jid: z.string(),
  kind: z.enum(['user', 'group']),
  /** What to call the chat: a group's subject, a person's name, or their number. */
  title: z.string(),
  /** E.164 for a person whose number is known. */
  phone: z.string().nullable(),
  lastMessage: chatPreviewSchema.nullable(),
  lastTs: z.number(),
  unread: z.number(),
  pinned: z.boolean(),
  archived: z.boolean(),
  mutedUntil: z.number().nullable(),
  /** Since when a menu flow has handed this chat to a person (automation is paused here). */
  handoffAt: z.number().nullable(),
});
export type Chat = z.infer<typeof chatSchema>;

export const chatKeySchema = z.object({ ts: z.number().int(), id: z.number().int() });
export type ChatKey = z.infer<typeof chatKeySchema>;

export const searchHitSchema = z.object({
  message: messageSchema,
  chatTitle: z.string(),
  /** The text around the match, with each match wrapped in \u0001 … \u0002 for the UI to mark. */
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const groupMemberSchema = z.object({
  jid: z.string(),
  /** E.164 when the member's number is known. */
  phone: z.string().nullable(),
  /** Their WhatsApp name, when they have written to the bot. */
  name: z.string().nullable(),
  role: z.enum(['member', 'admin', 'superadmin']),
  /** The bot's own number. */
  isBot: z.boolean(),
});
export type GroupMember = z.infer<typeof groupMemberSchema>;

export const groupInfoSchema = z.object({
  chatId: z.number(),
  subject: z.string(),
  description: z.string().nullable(),
  ownerJid: z.string().nullable(),
  /** Only admins may send messages. */
  announce: z.boolean(),
  /** Admins first, then by name. */
  members: z.array(groupMemberSchema),
  /** When WhatsApp last told Wren about this group. */
  updatedAt: z.number(),
});
export type GroupInfo = z.infer<typeof groupInfoSchema>;

/** The chat list's quick filters, as WhatsApp has them above the list. */
export const chatFilterSchema = z.enum(['all', 'unread', 'groups']);
export type ChatFilter = z.infer<typeof chatFilterSchema>;

/** What Wren knows of the person in a one-to-one chat, for the chat's contact card. */
export const chatContactSchema = z.object({
  contactId: z.number(),
  /** The name the business gave them; shown before their WhatsApp name. */
  name: z.string().nullable(),
  pushName: z.string().nullable(),
  /** E.164, or null for someone WhatsApp only shows by a hidden id (LID). */
  phone: z.string().nullable(),
  tags: z.array(z.string()),
  notes: z.string(),
  optedOutAt: z.number().nullable(),
  optedOutReason: z.string().nullable(),
});
export type ChatContact = z.infer<typeof chatContactSchema>;

/**
 * How long after sending WhatsApp still lets a message be deleted for everyone: about two days
 * and twelve hours (60 hours) since 2023, for the sender and for group admins alike.
 */
export const DELETE_FOR_EVERYONE_MS = 60 * 60 * 60 * 1000;

/** The six reactions offered first, as WhatsApp offers them. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;

/** WhatsApp forwards one message to at most five chats at a time. */
export const FORWARD_CHATS_MAX = 5;

const chatIdSchema = z.number().int().positive('Choose a chat.');
const messageIdSchema = z.number().int().positive('Choose a message.');

/** One emoji (with its skin tone or joiners), as WhatsApp allows one reaction per person. */
const emojiSchema = z
  .string()
  .min(1, 'Choose an emoji.')
  .max(32, 'A reaction is one emoji.')
  .refine((value) => /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(value) && !/\s/u.test(value), {
    message: 'A reaction is one emoji.',
  });

/** What a person does to one message from its menu: react, forward, star, delete. */
export const messageActionCalls = {
  /** The bot reacts to a message (`emoji: null` takes its reaction away); the bot must be online. */
  'messages:react': call(
    z.object({ messageId: messageIdSchema, emoji: emojiSchema.nullable() }).strict(),
    messageSchema,
  ),
  /** Sends a copy of a text or file to other chats of the same bot, marked forwarded, through the outbox. */
  'messages:forward': call(
    z
      .object({
        messageId: messageIdSchema,
        chatIds: z
          .array(chatIdSchema)
          .min(1, 'Choose a chat to forward to.')
          .max(FORWARD_CHATS_MAX, `You can forward to up to ${FORWARD_CHATS_MAX} chats at a time.`),
      })
      .strict(),
    z.array(messageSchema),
  ),
  /** Stars or unstars messages, on this PC only. */
  'messages:star': call(z.object({ messageId: messageIdSchema, starred: z.boolean() }).strict(), messageSchema),
  /** A chat's starred messages, newest first, paged by key. */
  'messages:starred': call(
    z
      .object({
        chatId: chatIdSchema,
        before: chatKeySchema.optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    z.object({ items: z.array(messageSchema), nextBefore: chatKeySchema.nullable() }),
  ),
  /**
   * Deletes a message for me (hidden in Wren only) or for everyone (the bot's own, or anyone's in a
   * group where the bot is admin, within WhatsApp's time limit; the bot must be online).
   */
  'messages:delete': call(
    z.object({ messageId: messageIdSchema, for: z.enum(['me', 'everyone']) }).strict(),
    z.object({ messageId: z.number(), chatId: z.number(), message: messageSchema.nullable() }),
  ),
  /** The person in a one-to-one chat as the contact card shows them; null for a group. */
  'chats:contact': call(z.object({ chatId: chatIdSchema }).strict(), chatContactSchema.nullable()),
} as const;
