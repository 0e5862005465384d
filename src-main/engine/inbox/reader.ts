import type Database from 'better-sqlite3';
import type { Chat, ChatFilter, ChatKey, Message, SearchHit } from '../../../src-shared/inbox';
import { type ChatRow, type MediaRow, type MessageRow, toChat, toMedia, toMessage } from './reader-rows';
import { MessageNames } from './names';

/** One page of a chat list: one bot's (or every bot's, `botId: null`), archived or not, filtered. */
export type ChatListArgs = {
  botId: string | null;
  archived: boolean;
  filter?: ChatFilter;
  query?: string;
  before?: ChatKey;
  limit: number;
};

const CHAT_SELECT = `
  SELECT c.id, c.bot_id, c.jid, c.kind, c.title, c.last_ts, c.unread, c.pinned_at, c.archived, c.muted_until, c.handoff_at,
    ct.phone_jid, ct.push_name, ct.name, m.text AS m_text, m.kind AS m_kind, m.from_me AS m_from_me,
    m.status AS m_status, m.deleted_at AS m_deleted,
    coalesce(
      (SELECT nullif(s.name, '') FROM contacts s WHERE s.bot_id = m.bot_id AND s.phone_jid = m.sender_jid),
      (SELECT nullif(s.name, '') FROM contacts s WHERE s.bot_id = m.bot_id AND s.lid_jid = m.sender_jid),
      m.sender_name
    ) AS m_sender
  FROM chats c
  LEFT JOIN contacts ct ON ct.id = c.contact_id
  LEFT JOIN messages m ON m.id = c.last_message_id`;

/** Turns what a person typed into an FTS5 query: every word must match, each as a prefix. */
export const ftsQuery = (input: string): string | null => {
  const words = input.match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
};

/** Every read of the inbox: pages by key (never OFFSET), rows shaped as the contract's types. */
export class InboxReader {
  private readonly chatById: Database.Statement<[number], ChatRow>;
  private readonly pinned: Database.Statement<[string, number], ChatRow>;
  private readonly pinnedAll: Database.Statement<[number], ChatRow>;
  private readonly chatPage: Database.Statement<[string, number, number, number, number], ChatRow>;
  private readonly chatPageAll: Database.Statement<[number, number, number, number], ChatRow>;
  private readonly messageById: Database.Statement<[number], MessageRow>;
  private readonly olderPage: Database.Statement<[number, number, number, number, number], MessageRow>;
  private readonly newerPage: Database.Statement<[number, number, number, number, number], MessageRow>;
  private readonly reactionsOf: Database.Statement<[string], { message_id: number; emoji: string; sender_jid: string }>;
  private readonly mediaOf: Database.Statement<[string], MediaRow>;
  private readonly names: MessageNames;
  private readonly search: Database.Statement<
    [string, string, number, number, number, number],
    MessageRow & { snip: string }
  >;

  constructor(sqlite: Database.Database) {
    this.names = new MessageNames(sqlite);
    this.chatById = sqlite.prepare(`${CHAT_SELECT} WHERE c.id = ?`);
    this.pinned = sqlite.prepare(
      `${CHAT_SELECT} WHERE c.bot_id = ? AND c.archived = ? AND c.pinned_at IS NOT NULL
       ORDER BY c.pinned_at DESC, c.id DESC`,
    );
    this.pinnedAll = sqlite.prepare(
      `${CHAT_SELECT} WHERE c.archived = ? AND c.pinned_at IS NOT NULL ORDER BY c.pinned_at DESC, c.id DESC`,
    );
    // The key as a row value: the index seeks straight to it (an OR of the two parts would make
    // every page walk down from the newest chat, as OFFSET does).
    this.chatPage = sqlite.prepare(
      `${CHAT_SELECT} WHERE c.bot_id = ? AND c.archived = ? AND c.pinned_at IS NULL AND (c.last_ts, c.id) < (?, ?)
       ORDER BY c.last_ts DESC, c.id DESC LIMIT ?`,
    );
    // "All bots": the same list over every bot's chats, served by chats_list_all.
    this.chatPageAll = sqlite.prepare(
      `${CHAT_SELECT} WHERE c.archived = ? AND c.pinned_at IS NULL AND (c.last_ts, c.id) < (?, ?)
       ORDER BY c.last_ts DESC, c.id DESC LIMIT ?`,
    );
    // A message deleted for me is gone from every read, as if it had never been stored.
    this.messageById = sqlite.prepare('SELECT * FROM messages WHERE id = ? AND hidden_at IS NULL');
    // One prepared statement for any page size: the ids come as a JSON array.
    this.reactionsOf = sqlite.prepare(
      `SELECT message_id, emoji, sender_jid FROM reactions
       WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY ts`,
    );
    this.mediaOf = sqlite.prepare(
      `SELECT message_id, mime, file_name, size, width, height, seconds, state, error, thumb FROM media
       WHERE message_id IN (SELECT value FROM json_each(?))`,
    );
    this.olderPage = sqlite.prepare(
      `SELECT * FROM messages WHERE chat_id = ? AND (ts < ? OR (ts = ? AND id < ?)) AND hidden_at IS NULL
       ORDER BY ts DESC, id DESC LIMIT ?`,
    );
    this.newerPage = sqlite.prepare(
      `SELECT * FROM messages WHERE chat_id = ? AND (ts > ? OR (ts = ? AND id > ?)) AND hidden_at IS NULL
       ORDER BY ts ASC, id ASC LIMIT ?`,
    );
    // CROSS JOIN fixes the join order: the FTS match first, then each hit's row. Left to itself
    // the planner walks every message of the bot and runs the match once per row.
    this.search = sqlite.prepare(
      `SELECT m.*, snippet(messages_fts, 0, char(1), char(2), '…', 12) AS snip
       FROM messages_fts CROSS JOIN messages m ON m.id = messages_fts.rowid
       WHERE messages_fts MATCH ? AND m.bot_id = ? AND (m.ts < ? OR (m.ts = ? AND m.id < ?)) AND m.hidden_at IS NULL
       ORDER BY m.ts DESC, m.id DESC LIMIT ?`,
    );
  }

  chat(chatId: number): Chat | null {
    const row = this.chatById.get(chatId);
    return row ? toChat(row) : null;
  }

  /**
   * Pinned chats come first on the first page (WhatsApp allows a few); the rest newest first.
   * `botId: null` lists every bot's chats in one list, in the same order.
   */
  chats(args: ChatListArgs): {
    items: Chat[];
    nextBefore: ChatKey | null;
  } {
    const { botId, limit } = args;
    const archived = args.archived ? 1 : 0;
    const match = chatMatcher(args.query, args.filter ?? 'all');
    const page = (key: ChatKey) =>
      botId === null
        ? this.chatPageAll.all(archived, key.ts, key.id, limit)
        : this.chatPage.all(botId, archived, key.ts, key.id, limit);
    const items: Chat[] = [];
    if (!args.before) {
      for (const row of botId === null ? this.pinnedAll.all(archived) : this.pinned.all(botId, archived)) {
        const chat = toChat(row);
        if (!match || match(chat)) items.push(chat);
      }
    }
    let key = args.before ?? { ts: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER };
    // A name filter may drop rows: keep reading pages until the page is full or the list ends.
    for (;;) {
      const rows = page(key);
      for (const row of rows) {
        const chat = toChat(row);
        if (!match || match(chat)) items.push(chat);
      }
      const last = rows[rows.length - 1];
      if (!last || rows.length < limit) return { items, nextBefore: null };
      key = { ts: last.last_ts, id: last.id };
      if (items.length >= limit) return { items, nextBefore: key };
    }
  }

  message(messageId: number, botJid: string | null): Message | null {
    const row = this.messageById.get(messageId);
    return row ? (this.withReactions([row], botJid)[0] ?? null) : null;
  }

  /** Rows read elsewhere (the starred list), shaped like every other page. */
  shape(rows: MessageRow[], botJid: string | null): Message[] {
    return this.withReactions(rows, botJid);
  }

  /** A thread newest first, `limit` at a time, older pages by key. */
  messages(args: { chatId: number; before?: ChatKey; limit: number; botJid: string | null }): {
    items: Message[];
    nextBefore: ChatKey | null;
  } {
    const key = args.before ?? { ts: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER };
    const rows = this.olderPage.all(args.chatId, key.ts, key.ts, key.id, args.limit);
    const last = rows[rows.length - 1];
    return {
      items: this.withReactions(rows, args.botJid),
      nextBefore: last && rows.length === args.limit ? { ts: last.ts, id: last.id } : null,
    };
  }

  /** A window of the thread around one message (jumping to a search result), newest first. */
  around(args: { messageId: number; limit: number; botJid: string | null }): {
    chatId: number;
    items: Message[];
    nextBefore: ChatKey | null;
    nextAfter: ChatKey | null;
  } | null {
    const target = this.messageById.get(args.messageId);
    if (!target) return null;
    const half = Math.max(1, Math.floor(args.limit / 2));
    const older = this.olderPage.all(target.chat_id, target.ts, target.ts, target.id, half);
    const newer = this.newerPage.all(target.chat_id, target.ts, target.ts, target.id, half);
    const rows = [...newer.reverse(), target, ...older];
    const oldest = older[older.length - 1];
    const newest = newer[0];
    return {
      chatId: target.chat_id,
      items: this.withReactions(rows, args.botJid),
      nextBefore: oldest && older.length === half ? { ts: oldest.ts, id: oldest.id } : null,
      nextAfter: newest && newer.length === half ? { ts: newest.ts, id: newest.id } : null,
    };
  }

  /** Newer messages than a key, oldest first (scrolling back down after a jump). */
  newer(args: { chatId: number; after: ChatKey; limit: number; botJid: string | null }): {
    items: Message[];
    nextAfter: ChatKey | null;
  } {
    const rows = this.newerPage.all(args.chatId, args.after.ts, args.after.ts, args.after.id, args.limit);
    const last = rows[rows.length - 1];
    return {
      items: this.withReactions(rows, args.botJid).reverse(),
      nextAfter: last && rows.length === args.limit ? { ts: last.ts, id: last.id } : null,
    };
  }

  /** Full-text search of a bot's messages, newest first, paged by key. */
  searchMessages(args: { botId: string; query: string; before?: ChatKey; limit: number; botJid: string | null }): {
    items: SearchHit[];
    nextBefore: ChatKey | null;
  } {
    const match = ftsQuery(args.query);
    if (!match) return { items: [], nextBefore: null };
    const key = args.before ?? { ts: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER };
    const rows = this.search.all(match, args.botId, key.ts, key.ts, key.id, args.limit);
    const messages = this.withReactions(rows, args.botJid);
    const titles = new Map<number, string>();
    const items = rows.map((row, i) => {
      let title = titles.get(row.chat_id);
      if (title === undefined) {
        title = this.chat(row.chat_id)?.title ?? '';
        titles.set(row.chat_id, title);
      }
      return { message: messages[i] as Message, chatTitle: title, snippet: row.snip };
    });
    const last = rows[rows.length - 1];
    return { items, nextBefore: last && rows.length === args.limit ? { ts: last.ts, id: last.id } : null };
  }

  private withReactions(rows: MessageRow[], botJid: string | null): Message[] {
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((r) => r.id));
    const reactions = this.reactionsOf.all(ids);
    // Only messages of a media kind can have a file: a page of texts skips the lookup.
    const files = rows.some((r) => r.kind !== 'text') ? this.mediaOf.all(ids) : [];
    const mediaById = new Map(files.map((f) => [f.message_id, toMedia(f)]));
    const byMessage = new Map<number, Message['reactions']>();
    for (const r of reactions) {
      const list = byMessage.get(r.message_id) ?? [];
      const existing = list.find((x) => x.emoji === r.emoji);
      const mine = r.sender_jid === botJid;
      if (existing) {
        existing.count += 1;
        existing.mine ||= mine;
      } else list.push({ emoji: r.emoji, count: 1, mine });
      byMessage.set(r.message_id, list);
    }
    // The name the business gave a person wins over the push name stored with their message,
    // for the sender and for whom a reply quotes.
    const [first] = rows;
    const jids = rows.flatMap((r) => [
      ...(r.from_me ? [] : [r.sender_jid]),
      ...(r.quoted_sender ? [r.quoted_sender] : []),
    ]);
    const given = first ? this.names.given(first.bot_id, jids) : new Map<string, string>();
    const origins = this.names.origins(rows.map((r) => r.origin));
    return rows.map((row) => {
      const message = toMessage(row, byMessage.get(row.id) ?? [], mediaById.get(row.id) ?? null);
      if (!row.from_me) message.senderName = given.get(row.sender_jid) ?? message.senderName;
      if (message.quoted && row.quoted_sender) message.quoted.senderName = given.get(row.quoted_sender) ?? null;
      message.origin = row.origin === null ? null : (origins.get(row.origin) ?? null);
      return message;
    });
  }
}

/** The chat list's name or number search and its quick filter, as one test per chat. */
const chatMatcher = (query: string | undefined, filter: ChatFilter): ((chat: Chat) => boolean) | null => {
  const needle = query?.trim().toLowerCase() ?? '';
  const digits = needle.replace(/\D/g, '');
  if (needle === '' && filter === 'all') return null;
  return (chat: Chat): boolean =>
    (filter !== 'unread' || chat.unread > 0) &&
    (filter !== 'groups' || chat.kind === 'group') &&
    (needle === '' ||
      chat.title.toLowerCase().includes(needle) ||
      (digits.length >= 3 && (chat.phone ?? '').includes(digits)));
};
