import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Chat, ChatKey, Message } from '../../../src-shared/inbox';
import { ContractError } from '../../../src-shared/contract';
import { normalizePhone } from '../bots/phone';
import type { Clock } from '../clock';
import type { WriteBatch } from '../db/write-batch';
import type { EngineEvents } from '../events';
import type { Logger } from '../log/logger';
import type { MediaService } from '../media/service';
import type { IncomingMessage, Transport } from '../wa/transport';
import { createContactCards } from './contact-card';
import { createGroupSync, type GroupSyncDeps } from './group-sync';
import { guardedBy } from './guarded';
import { storeHistory } from './history';
import { isGroupJid, jidOfPhone } from './jid';
import { createMessageActions } from './message-actions';
import { createOutbox } from './outbox';
import { InboxReader, type ChatListArgs } from './reader';
import type { Ingested, Origin } from './writer';
import { InboxWriter } from './writer';

export type InboxDeps = {
  sqlite: Database.Database;
  clock: Clock;
  events: EngineEvents;
  logger: Logger;
  /** The bot's own JID (for "my" reactions), once linked. */
  botJid(botId: string): string | null;
  isFeatureOn(botId: string, feature: 'antiDelete' | 'readReceipts'): boolean;
  /** The live transport of an online bot, else null. */
  onlineTransport(botId: string): Transport | null;
  botExists(botId: string): boolean;
  /** A line in the bot's event log (e.g. history stored). */
  note(botId: string, message: string): void;
  media: MediaService;
  /** A new live message was stored: the bot's pipeline (commands, auto-replies) looks at it. */
  onIncoming?(botId: string, message: IncomingMessage, stored: Ingested): void;
  /** A group's facts or members changed (see group-sync). */
  onGroupChange?: GroupSyncDeps['onGroupChange'];
  /**
   * The engine's batch of live writes (db/write-batch.ts): while one is open, new messages are
   * indexed for search once, just before it commits, instead of one by one.
   */
  writes?: Pick<WriteBatch, 'isOpen' | 'beforeCommit'>;
};

export type InboxService = ReturnType<typeof createInboxService>;

export const createInboxService = (deps: InboxDeps) => {
  const { sqlite, clock, events, logger } = deps;
  const writer = new InboxWriter(sqlite, deps.writes?.isOpen);
  // Messages a failed batch left waiting are indexed now, then those of every batch as it commits.
  writer.indexPending();
  deps.writes?.beforeCommit(() => writer.indexPending());
  const reader = new InboxReader(sqlite);
  const groupSync = createGroupSync({
    sqlite,
    writer,
    reader,
    clock,
    events,
    logger,
    botJid: (botId) => deps.botJid(botId),
    onlineTransport: (botId) => deps.onlineTransport(botId),
    publish: (botId, changed) => publish(botId, changed),
    onGroupChange: (botId, chatId, event) => deps.onGroupChange?.(botId, chatId, event),
  });
  const storingHistory = new Set<Promise<void>>();

  const chatOrThrow = (chatId: number): Chat => {
    const chat = reader.chat(chatId);
    if (!chat) throw new ContractError('not_found', 'That chat does not exist any more.');
    return chat;
  };

  /**
   * Tells the UI what changed, once per turn of the event loop: a message, the reply it got and
   * that reply's "sent" usually change one chat three times within a millisecond, and the UI
   * needs only the last state of each message and chat (each one read and sent costs).
   */
  const unpublished = { messages: new Map<number, string>(), chats: new Set<number>(), scheduled: false };
  const publishNow = (): void => {
    if (!unpublished.scheduled) return; // sent already, by a call or idle() before this turn ended
    unpublished.scheduled = false;
    if (!sqlite.open) return; // the engine closed meanwhile
    const botJids = new Map<string, string | null>();
    const messages = [...unpublished.messages];
    const chats = [...unpublished.chats];
    unpublished.messages.clear();
    unpublished.chats.clear();
    // Outside any caller's try: one row that cannot be read must not take the engine down.
    const tell = (what: string, fn: () => void) => {
      try {
        fn();
      } catch (error) {
        logger.error({ err: error }, `inbox: telling the UI about ${what} failed`);
      }
    };
    for (const [messageId, botId] of messages) {
      tell(`message ${messageId}`, () => {
        let botJid = botJids.get(botId);
        if (botJid === undefined) botJids.set(botId, (botJid = deps.botJid(botId)));
        const message = reader.message(messageId, botJid);
        if (message) events.emit('message:upsert', { message });
      });
    }
    for (const chatId of chats) {
      tell(`chat ${chatId}`, () => {
        const chat = reader.chat(chatId);
        if (chat) events.emit('chat:upsert', { chat });
      });
    }
  };
  // Prepared once: every reply of the bot passes here (preparing it per call was 4.6% of the
  // pipeline's time at 1,000 messages a second).
  const setOrigins = sqlite.prepare<[string, string], Ingested>(
    `UPDATE messages SET origin = ? WHERE id IN (SELECT value FROM json_each(?)) AND from_me = 1
     RETURNING id AS messageId, chat_id AS chatId`,
  );

  const publish = (botId: string, changed: Ingested[]): void => {
    for (const { messageId, chatId } of changed) {
      unpublished.messages.set(messageId, botId);
      unpublished.chats.add(chatId);
    }
    if (!unpublished.scheduled && changed.length > 0) {
      unpublished.scheduled = true;
      setImmediate(publishNow);
    }
  };

  const guarded = guardedBy(logger);
  const contactCards = createContactCards(sqlite);
  const actions = createMessageActions({
    sqlite,
    reader,
    writer,
    clock,
    events,
    botJid: (botId) => deps.botJid(botId),
    onlineTransport: (botId) => deps.onlineTransport(botId),
    chatOrThrow,
    publish: (botId, changed) => publish(botId, changed),
    file: (messageId) => deps.media.file(messageId),
    botIsAdmin: (chat) =>
      groupSync.info(chat, false).then(
        (info) => info.members.some((m) => m.isBot && m.role !== 'member'),
        () => false,
      ),
    send: (args) => service.send(args),
  });

  const outbox = createOutbox({
    sqlite,
    writer,
    reader,
    logger,
    media: deps.media,
    onlineTransport: (botId) => deps.onlineTransport(botId),
    publish: (botId, changed) => publish(botId, changed),
  });
  const flushOutbox = outbox.flush;

  const service = {
    /** Stores everything a bot's transport reports, and tells the UI. */
    attach(botId: string, transport: Transport): void {
      groupSync.attach(botId, transport);
      transport.on(
        'message',
        guarded('a message', (message) => {
          const stored = writer.ingest(botId, [message], true, clock.now());
          publish(botId, stored);
          if (message.media)
            deps.media.arrived(
              botId,
              stored.map((s) => s.messageId),
            );
          const [first] = stored;
          if (first && isGroupJid(message.chatJid)) groupSync.seen(botId, first.chatId, message.chatJid);
          if (first) deps.onIncoming?.(botId, message, first);
        }),
      );
      transport.on(
        'message-status',
        guarded('a status', (update) => {
          const changed = writer.status(botId, update);
          if (changed) publish(botId, [changed]);
        }),
      );
      transport.on(
        'message-edit',
        guarded('an edit', (edit) => {
          const changed = writer.edit(botId, edit);
          if (changed) publish(botId, [changed]);
        }),
      );
      transport.on(
        'message-delete',
        guarded('a deletion', (deletion) => {
          const changed = writer.remove(botId, deletion, deps.isFeatureOn(botId, 'antiDelete'));
          if (changed) publish(botId, [changed]);
        }),
      );
      transport.on(
        'reaction',
        guarded('a reaction', (reaction) => {
          const changed = writer.react(botId, reaction);
          if (changed) publish(botId, [changed]);
        }),
      );
      transport.on('history', (batch) => {
        const storing = storeHistory(
          {
            writer,
            clock,
            events,
            botExists: (id) => deps.botExists(id),
            note: (id, message) => deps.note(id, message),
          },
          botId,
          batch,
        )
          .then(() => undefined)
          .catch((error: unknown) => logger.error({ err: error, botId }, 'inbox: storing history failed'))
          .finally(() => storingHistory.delete(storing));
        storingHistory.add(storing);
      });
    },

    /** Something about a message changed outside the inbox (its file was downloaded): tell the UI. */
    changed: (botId: string, messageId: number, chatId: number): void => publish(botId, [{ messageId, chatId }]),

    /** The bot is online: what waited in its outbox goes out now. */
    onOnline: (botId: string): Promise<void> => flushOutbox(botId),

    /** `botId: null`: every bot's chats in one list. */
    chats: (args: ChatListArgs) => {
      if (args.botId !== null && !deps.botExists(args.botId)) {
        throw new ContractError('not_found', 'That bot does not exist any more.');
      }
      return reader.chats(args);
    },

    chat: (chatId: number): Chat => chatOrThrow(chatId),

    /** The person in a one-to-one chat, for its contact card; null for a group. */
    contact(chatId: number) {
      const card = contactCards.of(chatId);
      if (card === undefined) throw new ContractError('not_found', 'That chat does not exist any more.');
      return card;
    },

    ...actions,

    /** The chat with a number (created if new), to write to someone who has not written yet. */
    openChat(botId: string, phoneInput: string): Chat {
      if (!deps.botExists(botId)) throw new ContractError('not_found', 'That bot does not exist any more.');
      const phone = normalizePhone(phoneInput);
      const chatId = writer.chatForJid(botId, jidOfPhone(phone), null, null, clock.now());
      return chatOrThrow(chatId);
    },

    updateChat(
      chatId: number,
      patch: { pinned?: boolean; archived?: boolean; mutedUntil?: number | null; handoff?: boolean },
    ): Chat {
      const chat = chatOrThrow(chatId);
      if (patch.pinned && !chat.pinned) {
        const pinned = (
          sqlite
            .prepare('SELECT count(*) AS n FROM chats WHERE bot_id = ? AND pinned_at IS NOT NULL')
            .get(chat.botId) as {
            n: number;
          }
        ).n;
        if (pinned >= 3) throw new ContractError('invalid_state', 'You can pin up to 3 chats. Unpin one first.');
      }
      sqlite
        .prepare(
          `UPDATE chats SET
             pinned_at = CASE WHEN ? IS NULL THEN pinned_at WHEN ? THEN coalesce(pinned_at, ?) ELSE NULL END,
             archived = coalesce(?, archived),
             muted_until = CASE WHEN ? THEN ? ELSE muted_until END,
             handoff_at = CASE WHEN ? IS NULL THEN handoff_at WHEN ? THEN coalesce(handoff_at, ?) ELSE NULL END
           WHERE id = ?`,
        )
        .run(
          patch.pinned === undefined ? null : 1,
          patch.pinned ? 1 : 0,
          clock.now(),
          patch.archived === undefined ? null : patch.archived ? 1 : 0,
          patch.mutedUntil === undefined ? 0 : 1,
          patch.mutedUntil ?? null,
          patch.handoff === undefined ? null : 1,
          patch.handoff ? 1 : 0,
          clock.now(),
          chatId,
        );
      const updated = chatOrThrow(chatId);
      events.emit('chat:upsert', { chat: updated });
      return updated;
    },

    /** Clears the unread count and, where the bot allows, sends read receipts for what was unread. */
    async markRead(chatId: number): Promise<Chat> {
      const chat = chatOrThrow(chatId);
      const unread = chat.unread;
      sqlite.prepare('UPDATE chats SET unread = 0 WHERE id = ?').run(chatId);
      const updated = chatOrThrow(chatId);
      events.emit('chat:upsert', { chat: updated });
      const transport = deps.onlineTransport(chat.botId);
      if (unread > 0 && transport && deps.isFeatureOn(chat.botId, 'readReceipts')) {
        const rows = sqlite
          .prepare(
            `SELECT wa_id, sender_jid FROM messages WHERE chat_id = ? AND from_me = 0
             ORDER BY ts DESC, id DESC LIMIT ?`,
          )
          .all(chatId, Math.min(unread, 100)) as { wa_id: string; sender_jid: string }[];
        try {
          await transport.markRead(
            chat.jid,
            rows.map((r) => ({ id: r.wa_id, senderJid: r.sender_jid })),
          );
        } catch (error) {
          logger.warn({ err: error, chatId }, 'inbox: sending read receipts failed');
        }
      }
      return updated;
    },

    messages: (args: { chatId: number; before?: ChatKey; limit: number }) => {
      const chat = chatOrThrow(args.chatId);
      return reader.messages({ ...args, botJid: deps.botJid(chat.botId) });
    },

    newer: (args: { chatId: number; after: ChatKey; limit: number }) => {
      const chat = chatOrThrow(args.chatId);
      return reader.newer({ ...args, botJid: deps.botJid(chat.botId) });
    },

    around(args: { messageId: number; limit: number }) {
      const target = reader.message(args.messageId, null);
      if (!target) throw new ContractError('not_found', 'That message does not exist any more.');
      const chat = chatOrThrow(target.chatId);
      const window = reader.around({ ...args, botJid: deps.botJid(chat.botId) });
      if (!window) throw new ContractError('not_found', 'That message does not exist any more.');
      return { chat, items: window.items, nextBefore: window.nextBefore, nextAfter: window.nextAfter };
    },

    /** The message a reply quotes, when it is stored (it may predate the link). */
    quoted(messageId: number): Message {
      const reply = reader.message(messageId, null);
      if (!reply) throw new ContractError('not_found', 'That message does not exist any more.');
      if (!reply.quoted) throw new ContractError('invalid_input', 'That message does not quote another one.');
      const row = sqlite
        .prepare('SELECT id FROM messages WHERE chat_id = ? AND from_me IN (0, 1) AND wa_id = ?')
        .get(reply.chatId, reply.quoted.waId) as { id: number } | undefined;
      const original = row ? reader.message(row.id, deps.botJid(reply.botId)) : null;
      if (!original) {
        throw new ContractError(
          'not_found',
          'The quoted message is not on this PC (it was sent before the bot was linked).',
        );
      }
      return original;
    },

    search: (args: { botId: string; query: string; before?: ChatKey; limit: number }) => {
      if (!deps.botExists(args.botId)) throw new ContractError('not_found', 'That bot does not exist any more.');
      return reader.searchMessages({ ...args, botJid: deps.botJid(args.botId) });
    },

    /**
     * Writes a message: stored at once as pending (the outbox, shown with a clock), sent now if
     * the bot is online, else when it is next online.
     */
    async send(args: {
      chatId: number;
      text: string;
      quotedId?: number;
      /** A file the person attached in the composer, already out of its upload. */
      upload?: { name: string; bytes: Buffer };
      /** The engine's own files (a bot's image reply, a sticker), without a base64 round trip. */
      file?: { name: string; bytes: Buffer; sticker?: boolean };
      /** JIDs the message mentions (tag-all, hidden tags, warnings). */
      mentions?: readonly string[];
      /** A copy of another message (messages:forward). */
      forwarded?: boolean;
      /** Who is sending it: a person in Wren, or the bot's automations. */
      origin: Origin;
    }): Promise<Message> {
      const chat = chatOrThrow(args.chatId);
      // Checked and kept in the media store before the message exists: a bad file changes nothing.
      const file = args.upload
        ? await deps.media.attach(args.upload.name, args.upload.bytes)
        : args.file
          ? await deps.media.attach(args.file.name, args.file.bytes, { sticker: args.file.sticker ?? false })
          : null;
      let quoted: IncomingMessage['quoted'] = null;
      if (args.quotedId !== undefined) {
        const target = reader.message(args.quotedId, null);
        if (!target || target.chatId !== chat.id) {
          throw new ContractError('invalid_input', 'The message you reply to is not in this chat any more.');
        }
        quoted = { id: target.waId, text: target.text, senderJid: target.senderJid };
      }
      const waId = `3EB0${randomBytes(10).toString('hex').toUpperCase()}`;
      const id = writer.insertOutgoing(
        chat.botId,
        chat.id,
        {
          id: waId,
          senderJid: deps.botJid(chat.botId) ?? 'me',
          ts: clock.now(),
          text: args.text === '' ? null : args.text,
          quoted,
          ...(file ? { kind: file.kind } : {}),
          ...(args.forwarded ? { forwarded: true } : {}),
        },
        args.origin,
        file?.media ?? null,
        args.mentions && args.mentions.length > 0 ? args.mentions : null,
      );
      publish(chat.botId, [{ messageId: id, chatId: chat.id }]);
      if (deps.onlineTransport(chat.botId)) void flushOutbox(chat.botId);
      const message = reader.message(id, deps.botJid(chat.botId));
      if (!message) throw new Error('The message was stored but cannot be read back.');
      return message;
    },

    /** Says which stage of the bot's automations sent these replies (known once the pipeline is done). */
    markOrigin(botId: string, messageIds: readonly number[], origin: Origin): void {
      if (messageIds.length === 0) return;
      const changed = setOrigins.all(origin, JSON.stringify(messageIds));
      publish(botId, changed);
    },

    /** A message a campaign already sent: shown in the contact's chat as sent (once, even if resent). */
    recordSent(botId: string, jid: string, sent: { waId: string; text: string; ts: number; origin: Origin }): void {
      const chatId = writer.chatForJid(botId, jid, null, null, sent.ts);
      const message = {
        id: sent.waId,
        senderJid: deps.botJid(botId) ?? 'me',
        ts: sent.ts,
        text: sent.text,
        quoted: null,
      };
      // A resend after a crash (same id) is in the chat already, or its echo from the phone came first.
      if (writer.hasOwn(chatId, sent.waId)) return writer.originOf(chatId, sent.waId, sent.origin);
      // Pending and then sent in the same turn: the outbox never sees it pending.
      const id = writer.insertOutgoing(botId, chatId, message, sent.origin);
      const changed = writer.status(botId, { id: sent.waId, chatJid: jid, status: 'sent' });
      publish(botId, [changed ?? { messageId: id, chatId }]);
    },

    /** A group's subject and members (asked of WhatsApp first with `refresh`, when online). */
    group: (chatId: number, refresh: boolean) => groupSync.info(chatOrThrow(chatId), refresh),

    /** Waits for outbox flushes, history being stored and group reads (tests, shutdown). */
    idle: async (): Promise<void> => {
      await Promise.all([outbox.idle(), ...storingHistory, groupSync.idle()]);
      publishNow();
    },

    /** Sends the UI what changed this turn now, rather than at the end of the turn. */
    publishNow,
  };
  return service;
};
