import type { Chat, Message, MessageKind, MessageMedia, MessageStatus } from '../../../src-shared/inbox';
import { phoneOfJid } from './jid';

/** The inbox's rows as SQLite gives them, and each one shaped as the contract's type. */

export type ChatRow = {
  id: number;
  bot_id: string;
  jid: string;
  kind: 'user' | 'group';
  title: string | null;
  last_ts: number;
  unread: number;
  pinned_at: number | null;
  archived: number;
  muted_until: number | null;
  handoff_at: number | null;
  phone_jid: string | null;
  push_name: string | null;
  name: string | null;
  m_text: string | null;
  m_kind: MessageKind | null;
  m_from_me: number | null;
  m_status: MessageStatus | null;
  m_deleted: number | null;
  m_sender: string | null;
};

export type MessageRow = {
  id: number;
  bot_id: string;
  chat_id: number;
  wa_id: string;
  from_me: number;
  sender_jid: string;
  sender_name: string | null;
  ts: number;
  kind: MessageKind;
  text: string | null;
  status: MessageStatus | null;
  error: string | null;
  quoted_wa_id: string | null;
  quoted_text: string | null;
  quoted_sender: string | null;
  forwarded: number;
  edited_at: number | null;
  deleted_at: number | null;
  origin: string | null;
  starred_at: number | null;
};

export const toChat = (row: ChatRow): Chat => {
  const phone = row.phone_jid ? phoneOfJid(row.phone_jid) : phoneOfJid(row.jid);
  return {
    id: row.id,
    botId: row.bot_id,
    jid: row.jid,
    kind: row.kind,
    // The name the business gave the person wins over what they call themselves on WhatsApp.
    title: row.title ?? (row.name || null) ?? row.push_name ?? phone ?? row.jid.split('@')[0] ?? row.jid,
    phone,
    lastMessage:
      row.m_kind === null
        ? null
        : {
            text: row.m_text,
            kind: row.m_kind,
            fromMe: row.m_from_me === 1,
            status: row.m_status,
            deleted: row.m_deleted !== null,
            senderName: row.m_sender,
          },
    lastTs: row.last_ts,
    unread: row.unread,
    pinned: row.pinned_at !== null,
    archived: row.archived === 1,
    mutedUntil: row.muted_until,
    handoffAt: row.handoff_at,
  };
};

export type MediaRow = {
  message_id: number;
  mime: string;
  file_name: string | null;
  size: number | null;
  width: number | null;
  height: number | null;
  seconds: number | null;
  state: MessageMedia['state'];
  error: string | null;
  thumb: Buffer | null;
};

export const toMedia = (row: MediaRow): MessageMedia => ({
  mime: row.mime,
  fileName: row.file_name,
  size: row.size,
  width: row.width,
  height: row.height,
  seconds: row.seconds,
  state: row.state,
  error: row.error,
  thumb: row.thumb ? `data:image/jpeg;base64,${row.thumb.toString('base64')}` : null,
});

export const toMessage = (row: MessageRow, reactions: Message['reactions'], media: MessageMedia | null): Message => ({
  id: row.id,
  chatId: row.chat_id,
  botId: row.bot_id,
  waId: row.wa_id,
  fromMe: row.from_me === 1,
  senderJid: row.sender_jid,
  senderName: row.sender_name,
  ts: row.ts,
  kind: row.kind,
  text: row.text,
  status: row.status,
  error: row.error,
  quoted: row.quoted_wa_id
    ? { waId: row.quoted_wa_id, text: row.quoted_text, sender: row.quoted_sender, senderName: null }
    : null,
  forwarded: row.forwarded === 1,
  editedAt: row.edited_at,
  deletedAt: row.deleted_at,
  reactions,
  media,
  starred: row.starred_at !== null,
  origin: null,
});
