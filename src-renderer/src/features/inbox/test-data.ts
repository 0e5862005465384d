import type { Chat, Message } from '../../../../src-shared/inbox';

/** A person's chat as the engine sends it; tests override what they are about. */
export const makeChat = (patch: Partial<Chat> = {}): Chat => ({
  id: 1,
  botId: 'bot-1',
  jid: '447911123401@s.whatsapp.net',
  kind: 'user',
  title: 'Ana Souza',
  phone: '+447911123401',
  lastMessage: null,
  lastTs: 0,
  unread: 0,
  pinned: false,
  archived: false,
  mutedUntil: null,
  handoffAt: null,
  ...patch,
});

/** An incoming text as the engine sends it; tests override what they are about. */
export const makeMessage = (patch: Partial<Message> = {}): Message => ({
  id: 1,
  chatId: 1,
  botId: 'bot-1',
  waId: 'W1',
  fromMe: false,
  senderJid: '447911123401@s.whatsapp.net',
  senderName: null,
  ts: 0,
  kind: 'text',
  text: 'hi',
  status: null,
  error: null,
  quoted: null,
  forwarded: false,
  editedAt: null,
  deletedAt: null,
  reactions: [],
  media: null,
  starred: false,
  origin: null,
  ...patch,
});
