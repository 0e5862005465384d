import type { Chat, ChatFilter, ChatKey, Message, MessageStatus } from '../../../../src-shared/inbox';

/**
 * Pure rules the inbox store applies: where a changed chat goes in a loaded list, where a message
 * goes in a thread, and which of two copies of a message wins. Kept free of zustand so they are
 * tested directly and read the same as the engine's own rules.
 */

/** What one chat list shows: the engine filters the same way (see InboxReader.chats). No filter: all. */
export type ChatView = { archived: boolean; query: string; filter?: ChatFilter };

/** The engine's order: a status only moves forward, so a late reply never undoes an event's news. */
const RANK: Record<MessageStatus, number> = { pending: 0, failed: 0.5, sent: 1, delivered: 2, read: 3, played: 4 };

/** The newer copy of a message, except that its status never goes back (the send reply can arrive after "sent"). */
export const mergeMessage = (current: Message | undefined, next: Message): Message => {
  if (!current?.status || !next.status || RANK[next.status] >= RANK[current.status]) return next;
  return { ...next, status: current.status, error: current.error };
};

/** Mirrors the engine's name-or-number filter, so a live chat joins a filtered list only if the engine would list it. */
export const matchesQuery = (chat: Chat, query: string): boolean => {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  const digits = needle.replace(/\D/g, '');
  return chat.title.toLowerCase().includes(needle) || (digits.length >= 3 && (chat.phone ?? '').includes(digits));
};

/**
 * The quick filter. `listed`: the chat is in the list already. A chat read while "Unread" is shown
 * stays there until the list is read again, as in WhatsApp, instead of vanishing under the cursor.
 */
export const matchesFilter = (chat: Chat, filter: ChatFilter = 'all', listed = false): boolean =>
  filter === 'all' || (filter === 'groups' ? chat.kind === 'group' : chat.unread > 0 || listed);

export const matchesView = (chat: Chat, view: ChatView, listed = false): boolean =>
  chat.archived === view.archived && matchesQuery(chat, view.query) && matchesFilter(chat, view.filter, listed);

/** Newest first; negative when `a` is listed above `b`. */
const newerFirst = (a: Chat, b: Chat): number => b.lastTs - a.lastTs || b.id - a.id;

/** Below the last loaded row: not ours to place, the next page brings it. */
const belowCursor = (chat: Chat, cursor: ChatKey): boolean =>
  chat.lastTs < cursor.ts || (chat.lastTs === cursor.ts && chat.id < cursor.id);

/**
 * Where a new or changed chat goes in a loaded list. Pinned chats stay on top in the engine's
 * order (newest pin first, so a newly pinned chat goes to the very top); the rest are newest
 * first. `byId` already holds the changed chat.
 */
export const placeChat = (
  ids: number[],
  chat: Chat,
  wasPinned: boolean,
  byId: Record<number, Chat>,
  view: ChatView,
  cursor: ChatKey | null,
): number[] => {
  const at = ids.indexOf(chat.id);
  const rest = at === -1 ? ids : ids.filter((id) => id !== chat.id);
  if (!matchesView(chat, view, at !== -1)) return rest;
  if (chat.pinned) return at !== -1 && wasPinned ? ids : [chat.id, ...rest];
  if (cursor && belowCursor(chat, cursor)) return rest;
  let index = 0;
  while (index < rest.length) {
    const other = byId[rest[index] ?? -1];
    if (other && !other.pinned && newerFirst(chat, other) < 0) break;
    index += 1;
  }
  if (index === at) return ids;
  return [...rest.slice(0, index), chat.id, ...rest.slice(index)];
};

/** Ids of a later page added after the ones already listed, without repeats. */
export const appendIds = (ids: number[], more: number[]): number[] => {
  const seen = new Set(ids);
  const added = more.filter((id) => !seen.has(id));
  return added.length === 0 ? ids : [...ids, ...added];
};

/** Oldest first, as a thread is shown. */
export const olderFirst = (a: Message, b: Message): number => a.ts - b.ts || a.id - b.id;

/** Where a message goes in a thread (oldest first): almost always the end, so the search starts there. */
export const insertMessageId = (ids: number[], message: Message, byId: Record<number, Message>): number[] => {
  if (ids.includes(message.id)) return ids;
  let index = ids.length;
  while (index > 0) {
    const previous = byId[ids[index - 1] ?? -1];
    if (!previous || olderFirst(previous, message) <= 0) break;
    index -= 1;
  }
  return [...ids.slice(0, index), message.id, ...ids.slice(index)];
};

/** Merges thread ids from two sources (a page and live events) into one oldest-first list. */
export const mergeThreadIds = (a: number[], b: number[], byId: Record<number, Message>): number[] => {
  const all = [...new Set([...a, ...b])].flatMap((id) => {
    const message = byId[id];
    return message ? [message] : [];
  });
  return all.sort(olderFirst).map((m) => m.id);
};

export const isMuted = (chat: Pick<Chat, 'mutedUntil'>, now: number): boolean =>
  chat.mutedUntil !== null && chat.mutedUntil > now;

/**
 * What the sidebar badge counts: like WhatsApp, archived and muted chats do not add to it, so a
 * muted busy group does not keep the badge lit all day.
 */
export const unreadTotal = (chats: Iterable<Chat>, now: number): number => {
  let total = 0;
  for (const chat of chats) if (!chat.archived && !isMuted(chat, now)) total += chat.unread;
  return total;
};
