import { z } from 'zod';

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
  quoted: z.object({ waId: z.string(), text: z.string().nullable(), sender: z.string().nullable() }).nullable(),
  forwarded: z.boolean(),
  editedAt: z.number().nullable(),
  /** The sender deleted it for everyone; `text` is kept when anti-delete was on. */
  deletedAt: z.number().nullable(),
  reactions: z.array(reactionSummarySchema),
  media: messageMediaSchema.nullable(),
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
