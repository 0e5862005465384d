import {
  isJidGroup,
  toNumber,
  type AnyMessageContent,
  type MiscMessageGenerationOptions,
} from '@whiskeysockets/baileys';
import type { Clock } from '../../clock';
import type { SendOptions, SentMessage } from '../transport';
import { asSendError } from './send-error';
import { rememberSent, type Session } from './session';

/** Sends one message on an open session; the id is remembered so Baileys' echo of it is skipped. */
export const sendOn = async (
  current: Session,
  jid: string,
  content: AnyMessageContent,
  sendOptions: SendOptions,
  clock: Clock,
): Promise<SentMessage> => {
  if (sendOptions.id !== undefined) rememberSent(current, sendOptions.id);
  const { quoted } = sendOptions;
  const options: MiscMessageGenerationOptions = {
    ...(sendOptions.id === undefined ? {} : { messageId: sendOptions.id }),
    // Baileys builds the reply's context from the quoted message's key and content.
    ...(quoted
      ? {
          quoted: {
            key: {
              remoteJid: jid,
              id: quoted.id,
              fromMe: quoted.fromMe,
              ...(isJidGroup(jid) && !quoted.fromMe ? { participant: quoted.senderJid } : {}),
            },
            message: { conversation: quoted.text ?? '' },
          },
        }
      : {}),
  };
  const sent = await current.sock
    .sendMessage(jid, content, Object.keys(options).length === 0 ? undefined : options)
    .catch((error: unknown) => {
      throw asSendError(error);
    });
  const id = sent?.key.id ?? sendOptions.id;
  if (!id) throw new Error('WhatsApp did not return an id for the sent message.');
  rememberSent(current, id);
  const seconds = toNumber(sent?.messageTimestamp);
  return { id, ts: seconds > 0 ? seconds * 1000 : clock.now() };
};

/** Marks a copy of another message "Forwarded", as WhatsApp's own clients do (a score of 1). */
export const forwardedIf = (options: SendOptions, content: AnyMessageContent): AnyMessageContent =>
  options.forwarded ? { ...content, contextInfo: { isForwarded: true, forwardingScore: 1 } } : content;
