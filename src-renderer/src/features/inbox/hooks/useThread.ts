import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Message } from '../../../../../src-shared/inbox';
import { inboxActions } from '../actions';
import { useInboxStore, type ThreadMeta } from '../store';
import { useWindowFocused } from './useWindowFocused';

const NO_IDS: number[] = [];

/** The open chat's thread; read again when missing (first open, or cleared by a reconnect). */
export const useThread = (chatId: number): { ids: number[]; meta: ThreadMeta | undefined } => {
  const { ids, meta } = useInboxStore(
    useShallow((s) => ({ ids: s.idsByChat[chatId] ?? NO_IDS, meta: s.threads[chatId] })),
  );
  const missing = meta === undefined;
  useEffect(() => {
    if (missing) void inboxActions.loadLatest(chatId);
  }, [chatId, missing]);
  return { ids, meta };
};

export const useMessage = (messageId: number | undefined): Message | undefined =>
  useInboxStore((s) => (messageId === undefined ? undefined : s.messagesById[messageId]));

/**
 * While a chat is on screen in a focused window, what arrives in it is read: opening it clears
 * its count, and so does each new message (sending read receipts where the bot allows).
 */
export const useAutoMarkRead = (chatId: number): void => {
  const unread = useInboxStore((s) => s.chatsById[chatId]?.unread ?? 0);
  const focused = useWindowFocused();
  useEffect(() => {
    if (unread > 0 && focused) void inboxActions.markRead(chatId);
  }, [chatId, unread, focused]);
};
