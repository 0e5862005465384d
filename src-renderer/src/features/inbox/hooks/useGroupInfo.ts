import { useEffect, useRef, useState } from 'react';
import type { GroupInfo } from '../../../../../src-shared/inbox';
import { getClient } from '../../../contract';
import { errorMessage } from '../../../lib/errors';
import { useChat } from './useChats';

export type GroupInfoState =
  | { status: 'loading'; info: null; error: null }
  | { status: 'ready'; info: GroupInfo; error: null }
  | { status: 'error'; info: GroupInfo | null; error: string };

/**
 * A group's members while its info is open: asked of WhatsApp when opened, then read again when
 * the chat changes (a join or leave notice moves its last message).
 */
export const useGroupInfo = (chatId: number): GroupInfoState => {
  const lastTs = useChat(chatId)?.lastTs ?? 0;
  const [state, setState] = useState<GroupInfoState>({ status: 'loading', info: null, error: null });
  const asked = useRef(false);

  useEffect(() => {
    let current = true;
    // The first read asks WhatsApp; later ones (after a notice) read what the engine stored.
    const refresh = !asked.current;
    asked.current = true;
    getClient()
      .call('groups:get', { chatId, refresh })
      .then(
        (info) => {
          if (current) setState({ status: 'ready', info, error: null });
        },
        (error: unknown) => {
          if (current) setState((s) => ({ status: 'error', info: s.info, error: errorMessage(error) }));
        },
      );
    return () => {
      current = false;
    };
  }, [chatId, lastTs]);

  return state;
};
