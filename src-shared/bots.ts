import { z } from 'zod';

/** Where a bot's WhatsApp comes from: a real number through Baileys, or the simulated network. */
export const botKindSchema = z.enum(['whatsapp', 'demo']);
export type BotKind = z.infer<typeof botKindSchema>;

/**
 * The lifecycle a user sees. `connecting` covers a start with a stored session before the socket
 * is open; `linking` is a socket waiting for a QR scan or a pairing code.
 */
export const botStatusSchema = z.enum([
  'created',
  'connecting',
  'linking',
  'online',
  'reconnecting',
  /** No route to WhatsApp at all (no internet): retrying gently. */
  'offline',
  'stopped',
  'logged_out',
  'failed',
]);
export type BotStatus = z.infer<typeof botStatusSchema>;

/** Per-bot switches; stored now, used by the inbox, pipeline and campaign features. */
export const botFeatureSchema = z.enum([
  'antiLink',
  'welcome',
  'tagAll',
  'stickers',
  'autoReply',
  'antiDelete',
  'campaigns',
  'readReceipts',
  'notifications',
  'autoDownload',
]);
export type BotFeature = z.infer<typeof botFeatureSchema>;
export const BOT_FEATURES = botFeatureSchema.options;

/** What each feature is called on screen, and in the bot's log when it is switched. */
export const FEATURE_LABEL: Record<BotFeature, string> = {
  antiLink: 'Anti-link',
  welcome: 'Welcome messages',
  tagAll: 'Tag-all',
  stickers: 'Stickers',
  autoReply: 'Auto-reply',
  antiDelete: 'Anti-delete',
  campaigns: 'Campaigns',
  readReceipts: 'Read receipts',
  notifications: 'Notifications',
  autoDownload: 'Download media',
};

export const botFeaturesSchema = z.record(botFeatureSchema, z.boolean());
export type BotFeatures = Record<BotFeature, boolean>;

/** What a linking socket currently shows: a QR that rotates, or a pairing code to type on the phone. */
export const linkStateSchema = z.object({
  qr: z.string().nullable(),
  pairingCode: z.string().nullable(),
  pairingPhone: z.string().nullable(),
});
export type LinkState = z.infer<typeof linkStateSchema>;

export const botSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: botKindSchema,
  status: botStatusSchema,
  /** Plain words for why the bot is in this status (failed, logged out, reconnecting). */
  statusReason: z.string().nullable(),
  /** E.164 number of the linked WhatsApp account, once linked. */
  phone: z.string().nullable(),
  features: z.record(z.string(), z.boolean()),
  link: linkStateSchema.nullable(),
  /** When the next reconnect attempt is due (epoch ms), while reconnecting. */
  nextRetryAt: z.number().nullable(),
  createdAt: z.number(),
  lastOnlineAt: z.number().nullable(),
});
export type Bot = z.infer<typeof botSchema>;

export const botEventKindSchema = z.enum(['connection', 'reconnect', 'error', 'message', 'info']);
export type BotEventKind = z.infer<typeof botEventKindSchema>;

export const botEventSchema = z.object({
  id: z.number(),
  botId: z.string(),
  ts: z.number(),
  kind: botEventKindSchema,
  level: z.enum(['info', 'warn', 'error']),
  message: z.string(),
});
export type BotEvent = z.infer<typeof botEventSchema>;

export const pageKeySchema = z.object({ ts: z.number().int(), id: z.number().int() });
export type PageKey = z.infer<typeof pageKeySchema>;

export const BOT_NAME_MAX = 60;
