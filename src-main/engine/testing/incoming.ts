import type { IncomingMessage } from '../wa/transport';

/** Ana's private chat with the bot (tests). */
export const ANA_JID = '447700900123@s.whatsapp.net';

/** A live text Ana sent in her private chat, as the transport hands it to the inbox. */
export const anaWrote = (id: string, text: string): IncomingMessage => ({
  id,
  chatJid: ANA_JID,
  senderJid: ANA_JID,
  senderName: 'Ana',
  fromMe: false,
  ts: 1,
  text,
  offline: false,
});
