import type Database from 'better-sqlite3';
import type {
  Chat,
  ChatKey,
  Message,
  MessageKind,
  MessageMedia,
  MessageStatus,
  SearchHit,
} from '../../../src-shared/inbox';
import { phoneOfJid } from './jid';

type ChatRow = {
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
  m_text: string | null;
  m_kind: MessageKind | null;
  m_from_me: number | null;
  m_status: MessageStatus | null;
  m_deleted: number | null;
  m_sender: string | null;
};

type MessageRow = {
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
};

const CHAT_SELECT = `
  SELECT c.id, c.bot_id, c.jid, c.kind, c.title, c.last_ts, c.unread, c.pinned_at, c.archived, c.muted_until, c.handoff_at,
    ct.phone_jid, ct.push_name, m.text AS m_text, m.kind AS m_kind, m.from_me AS m_from_me, m.status AS m_status,
    m.deleted_at AS m_deleted, m.sender_name AS m_sender
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
  private readonly search: Database.Statement<
    [string, string, number, number, number, number],
    MessageRow & { snip: string }
  >;

  constructor(sqlite: Database.Database) {
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
    this.messageById = sqlite.prepare('SELECT * FROM messages WHERE id = ?');
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
      `SELECT * FROM messages WHERE chat_id = ? AND (ts < ? OR (ts = ? AND id < ?))
       ORDER BY ts DESC, id DESC LIMIT ?`,
    );
    this.newerPage = sqlite.prepare(
      `SELECT * FROM messages WHERE chat_id = ? AND (ts > ? OR (ts = ? AND id > ?))
       ORDER BY ts ASC, id ASC LIMIT ?`,
    );
    // CROSS JOIN fixes the join order: the FTS match first, then each hit's row. Left to itself
    // the planner walks every message of the bot and runs the match once per row.
    this.search = sqlite.prepare(
      `SELECT m.*, snippet(messages_fts, 0, char(1), char(2), '…', 12) AS snip
       FROM messages_fts CROSS JOIN messages m ON m.id = messages_fts.rowid
       WHERE messages_fts MATCH ? AND m.bot_id = ? AND (m.ts < ? OR (m.ts = ? AND m.id < ?))
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
  chats(args: { botId: string | null; archived: boolean; query?: string; before?: ChatKey; limit: number }): {
    items: Chat[];
    nextBefore: ChatKey | null;
  } {
    const { botId, limit } = args;
    const archived = args.archived ? 1 : 0;
    const match = args.query ? chatMatcher(args.query) : null;
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
    return rows.map((row) => toMessage(row, byMessage.get(row.id) ?? [], mediaById.get(row.id) ?? null));
  }
}

const chatMatcher = (query: string) => {
  const needle = query.trim().toLowerCase();
  const digits = needle.replace(/\D/g, '');
  return (chat: Chat): boolean =>
    chat.title.toLowerCase().includes(needle) || (digits.length >= 3 && (chat.phone ?? '').includes(digits));
};

const toChat = (row: ChatRow): Chat => {
  const phone = row.phone_jid ? phoneOfJid(row.phone_jid) : phoneOfJid(row.jid);
  return {
    id: row.id,
    botId: row.bot_id,
    jid: row.jid,
    kind: row.kind,
    title: row.title ?? row.push_name ?? phone ?? row.jid.split('@')[0] ?? row.jid,
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

type MediaRow = {
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

const toMedia = (row: MediaRow): MessageMedia => ({
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

const toMessage = (row: MessageRow, reactions: Message['reactions'], media: MessageMedia | null): Message => ({
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
  quoted: row.quoted_wa_id ? { waId: row.quoted_wa_id, text: row.quoted_text, sender: row.quoted_sender } : null,
  forwarded: row.forwarded === 1,
  editedAt: row.edited_at,
  deletedAt: row.deleted_at,
  reactions,
  media,
});
