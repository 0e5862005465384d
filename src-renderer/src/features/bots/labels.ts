import {
  FEATURE_LABEL,
  type BotEventKind,
  type BotFeature,
  type BotKind,
  type BotStatus,
} from '../../../../src-shared/bots';

export type StatusTone = 'grey' | 'blue' | 'green' | 'amber' | 'red';

/** What each status is called and how loud it looks, in one place for badges and the log. */
export const STATUS_DISPLAY: Record<BotStatus, { label: string; tone: StatusTone }> = {
  created: { label: 'Not linked', tone: 'grey' },
  connecting: { label: 'Connecting…', tone: 'blue' },
  linking: { label: 'Waiting for scan', tone: 'blue' },
  online: { label: 'Online', tone: 'green' },
  reconnecting: { label: 'Reconnecting…', tone: 'amber' },
  offline: { label: 'No internet', tone: 'amber' },
  stopped: { label: 'Stopped', tone: 'grey' },
  logged_out: { label: 'Logged out — relink needed', tone: 'red' },
  failed: { label: 'Failed', tone: 'red' },
};

export const KIND_LABEL: Record<BotKind, string> = { whatsapp: 'WhatsApp', demo: 'Demo' };

export const FEATURE_INFO: Record<BotFeature, { label: string; description: string }> = {
  antiLink: {
    label: FEATURE_LABEL.antiLink,
    description: 'Lets group admins turn on link deletion in their groups (.antilink on, or the group’s info).',
  },
  welcome: {
    label: FEATURE_LABEL.welcome,
    description: 'Greets people who join a group and says goodbye to who leaves, where the group turned it on.',
  },
  tagAll: { label: FEATURE_LABEL.tagAll, description: 'Lets group admins mention every member with one command.' },
  stickers: { label: FEATURE_LABEL.stickers, description: 'Turns a photo into a sticker with .sticker.' },
  autoReply: {
    label: FEATURE_LABEL.autoReply,
    description: 'Runs your custom commands, auto-replies, away message and menu flows (Automations).',
  },
  antiDelete: {
    label: FEATURE_LABEL.antiDelete,
    description: 'Keeps a copy of messages people delete, so nothing is lost.',
  },
  campaigns: { label: FEATURE_LABEL.campaigns, description: 'Allows scheduled bulk sends from this number.' },
  autoDownload: {
    label: FEATURE_LABEL.autoDownload,
    description: 'Saves photos, voice notes and files (up to 16 MB) as they arrive; otherwise when you open them.',
  },
  readReceipts: {
    label: FEATURE_LABEL.readReceipts,
    description: 'Shows contacts blue ticks when you open their chat in Wren.',
  },
  notifications: {
    label: FEATURE_LABEL.notifications,
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
  status === 'connecting' ||
  status === 'linking' ||
  status === 'online' ||
  status === 'reconnecting' ||
  status === 'offline';

/** Statuses with no usable session: the way forward is linking, not starting. */
export const needsLink = (status: BotStatus): boolean => status === 'created' || status === 'logged_out';
