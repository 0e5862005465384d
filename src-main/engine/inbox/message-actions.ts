import type Database from 'better-sqlite3';
import { DELETE_FOR_EVERYONE_MS, type Chat, type ChatKey, type Message } from '../../../src-shared/inbox';
import { ContractError } from '../../../src-shared/contract';
import type { Clock } from '../clock';
import type { EngineEvents } from '../events';
import type { Transport } from '../wa/transport';
import type { InboxReader } from './reader';
import type { Ingested, InboxWriter, Origin } from './writer';

/** Kinds a person can forward: what WhatsApp forwards as a copy (text or a file with its caption). */
const FORWARDABLE = new Set(['text', 'image', 'video', 'audio', 'document', 'sticker']);

export type MessageActionDeps = {
  sqlite: Database.Database;
  reader: InboxReader;
  writer: InboxWriter;
  clock: Clock;
  events: EngineEvents;
  botJid(botId: string): string | null;
  onlineTransport(botId: string): Transport | null;
  chatOrThrow(chatId: number): Chat;
  publish(botId: string, changed: Ingested[]): void;
  /** The file of a message, downloaded from WhatsApp first when needed. */
  file(messageId: number): Promise<{ name: string; bytes: Buffer }>;
  /** Whether the bot is an admin of a group (as Wren last heard, or asked of WhatsApp now). */
  botIsAdmin(chat: Chat): Promise<boolean>;
  /** The inbox's own send: the outbox, with its pending clock and retries. */
  send(args: {
    chatId: number;
    text: string;
    file?: { name: string; bytes: Buffer; sticker?: boolean };
    forwarded: boolean;
    origin: Origin;
  }): Promise<Message>;
};

type StarredRow = Parameters<InboxReader['shape']>[0][number];

/**
 * What a person does to one message from its menu (react, forward, star, delete), each a
 * separate answer to one call; reading and sending stay the reader's and the outbox's.
 */
export const createMessageActions = (deps: MessageActionDeps) => {
  const { sqlite, reader, writer, clock } = deps;
  const statements = {
    star: sqlite.prepare<[number, number, number]>(
      'UPDATE messages SET starred_at = CASE WHEN ? THEN coalesce(starred_at, ?) ELSE NULL END WHERE id = ?',
    ),
    starred: sqlite.prepare<[number, number, number, number], StarredRow>(
      `SELECT * FROM messages WHERE chat_id = ? AND starred_at IS NOT NULL AND hidden_at IS NULL
         AND (ts, id) < (?, ?) ORDER BY ts DESC, id DESC LIMIT ?`,
    ),
    // A pending message deleted for me never goes out: the outbox only sends 'pending'.
    hide: sqlite.prepare<[number, number]>(
      `UPDATE messages SET hidden_at = ?, starred_at = NULL,
         status = CASE WHEN status = 'pending' THEN 'failed' ELSE status END,
         error = CASE WHEN status = 'pending' THEN 'Deleted before it was sent.' ELSE error END
       WHERE id = ?`,
    ),
    // The chat's preview falls back to the newest message still shown; its place in the list stays.
    previewAfterHide: sqlite.prepare<[number, number]>(
      `UPDATE chats SET last_message_id =
         (SELECT id FROM messages WHERE chat_id = chats.id AND hidden_at IS NULL ORDER BY ts DESC, id DESC LIMIT 1)
       WHERE id = ? AND last_message_id = ?`,
    ),
  };

  const messageOrThrow = (messageId: number): Message => {
    const message = reader.message(messageId, null);
    if (!message) throw new ContractError('not_found', 'That message does not exist any more.');
    return message;
  };

  const onlineOrThrow = (chat: Chat, what: string): Transport => {
    const transport = deps.onlineTransport(chat.botId);
    if (!transport) throw new ContractError('invalid_state', `The bot is offline. Start it to ${what}.`);
    return transport;
  };

  const fresh = (message: Message): Message => reader.message(message.id, deps.botJid(message.botId)) ?? message;

  /** Why WhatsApp would not delete this message for everyone, or null when it would. */
  const whyNotForEveryone = async (message: Message, chat: Chat): Promise<string | null> => {
    if (message.deletedAt !== null) return 'This message was already deleted for everyone.';
    if (message.kind === 'system') return 'Group notices cannot be deleted for everyone.';
    if (message.fromMe && (message.status === 'pending' || message.status === 'failed')) {
      return 'This message was never sent, so only you can see it. Delete it for me instead.';
    }
    if (clock.now() - message.ts > DELETE_FOR_EVERYONE_MS) {
      return 'WhatsApp only deletes a message for everyone within about 2 days and 12 hours of sending it. You can still delete it for me.';
    }
    if (message.fromMe) return null;
    if (chat.kind !== 'group') return 'You can only delete your own messages for everyone. Delete it for me instead.';
    if (!(await deps.botIsAdmin(chat))) {
      return 'Only a group admin can delete other people’s messages for everyone, and the bot is not an admin here.';
    }
    return null;
  };

  return {
    /** The bot reacts with one emoji, or takes its reaction away (`null`). */
    async react(messageId: number, emoji: string | null): Promise<Message> {
      const message = messageOrThrow(messageId);
      if (message.deletedAt !== null)
        throw new ContractError('invalid_state', 'You cannot react to a deleted message.');
      if (message.kind === 'system') throw new ContractError('invalid_state', 'You cannot react to a group notice.');
      if (message.fromMe && message.status === 'pending') {
        throw new ContractError('invalid_state', 'Wait until the message is sent to react to it.');
      }
      const chat = deps.chatOrThrow(message.chatId);
      const transport = onlineOrThrow(chat, 'react');
      const botJid = deps.botJid(chat.botId);
      if (!botJid) throw new ContractError('invalid_state', 'Link the bot to WhatsApp first.');
      try {
        await transport.sendReaction(
          chat.jid,
          { id: message.waId, fromMe: message.fromMe, senderJid: message.senderJid },
          emoji,
        );
      } catch (error) {
        throw new ContractError('send_failed', `WhatsApp did not take the reaction: ${(error as Error).message}`);
      }
      // Stored as the bot's own reaction, so it shows as "mine" in the summary like anyone's.
      const changed = writer.react(chat.botId, {
        id: message.waId,
        chatJid: chat.jid,
        targetFromMe: message.fromMe,
        senderJid: botJid,
        emoji,
        ts: clock.now(),
      });
      if (changed) deps.publish(chat.botId, [changed]);
      return fresh(message);
    },

    /** A copy of a text or file into other chats of the same bot, through the outbox, marked forwarded. */
    async forward(messageId: number, chatIds: number[]): Promise<Message[]> {
      const message = messageOrThrow(messageId);
      if (message.deletedAt !== null)
        throw new ContractError('invalid_state', 'A deleted message cannot be forwarded.');
      if (!FORWARDABLE.has(message.kind)) {
        throw new ContractError(
          'invalid_input',
          'Only texts, photos, videos, voice notes, documents and stickers can be forwarded.',
        );
      }
      const targets = [...new Set(chatIds)].map((id) => deps.chatOrThrow(id));
      if (targets.some((chat) => chat.botId !== message.botId)) {
        throw new ContractError('invalid_input', 'You can only forward to chats of the same bot.', {
          chatIds: 'Choose chats of the same bot.',
        });
      }
      // The file is read (or downloaded) once, before anything is queued: a file WhatsApp no longer
      // has stops the whole forward rather than sending the caption alone.
      const file = message.media
        ? { ...(await deps.file(message.id)), sticker: message.kind === 'sticker' }
        : undefined;
      if (!file && !message.text) throw new ContractError('invalid_input', 'This message has nothing to forward.');
      const sent: Message[] = [];
      for (const chat of targets) {
        sent.push(
          await deps.send({
            chatId: chat.id,
            text: message.text ?? '',
            ...(file ? { file } : {}),
            forwarded: true,
            origin: 'person',
          }),
        );
      }
      return sent;
    },

    /** Stars or unstars a message (Wren only: WhatsApp keeps stars per device). */
    star(messageId: number, starred: boolean): Message {
      const message = messageOrThrow(messageId);
      statements.star.run(starred ? 1 : 0, clock.now(), messageId);
      deps.publish(message.botId, [{ messageId, chatId: message.chatId }]);
      return fresh(message);
    },

    /** A chat's starred messages, newest first, paged by key. */
    starred(args: { chatId: number; before?: ChatKey; limit: number }) {
      const chat = deps.chatOrThrow(args.chatId);
      const key = args.before ?? { ts: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER };
      const rows = statements.starred.all(chat.id, key.ts, key.id, args.limit);
      const last = rows[rows.length - 1];
      return {
        items: reader.shape(rows, deps.botJid(chat.botId)),
        nextBefore: last && rows.length === args.limit ? { ts: last.ts, id: last.id } : null,
      };
    },

    /** Deletes for me (hidden in Wren only) or for everyone (on WhatsApp, where it allows it). */
    async delete(messageId: number, scope: 'me' | 'everyone') {
      const message = messageOrThrow(messageId);
      const chat = deps.chatOrThrow(message.chatId);
      if (scope === 'me') {
        sqlite.transaction(() => {
          statements.hide.run(clock.now(), messageId);
          statements.previewAfterHide.run(chat.id, messageId);
        })();
        deps.events.emit('message:hidden', { messageId, chatId: chat.id });
        deps.events.emit('chat:upsert', { chat: deps.chatOrThrow(chat.id) });
        return { messageId, chatId: chat.id, message: null };
      }
      const refused = await whyNotForEveryone(message, chat);
      if (refused) throw new ContractError('invalid_state', refused);
      const transport = onlineOrThrow(chat, 'delete it for everyone');
      try {
        await transport.deleteForEveryone(chat.jid, {
          id: message.waId,
          fromMe: message.fromMe,
          senderJid: message.senderJid,
        });
      } catch (error) {
        throw new ContractError('send_failed', `WhatsApp did not delete it: ${(error as Error).message}`);
      }
      // Deleted by this side: the text goes whatever anti-delete says (it keeps what others delete).
      const changed = writer.remove(
        chat.botId,
        { id: message.waId, chatJid: chat.jid, fromMe: message.fromMe, ts: clock.now() },
        false,
      );
      if (changed) deps.publish(chat.botId, [changed]);
      return { messageId, chatId: chat.id, message: fresh(message) };
    },
  };
};
