import { DELETE_FOR_EVERYONE_MS, type Message, type MessageOrigin } from '../../../../src-shared/inbox';

/** What each stage of the bot's automations is called in a bubble's tooltip. */
const STAGE_NAMES: Record<string, string> = {
  'auto-reply': 'auto-reply',
  away: 'away message',
  command: 'command',
  flow: 'menu',
  moderation: 'group moderation',
  'opt-out': 'opt-out confirmation',
  'opt-in': 'opt-in confirmation',
  'rate-limit': 'too-many-commands warning',
  broadcast: 'broadcast',
  greeting: 'group greeting',
};

/** The small label in the bubble's meta line and its tooltip: who sent one of the bot's messages. */
export const originLabel = (origin: MessageOrigin | null): { short: string; title: string } | null => {
  if (!origin) return null;
  switch (origin.by) {
    case 'bot': {
      const stage = origin.detail ? (STAGE_NAMES[origin.detail] ?? origin.detail) : null;
      return { short: 'Bot', title: stage ? `Sent by the bot — ${stage}` : 'Sent by the bot' };
    }
    case 'campaign':
      return { short: 'Campaign', title: origin.detail ? `Campaign: ${origin.detail}` : 'Sent by a campaign' };
    case 'person':
      return { short: 'Wren', title: 'Sent from Wren' };
    case 'phone':
      return { short: 'Phone', title: 'Sent from the phone' };
  }
};

/**
 * Whether "Delete for everyone" is offered: the bot's own sent messages, or anyone's in a group
 * where the bot is admin, within WhatsApp's limit. The engine checks again and says why not.
 */
export const canDeleteForEveryone = (message: Message, now: number, botIsGroupAdmin: boolean): boolean => {
  if (message.deletedAt !== null || message.kind === 'system') return false;
  if (now - message.ts > DELETE_FOR_EVERYONE_MS) return false;
  if (message.fromMe) return message.status !== 'pending' && message.status !== 'failed';
  return botIsGroupAdmin;
};

/** Kinds the menu offers to forward, as the engine accepts them. */
export const canForward = (message: Message): boolean =>
  message.deletedAt === null &&
  ['text', 'image', 'video', 'audio', 'document', 'sticker'].includes(message.kind) &&
  (message.media !== null || Boolean(message.text));

/** What Copy puts on the clipboard: the text or caption (nothing for a file alone). */
export const copyText = (message: Message): string | null =>
  message.deletedAt === null && message.text ? message.text : null;
