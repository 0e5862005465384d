import { useCallback, useState } from 'react';
import { useMessageMenuStore } from '../message-menu-store';
import { MessageActionDialogs } from './MessageActionDialogs';
import { StarredPanel } from './StarredPanel';

/**
 * What the open chat shows besides its thread and lives as long as its header: the starred
 * messages panel (opened from the header's menu) and the message menu's dialogs.
 */
export const ChatHeaderExtras = ({ chatId }: { chatId: number }) => {
  const [frame, setFrame] = useState<Element | null>(null);
  const anchor = useCallback((node: HTMLSpanElement | null) => setFrame(node?.closest('.chat-pane-wrap') ?? null), []);
  const starred = useMessageMenuStore((s) => s.starredChatId === chatId);
  const showStarred = useMessageMenuStore((s) => s.showStarred);
  return (
    <>
      <span ref={anchor} hidden />
      {starred ? <StarredPanel chatId={chatId} frame={frame} onClose={() => showStarred(null)} /> : null}
      <MessageActionDialogs />
    </>
  );
};
