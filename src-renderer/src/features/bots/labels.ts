import type { BotEventKind, BotFeature, BotKind, BotStatus } from '../../../../src-shared/bots';

export type StatusTone = 'grey' | 'blue' | 'green' | 'amber' | 'red';

/** What each status is called and how loud it looks, in one place for badges and the log. */
export const STATUS_DISPLAY: Record<BotStatus, { label: string; tone: StatusTone }> = {
  created: { label: 'Not linked', tone: 'grey' },
  connecting: { label: 'Connecting…', tone: 'blue' },
  linking: { label: 'Waiting for scan', tone: 'blue' },
  online: { label: 'Online', tone: 'green' },
  reconnecting: { label: 'Reconnecting…', tone: 'amber' },
  stopped: { label: 'Stopped', tone: 'grey' },
  logged_out: { label: 'Logged out — relink needed', tone: 'red' },
  failed: { label: 'Failed', tone: 'red' },
};

export const KIND_LABEL: Record<BotKind, string> = { whatsapp: 'WhatsApp', demo: 'Demo' };

export const FEATURE_INFO: Record<BotFeature, { label: string; description: string }> = {
  antiLink: {
    label: 'Anti-link',
    description: 'Lets group admins turn on link deletion in their groups (.antilink on, or the group’s info).',
  },
  welcome: {
    label: 'Welcome messages',
    description: 'Greets people who join a group and says goodbye to who leaves, where the group turned it on.',
  },
  tagAll: { label: 'Tag-all', description: 'Lets group admins mention every member with one command.' },
  stickers: { label: 'Stickers', description: 'Turns a photo into a sticker with .sticker.' },
  autoReply: {
    label: 'Auto-reply',
    description: 'Runs your custom commands, auto-replies, away message and menu flows (Automations).',
  },
  antiDelete: { label: 'Anti-delete', description: 'Keeps a copy of messages people delete, so nothing is lost.' },
  campaigns: { label: 'Campaigns', description: 'Allows scheduled bulk sends from this number.' },
  autoDownload: {
    label: 'Download media',
    description: 'Saves photos, voice notes and files (up to 16 MB) as they arrive; otherwise when you open them.',
  },
  readReceipts: { label: 'Read receipts', description: 'Shows contacts blue ticks when you open their chat in Wren.' },
  notifications: {
    label: 'Notifications',
    description: 'A desktop notification for each new message (not for muted chats).',
  },
};

/** Singular, like the kinds themselves, so a chip reads the same as the tag on its rows. */
export const LOG_KIND_LABEL: Record<BotEventKind, string> = {
  connection: 'Connection',
  reconnect: 'Reconnect',
  error: 'Error',
  message: 'Message',
  info: 'Info',
};

/** Statuses where the socket is up or trying to be: Stop makes sense, Start does not. */
export const isRunning = (status: BotStatus): boolean =>
  status === 'connecting' || status === 'linking' || status === 'online' || status === 'reconnecting';

/** Statuses with no usable session: the way forward is linking, not starting. */
export const needsLink = (status: BotStatus): boolean => status === 'created' || status === 'logged_out';
