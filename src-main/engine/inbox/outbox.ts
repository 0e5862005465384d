import type Database from 'better-sqlite3';
import type { Logger } from '../log/logger';
import type { MediaService } from '../media/service';
import type { OutgoingMedia, Transport } from '../wa/transport';
import type { InboxReader } from './reader';
import type { Ingested, InboxWriter } from './writer';

type PendingRow = {
  id: number;
  wa_id: string;
  kind: string;
  text: string | null;
  quoted_wa_id: string | null;
  mentions: string | null;
  jid: string;
  has_file: number;
  forwarded: number;
};

export type OutboxDeps = {
  sqlite: Database.Database;
  writer: InboxWriter;
  reader: InboxReader;
  logger: Logger;
  media: MediaService;
  onlineTransport(botId: string): Transport | null;
  publish(botId: string, changed: Ingested[]): void;
};

/**
 * The bot's pending messages (stored before anything is sent, shown with a clock) go out in the
 * order they were written, one flush at a time per bot, when it is online.
 */
export const createOutbox = (deps: OutboxDeps) => {
  const { sqlite, writer, reader, logger } = deps;
  const flushing = new Map<string, Promise<void>>();

  // Used on every send: prepared once.
  const statements = {
    pending: sqlite.prepare<[string], PendingRow>(
      `SELECT m.id, m.wa_id, m.kind, m.text, m.quoted_wa_id, m.mentions, m.forwarded, c.jid,
           f.message_id IS NOT NULL AS has_file
           FROM messages m JOIN chats c ON c.id = m.chat_id LEFT JOIN media f ON f.message_id = m.id
           WHERE m.bot_id = ? AND m.status = 'pending' ORDER BY m.id`,
    ),
    quoted: sqlite.prepare<[number], { wa_id: string; from_me: number; sender_jid: string; text: string | null }>(
      `SELECT q.wa_id, q.from_me, q.sender_jid, q.text FROM messages m
         JOIN messages q ON q.chat_id = m.chat_id AND q.wa_id = m.quoted_wa_id WHERE m.id = ?`,
    ),
    stillPending: sqlite.prepare<[number], { id: number }>(
      "SELECT id FROM messages WHERE id = ? AND status = 'pending'",
    ),
  };

  /** Sends the bot's pending messages in the order they were written; one flush at a time per bot. */
  const flushOutbox = (botId: string): Promise<void> => {
    const previous = flushing.get(botId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const pending = statements.pending.all(botId);
      for (const row of pending) {
        const transport = deps.onlineTransport(botId);
        if (!transport) return; // still pending: sent when the bot is online again
        // Deleted for me while the ones before it went out: it never goes.
        if (!statements.stillPending.get(row.id)) continue;
        const quoted = row.quoted_wa_id ? quotedFor(row.id) : undefined;
        try {
          const mentions = row.mentions ? (JSON.parse(row.mentions) as string[]) : null;
          const options = {
            id: row.wa_id,
            ...(quoted ? { quoted } : {}),
            ...(mentions ? { mentions } : {}),
            ...(row.forwarded ? { forwarded: true } : {}),
          };
          if (row.has_file) await transport.sendMedia(row.jid, await outgoingFile(row), options);
          else await transport.sendText(row.jid, row.text ?? '', options);
          const changed = writer.status(botId, { id: row.wa_id, chatJid: row.jid, status: 'sent' });
          if (changed) deps.publish(botId, [changed]);
        } catch (error) {
          if (!deps.onlineTransport(botId)) return; // the connection went: try again when back
          writer.failPending(row.id, (error as Error).message);
          deps.publish(botId, [{ messageId: row.id, chatId: reader.message(row.id, null)?.chatId ?? 0 }]);
        }
      }
    });
    const settled = next.catch((error: unknown) => logger.error({ err: error, botId }, 'inbox: outbox flush failed'));
    flushing.set(botId, settled);
    return settled;
  };

  /** The stored file of a pending message; gone from the store means it can never be sent. */
  const outgoingFile = async (row: PendingRow): Promise<OutgoingMedia> => {
    const file = await deps.media.file(row.id);
    return {
      kind: row.kind as OutgoingMedia['kind'],
      bytes: file.bytes,
      mime: file.mime,
      fileName: file.name,
      caption: row.text,
    };
  };

  const quotedFor = (messageId: number) => {
    const row = statements.quoted.get(messageId);
    return row ? { id: row.wa_id, fromMe: row.from_me === 1, senderJid: row.sender_jid, text: row.text } : undefined;
  };

  return {
    flush: flushOutbox,
    /** Waits for every flush under way (tests, shutdown). */
    idle: async (): Promise<void> => {
      await Promise.all(flushing.values());
    },
  };
};
