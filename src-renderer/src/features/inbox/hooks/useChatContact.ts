import { useEffect, useState } from 'react';
import type { ChatContact } from '../../../../../src-shared/inbox';
import { getClient } from '../../../contract';
import { errorMessage } from '../../../lib/errors';
import { useChat } from './useChats';

export type ChatContactState =
  | { status: 'loading'; contact: null; error: null }
  | { status: 'ready'; contact: ChatContact | null; error: null }
  | { status: 'error'; contact: ChatContact | null; error: string };

/**
 * The person of a one-to-one chat while their card is open: read when opened, and again when the
 * chat moves (a "STOP" or a new message may have changed what Wren knows of them).
 */
export const useChatContact = (chatId: number): ChatContactState => {
  const lastTs = useChat(chatId)?.lastTs ?? 0;
  const [state, setState] = useState<ChatContactState>({ status: 'loading', contact: null, error: null });

  useEffect(() => {
    let current = true;
    getClient()
      .call('chats:contact', { chatId })
      .then(
        (contact) => {
          if (current) setState({ status: 'ready', contact, error: null });
        },
        (error: unknown) => {
          if (current) setState((s) => ({ status: 'error', contact: s.contact, error: errorMessage(error) }));
        },
      );
    return () => {
      current = false;
    };
  }, [chatId, lastTs]);

  return state;
};
