import type { Bot } from '../../../../src-shared/bots';
import type { Chat, Message } from '../../../../src-shared/inbox';
import { formatPhone } from '../../lib/format';
import { isMuted } from './normalize';
import { displayTitle, messagePreview, phoneOfJid } from './text';

/**
 * A message:upsert is also sent for an old message that changed (a reaction, an edit, a status),
 * and for one of ours. Only an incoming message written in the last minutes is news.
 */
const FRESH_MS = 2 * 60_000;
/** Ids already judged, so an edit or reaction to a message never notifies it again. */
const seen = new Set<number>();
const SEEN_MAX = 2_000;

export type NotifyContext = {
  bot: Bot | undefined;
  chat: Chat | undefined;
  /** The chat is on screen in a focused window: the person sees the message already. */
  watching: boolean;
  now: number;
};

export type DesktopNotice = { title: string; body: string; tag: string };

/** Whether a message deserves a desktop notification, and what it says. Pure; the bridge shows it. */
export const noticeFor = (message: Message, ctx: NotifyContext): DesktopNotice | null => {
  if (message.fromMe || message.kind === 'system' || message.deletedAt !== null || message.ts < ctx.now - FRESH_MS) {
    return null;
  }
  if (seen.has(message.id)) return null;
  if (seen.size >= SEEN_MAX) seen.clear();
  seen.add(message.id);
  if (!ctx.bot?.features.notifications || ctx.watching) return null;
  if (ctx.chat && isMuted(ctx.chat, ctx.now)) return null;
  // A brand-new chat's chat:upsert comes just after its first message: name it from the message.
  const phone = phoneOfJid(message.senderJid);
  const who = message.senderName ?? (phone ? formatPhone(phone) : 'New message');
  const title = ctx.chat ? displayTitle(ctx.chat) : who;
  const group = ctx.chat?.kind === 'group';
  const body = group ? `${who}: ${messagePreview(message)}` : messagePreview(message);
  return { title, body, tag: `wren-chat-${message.chatId}` };
};

/**
 * Whether the browser lets us notify. Automated browsers (tests) never do: a permission prompt
 * or a notification there would only get in the way.
 */
export const notificationsAvailable = (): boolean => typeof Notification !== 'undefined' && !navigator.webdriver;

export const showNotice = (notice: DesktopNotice, onClick: () => void): void => {
  if (!notificationsAvailable() || Notification.permission !== 'granted') return;
  const shown = new Notification(notice.title, { body: notice.body, tag: notice.tag });
  shown.onclick = () => {
    window.focus();
    onClick();
    shown.close();
  };
};
