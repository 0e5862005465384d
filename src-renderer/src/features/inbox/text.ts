import type { Chat, Message, MessageKind } from '../../../../src-shared/inbox';
import { formatPhone } from '../../lib/format';
import { parseFormatting, plainText } from './formatting';

/** What stands in for media the inbox does not show yet: WhatsApp's own wording and icons. */
export const KIND_LABEL: Record<Exclude<MessageKind, 'text'>, string> = {
  image: '📷 Photo',
  video: '🎥 Video',
  audio: '🎤 Audio',
  document: '📄 Document',
  sticker: 'Sticker',
  location: '📍 Location',
  contact: '👤 Contact',
  poll: '📊 Poll',
  other: 'Unsupported message',
  system: 'Group update',
};

export const DELETED_TEXT = '🚫 This message was deleted';

/** One line for a chat row, a notification or a reply preview. */
export const previewText = (m: { kind: MessageKind; text: string | null; deleted: boolean }): string => {
  if (m.deleted) return DELETED_TEXT;
  // One line of what the person reads: WhatsApp's *bold* and _italic_ markers are left out.
  const text = m.text ? plainText(parseFormatting(m.text)) : null;
  if (m.kind === 'text' || m.kind === 'system') return text ?? '';
  const label = KIND_LABEL[m.kind];
  return text ? `${label}: ${text}` : label;
};

export const messagePreview = (m: Message): string =>
  previewText({ kind: m.kind, text: m.text, deleted: m.deletedAt !== null });

export type SnippetPart = { text: string; mark: boolean };

/** The engine wraps each match in \u0001…\u0002; the UI marks those parts. */
export const splitSnippet = (snippet: string): SnippetPart[] => {
  const parts: SnippetPart[] = [];
  let mark = false;
  let text = '';
  const flush = () => {
    if (text) parts.push({ text, mark });
    text = '';
  };
  for (const ch of snippet) {
    if (ch === '\u0001' || ch === '\u0002') {
      flush();
      mark = ch === '\u0001';
    } else text += ch;
  }
  flush();
  return parts;
};

/** A JID without its device part ("447…:3@s.whatsapp.net" → "447…@s.whatsapp.net"), as the engine stores senders. */
export const bareJid = (jid: string): string => jid.replace(/:\d+@/, '@');

/** "+447700900501" from "447700900501@s.whatsapp.net" (or a device JID "…:3@…"); null for LIDs and groups. */
export const phoneOfJid = (jid: string | null): string | null => {
  if (!jid || !jid.endsWith('@s.whatsapp.net')) return null;
  const digits = jid.split('@')[0]?.split(':')[0] ?? '';
  return /^\d{6,15}$/.test(digits) ? `+${digits}` : null;
};

/**
 * Who wrote a quoted message: "You" for the bot's own number; in a one-to-one chat the other
 * side is the chat itself; in a group the number is all a quote carries.
 */
export const senderLabel = (
  jid: string | null,
  botPhone: string | null,
  chat: Chat | undefined,
  names: Record<string, string> = {},
): string => {
  const phone = phoneOfJid(jid);
  if (jid === 'me' || (phone !== null && phone === botPhone)) return 'You';
  if (chat?.kind === 'user') return displayTitle(chat);
  const known = jid ? names[bareJid(jid)] : undefined;
  return known ?? (phone ? formatPhone(phone) : 'Someone');
};

/** Whether the engine knows no name for the chat, only a number (it then uses the number as title). */
export const isNumberOnly = (chat: Pick<Chat, 'kind' | 'title' | 'phone'>): boolean =>
  chat.kind === 'user' && chat.phone !== null && chat.title === chat.phone;

/** The chat's name, or its number written the way people read numbers. */
export const displayTitle = (chat: Pick<Chat, 'kind' | 'title' | 'phone'>): string =>
  isNumberOnly(chat) ? formatPhone(chat.title) : chat.title;
