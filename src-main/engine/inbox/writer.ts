import type Database from 'better-sqlite3';
import type { MessageStatus } from '../../../src-shared/inbox';
import type {
  IncomingMedia,
  IncomingMessage,
  MessageDeleteEvent,
  MessageEditEvent,
  MessageStatusEvent,
  ReactionEvent,
} from '../wa/transport';
import { Identities } from './identities';
import { bareJid, isGroupJid } from './jid';

/** A status only moves forward: a late "delivered" never undoes "read". Failed only replaces pending. */
const RANK: Record<MessageStatus, number> = { pending: 0, failed: 0.5, sent: 1, delivered: 2, read: 3, played: 4 };

export type Ingested = { messageId: number; chatId: number };

/**
 * Who sent one of the bot's own messages, as the `origin` column keeps it: a person in Wren, the
 * bot's automations (and which stage), a campaign, or the linked phone itself.
 */
export type Origin = 'person' | 'phone' | 'bot' | `bot:${string}` | `campaign:${number}`;

type MessageRow = { id: number; chat_id: number; status: MessageStatus | null };

/** A file the user sends: already in the media store, so the outbox can send it after a restart. */
export type StoredMedia = Omit<IncomingMedia, 'ref' | 'preview'> & { sha256: string; thumb: Buffer | null };

/** Pages of the search index merged after `rows` rows were indexed (see InboxWriter.merge). */
export const mergeBudget = (rows: number): number => 8 + Math.ceil(rows / 12);

/**
 * Every write the inbox makes, on prepared statements (history ingest is the hot path). Each
 * public method is one transaction: a batch is stored whole or not at all, and storing the same
 * message twice (live and again from history, or after a reconnect) keeps one row.
 */
export class InboxWriter {
  readonly identities: Identities;
  private readonly chatByJid: Database.Statement<[string, string], { id: number; contact_id: number | null }>;
  private readonly relinkChat: Database.Statement<[number, number]>;
  private readonly insertChat: Database.Statement<[string, string, string, number | null, number, number]>;
  private readonly insertMessage: Database.Statement<unknown[]>;
  private readonly indexText: Database.Statement<[number, number]>;
  private readonly queueText: Database.Statement<[number, number]>;
  private readonly indexQueued: Database.Statement<[]>;
  private readonly clearQueued: Database.Statement<[]>;
  private readonly indexAll: () => void;
  private readonly mergeIndex: Database.Statement<[number]>;
  /** Whether messages_fts_pending may hold rows (see indexPending). */
  private queued = true;
  private readonly bumpChat: Database.Statement<[number, number, number, number, number, number]>;
  private readonly addUnread: Database.Statement<[number]>;
  private readonly findMessage: Database.Statement<[number, number, string], MessageRow>;
  private readonly setStatus: Database.Statement<[string, string | null, number]>;
  private readonly setMentions: Database.Statement<[string, number]>;
  private readonly setOrigin: Database.Statement<[string, number, string]>;
  private readonly setText: Database.Statement<[string, number, number]>;
  private readonly markDeleted: Database.Statement<[number, number, number]>;
  private readonly upsertReaction: Database.Statement<[number, string, string, number]>;
  private readonly insertMedia: Database.Statement<unknown[]>;
  private readonly dropMedia: Database.Statement<[number]>;
  private readonly deleteReaction: Database.Statement<[number, string]>;
  private readonly batch: (botId: string, messages: IncomingMessage[], live: boolean, now: number) => Ingested[];

  /**
   * `deferIndex`: whether new messages should wait in messages_fts_pending for `indexPending`
   * (true while the engine's batch of live writes is open; it indexes them before committing).
   */
  constructor(
    private readonly sqlite: Database.Database,
    private readonly deferIndex: () => boolean = () => false,
  ) {
    this.identities = new Identities(sqlite);
    this.chatByJid = sqlite.prepare('SELECT id, contact_id FROM chats WHERE bot_id = ? AND jid = ?');
    this.relinkChat = sqlite.prepare('UPDATE chats SET contact_id = ? WHERE id = ? AND contact_id IS NULL');
    this.insertChat = sqlite.prepare(
      'INSERT INTO chats (bot_id, jid, kind, contact_id, last_ts, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertMessage = sqlite.prepare(
      `INSERT INTO messages (bot_id, chat_id, wa_id, from_me, sender_jid, sender_name, ts, kind, text, status,
         quoted_wa_id, quoted_text, quoted_sender, forwarded, origin)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (chat_id, from_me, wa_id) DO NOTHING`,
    );
    // Search rows are written here, one statement per batch, not by a trigger (dropped in 0012):
    // FTS5 flushes its pending terms at every statement that writes it, and a trigger made each
    // message its own index segment, so ingest slowed as the store grew (0.49× at 1M messages).
    // The batch's rows are the id range it just inserted: rowids only grow within a transaction.
    this.indexText = sqlite.prepare(
      'INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages WHERE id BETWEEN ? AND ? AND text IS NOT NULL',
    );
    // Live messages are each a savepoint of the open batch, and FTS5 writes a segment at every
    // savepoint: they wait in messages_fts_pending and are indexed once per batch (0013).
    this.queueText = sqlite.prepare(
      'INSERT OR IGNORE INTO messages_fts_pending (id) SELECT id FROM messages WHERE id BETWEEN ? AND ? AND text IS NOT NULL',
    );
    this.indexQueued = sqlite.prepare(
      `INSERT INTO messages_fts (rowid, text)
       SELECT m.id, m.text FROM messages_fts_pending p CROSS JOIN messages m ON m.id = p.id WHERE m.text IS NOT NULL`,
    );
    this.clearQueued = sqlite.prepare('DELETE FROM messages_fts_pending');
    this.mergeIndex = sqlite.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('merge', ?)");
    this.indexAll = sqlite.transaction(() => {
      this.merge(this.indexQueued.run().changes);
      this.clearQueued.run();
    });
    this.bumpChat = sqlite.prepare(
      `UPDATE chats SET last_ts = ?, last_message_id = ?
       WHERE id = ? AND (last_message_id IS NULL OR last_ts < ? OR (last_ts = ? AND last_message_id < ?))`,
    );
    this.addUnread = sqlite.prepare('UPDATE chats SET unread = unread + 1 WHERE id = ?');
    this.findMessage = sqlite.prepare(
      'SELECT id, chat_id, status FROM messages WHERE chat_id = ? AND from_me = ? AND wa_id = ?',
    );
    this.setStatus = sqlite.prepare('UPDATE messages SET status = ?, error = ? WHERE id = ?');
    this.setMentions = sqlite.prepare('UPDATE messages SET mentions = ? WHERE id = ?');
    this.setOrigin = sqlite.prepare('UPDATE messages SET origin = ? WHERE chat_id = ? AND from_me = 1 AND wa_id = ?');
    this.setText = sqlite.prepare('UPDATE messages SET text = ?, edited_at = ? WHERE id = ?');
    this.markDeleted = sqlite.prepare(
      'UPDATE messages SET deleted_at = ?, text = CASE WHEN ? THEN text ELSE NULL END WHERE id = ?',
    );
    this.upsertReaction = sqlite.prepare(
      `INSERT INTO reactions (message_id, sender_jid, emoji, ts) VALUES (?, ?, ?, ?)
       ON CONFLICT (message_id, sender_jid) DO UPDATE SET emoji = excluded.emoji, ts = excluded.ts
       WHERE excluded.ts >= reactions.ts`,
    );
    this.insertMedia = sqlite.prepare(
      `INSERT INTO media (message_id, mime, file_name, size, width, height, seconds, state, sha256, thumb, ref)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING`,
    );
    this.dropMedia = sqlite.prepare('DELETE FROM media WHERE message_id = ?');
    this.deleteReaction = sqlite.prepare('DELETE FROM reactions WHERE message_id = ? AND sender_jid = ?');
    this.batch = sqlite.transaction((botId: string, messages: IncomingMessage[], live: boolean, now: number) => {
      const chats = new Map<string, number>();
      const stored: Ingested[] = [];
      for (const message of messages) {
        const chatId = this.chatFor(botId, message, now, chats);
        const id = this.insertOne(botId, chatId, message);
        if (id === null) continue;
        this.bumpChat.run(message.ts, id, chatId, message.ts, message.ts, id);
        if (live && !message.fromMe) this.addUnread.run(chatId);
        stored.push({ messageId: id, chatId });
      }
      const first = stored[0];
      const last = stored[stored.length - 1];
      if (first && last) this.index(first.messageId, last.messageId);
      return stored;
    });
  }

  /**
   * Stores messages (live, offline or history) in one transaction; returns the ones that were new.
   * `live` counts new incoming ones as unread; history does not.
   */
  ingest(botId: string, messages: IncomingMessage[], live: boolean, now: number): Ingested[] {
    return this.batch(botId, messages, live, now);
  }

  /** An outgoing message the user wrote: stored as pending (the outbox) before anything is sent. */
  insertOutgoing(
    botId: string,
    chatId: number,
    message: Pick<IncomingMessage, 'id' | 'senderJid' | 'ts' | 'text' | 'quoted' | 'kind' | 'forwarded'>,
    origin: Origin,
    media: StoredMedia | null = null,
    mentions: readonly string[] | null = null,
  ): number {
    return this.sqlite.transaction(() => {
      const id = this.insertOne(botId, chatId, { ...message, senderName: null, fromMe: true }, 'pending', origin);
      if (id === null) throw new Error(`A message with id ${message.id} exists already in this chat.`);
      this.index(id, id);
      if (mentions) this.setMentions.run(JSON.stringify(mentions), id);
      if (media) this.addMedia(id, media, { state: 'stored', sha256: media.sha256, thumb: media.thumb, ref: null });
      this.bumpChat.run(message.ts, id, chatId, message.ts, message.ts, id);
      return id;
    })();
  }

  /**
   * Indexes for search the messages waiting in messages_fts_pending, in one statement, and empties
   * it. The write batch calls it before each commit; search finds a live message from then on.
   */
  indexPending(): void {
    // Most commits queued nothing (the Signal keys commit the batch for every message they
    // write): those skip the savepoint and both statements. True at first, so what an earlier
    // run left waiting is looked for once; it stays true when indexing fails, for the next batch.
    if (!this.queued) return;
    this.indexAll();
    this.queued = false;
  }

  private index(first: number, last: number): void {
    if (this.deferIndex()) {
      this.queueText.run(first, last);
      this.queued = true;
    } else this.merge(this.indexText.run(first, last).changes);
  }

  /**
   * FTS5's automatic merging is off (0013): after each write to the index, a merge step as big as
   * FTS5's own merging would have made for it, spread evenly. FTS5 merges as many pages per page
   * indexed as the index has levels (8 or so at a million messages), in one go each time 64 pages
   * have been written; a message adds about 40 bytes to a 4 KB page, a page per 100 rows. 8 pages
   * plus one for every 12 rows is about that, so the index keeps up (a level that still reaches
   * 16 segments is merged at once by FTS5, as before) without merging ahead of need: twice as much
   * (16 + rows / 6) made history ingest into a million messages a third slower.
   * A positive budget merges only where a level holds 4 segments, as FTS5's own merging did.
   */
  private merge(rows: number): void {
    if (rows > 0) this.mergeIndex.run(mergeBudget(rows));
  }

  /** Moves a message's status forward; returns the message's row id when it changed. */
  status(
    botId: string,
    event: Pick<MessageStatusEvent, 'id' | 'chatJid' | 'status'>,
    error: string | null = null,
  ): Ingested | null {
    const row = this.ownMessage(botId, event.chatJid, event.id);
    if (!row || RANK[event.status] <= (row.status ? RANK[row.status] : -1)) return null;
    this.setStatus.run(event.status, event.status === 'failed' ? error : null, row.id);
    return { messageId: row.id, chatId: row.chat_id };
  }

  /** Marks one of the bot's own messages failed with the reason, whatever it was before sending. */
  failPending(messageId: number, reason: string): void {
    this.setStatus.run('failed', reason, messageId);
  }

  edit(botId: string, event: MessageEditEvent): Ingested | null {
    const row = this.anyMessage(botId, event.chatJid, event.id);
    if (!row) return null;
    this.setText.run(event.text, event.ts, row.id);
    return { messageId: row.id, chatId: row.chat_id };
  }

  /** A delete for everyone: the text goes, unless anti-delete keeps it (the message is still marked). */
  remove(botId: string, event: MessageDeleteEvent, keepText: boolean): Ingested | null {
    const chatId = this.identities.chatIdOf(botId, bareJid(event.chatJid));
    const row = chatId === undefined ? undefined : this.findMessage.get(chatId, event.fromMe ? 1 : 0, event.id);
    if (!row) return null;
    this.markDeleted.run(event.ts, keepText ? 1 : 0, row.id);
    // Without anti-delete the file goes with the text (the bytes stay in the store: another
    // message may share them).
    if (!keepText) this.dropMedia.run(row.id);
    return { messageId: row.id, chatId: row.chat_id };
  }

  react(botId: string, event: ReactionEvent): Ingested | null {
    const chatId = this.identities.chatIdOf(botId, bareJid(event.chatJid));
    const row = chatId === undefined ? undefined : this.findMessage.get(chatId, event.targetFromMe ? 1 : 0, event.id);
    if (!row) return null;
    const sender = bareJid(event.senderJid);
    if (event.emoji) this.upsertReaction.run(row.id, sender, event.emoji, event.ts);
    else this.deleteReaction.run(row.id, sender);
    return { messageId: row.id, chatId: row.chat_id };
  }

  /** The chat of a person or group, created on first sight. */
  chatForJid(botId: string, jid: string, alt: string | null, pushName: string | null, now: number): number {
    return this.sqlite.transaction(() =>
      this.chatFor(
        botId,
        { chatJid: jid, chatAltJid: alt, senderName: pushName, fromMe: false, ts: now },
        now,
        new Map(),
      ),
    )();
  }

  private chatFor(
    botId: string,
    message: Pick<IncomingMessage, 'chatJid' | 'chatAltJid' | 'senderName' | 'fromMe' | 'ts'>,
    now: number,
    cache: Map<string, number>,
  ): number {
    const cacheKey = `${message.chatJid}|${message.chatAltJid ?? ''}`;
    const cached = cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const group = isGroupJid(message.chatJid);
    // A person's own push name only comes with their messages, not with the bot's.
    const name = group || message.fromMe ? null : message.senderName;
    const { contactId, chatJid } = this.identities.person(botId, message.chatJid, message.chatAltJid, name, now);
    const existing = this.chatByJid.get(botId, chatJid);
    // The chat outlived its contact (deleted on the Contacts page): it takes the one found now.
    if (existing && existing.contact_id === null && contactId !== null) this.relinkChat.run(contactId, existing.id);
    const chatId =
      existing?.id ??
      Number(this.insertChat.run(botId, chatJid, group ? 'group' : 'user', contactId, message.ts, now).lastInsertRowid);
    cache.set(cacheKey, chatId);
    return chatId;
  }

  private insertOne(
    botId: string,
    chatId: number,
    m: Pick<
      IncomingMessage,
      'id' | 'fromMe' | 'senderJid' | 'senderName' | 'ts' | 'kind' | 'text' | 'quoted' | 'forwarded' | 'media'
    >,
    status: MessageStatus | null = m.fromMe ? 'sent' : null,
    // The bot's own messages that did not go through Wren's outbox were sent from the phone.
    origin: Origin | null = m.fromMe ? 'phone' : null,
  ): number | null {
    const result = this.insertMessage.run(
      botId,
      chatId,
      m.id,
      m.fromMe ? 1 : 0,
      bareJid(m.senderJid),
      m.senderName,
      m.ts,
      m.kind ?? 'text',
      m.text,
      status,
      m.quoted?.id ?? null,
      m.quoted?.text ?? null,
      m.quoted?.senderJid ?? null,
      m.forwarded ? 1 : 0,
      origin,
    );
    if (result.changes === 0) return null;
    const id = Number(result.lastInsertRowid);
    const media = m.media;
    if (media) {
      const thumb = media.preview ? Buffer.from(media.preview) : null;
      this.addMedia(id, media, { state: 'remote', sha256: null, thumb, ref: media.ref });
    }
    return id;
  }

  private addMedia(
    messageId: number,
    media: Pick<IncomingMedia, 'mime' | 'fileName' | 'size' | 'width' | 'height' | 'seconds'>,
    where: { state: 'remote' | 'stored'; sha256: string | null; thumb: Buffer | null; ref: string | null },
  ): void {
    this.insertMedia.run(
      messageId,
      media.mime,
      media.fileName,
      media.size,
      media.width,
      media.height,
      media.seconds,
      where.state,
      where.sha256,
      where.thumb,
      where.ref,
    );
  }

  /** Says who sent one of the bot's messages stored already (its echo came back before its record). */
  originOf(chatId: number, waId: string, origin: Origin): void {
    this.setOrigin.run(origin, chatId, waId);
  }

  /** Whether the bot's message with this id is in the chat already (a resend after a crash). */
  hasOwn(chatId: number, waId: string): boolean {
    return this.findMessage.get(chatId, 1, waId) !== undefined;
  }

  private ownMessage(botId: string, chatJid: string, waId: string): MessageRow | undefined {
    const chatId = this.identities.chatIdOf(botId, bareJid(chatJid));
    return chatId === undefined ? undefined : this.findMessage.get(chatId, 1, waId);
  }

  private anyMessage(botId: string, chatJid: string, waId: string): MessageRow | undefined {
    const chatId = this.identities.chatIdOf(botId, bareJid(chatJid));
    if (chatId === undefined) return undefined;
    return this.findMessage.get(chatId, 0, waId) ?? this.findMessage.get(chatId, 1, waId);
  }
}
