import type { GroupSettings, PipelineStage } from '../../../src-shared/automations';
import type { GroupMemberAction, GroupRole } from '../wa/transport';

/** A message as the pipeline sees it (already stored by the inbox). */
export type PipelineInput = {
  botId: string;
  chatId: number;
  chatJid: string;
  isGroup: boolean;
  messageId: number;
  senderJid: string;
  senderName: string | null;
  text: string | null;
  /** Absent means text. */
  kind?: string;
  fromMe: boolean;
  /** Delivered while offline, or history: never answered. */
  offline: boolean;
  /** Who the message mentions (@someone). */
  mentions?: readonly string[];
  /** The message it replies to. */
  quoted?: { waId: string; senderJid: string | null } | null;
};

export type Role = 'owner' | 'admin' | 'premium';

/** The bot's feature switches (Bots › Features) that gate parts of the pipeline. */
export type PipelineFeature = 'antiLink' | 'welcome' | 'tagAll' | 'stickers' | 'autoReply';

/** What the pipeline knows of a group when a message arrives there. */
export type GroupFacts = {
  subject: string;
  members: ReadonlyMap<string, GroupRole>;
  botIsAdmin: boolean;
};

/** Something a reply carries besides text. */
export type ReplyExtra = {
  mentions?: readonly string[];
  /** An image from the media store, sent with the text as its caption. */
  image?: { sha256: string; name: string };
  /** A WebP sticker, sent instead of text. */
  sticker?: Buffer;
  /** Say it without quoting the message it answers (greetings, tag-all); private chats never quote. */
  plain?: boolean;
};

/**
 * Everything the pipeline reads and does outside itself, for one message. The engine gives the
 * real one (SQLite, the transport); the Automations test panel gives one that records what would
 * happen, so a try runs exactly the same code as a customer's message.
 */
export type World = {
  roles: ReadonlySet<Role>;
  /** Whether a feature switch of the bot is on. */
  featureOn(feature: PipelineFeature): boolean;
  /** The bot's own JID (never a target of its own moderation). */
  botJid: string | null;
  group: GroupFacts | null;
  groupSettings: GroupSettings | null;
  /** Nothing earlier from this contact in this chat. */
  firstMessage: boolean;
  /** A menu flow handed this chat to a person: automation keeps quiet. */
  handedOff: boolean;
  reply(text: string, extra?: ReplyExtra): Promise<void>;
  /** Deletes the message being handled, for everyone. */
  deleteMessage(): Promise<void>;
  updateMembers(jids: string[], action: GroupMemberAction): Promise<void>;
  setAnnounce(announce: boolean): Promise<void>;
  saveGroupSettings(patch: Partial<GroupSettings>): GroupSettings;
  /** Pauses automation in this chat and marks it for a person. */
  handOff(): void;
  /** Marks the sender opted out of campaigns; false when they already were. */
  optOut(reason: string): boolean;
  /** Takes an opted-out sender back (campaigns reach them again); false when they were not opted out. */
  optIn(reason: string): boolean;
  /** Warnings of a member in this group: `delta` +1 warns, -1 forgives, 0 reads; `reset` clears. */
  warnings(jid: string, change: { delta: number; reason?: string } | 'reset'): number;
  premium(action: 'add' | 'remove', jid: string): boolean;
  premiumList(): string[];
  /** The image a sticker is made from: this message's, or the one it replies to. */
  imageForSticker(): Promise<Buffer | null>;
  /** Lines for the stats command. */
  stats(): string[];
  /** Queues a text to every private chat of the bot; returns how many. */
  broadcast(text: string): number;
  /** Something a reply cannot show: "would delete", "removed"… (the test panel lists these). */
  note(action: string): void;
};

export type PipelineOutcome = {
  stage: PipelineStage;
  /** Plain words for the test panel: "Answered by the auto-reply rule “Prices”". */
  detail: string;
  replies: string[];
  /** The word or phrase of the auto-reply rule that answered (the test panel shows it). */
  matched?: string;
};
