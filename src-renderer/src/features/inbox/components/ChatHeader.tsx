import { formatPhone } from '../../../lib/format';
import { useMinute } from '../../../lib/useMinute';
import { MoreIcon } from '../../../ui/chat-icons';
import { Menu, type MenuItem } from '../../../ui/Menu';
import { inboxActions } from '../actions';
import { useChat } from '../hooks/useChats';
import { isMuted } from '../normalize';
import { displayTitle, isNumberOnly } from '../text';
import { useMessageMenuStore } from '../message-menu-store';
import { ChatAvatar } from './ChatAvatar';
import { ChatHeaderExtras } from './ChatHeaderExtras';
import type { Chat } from '../../../../../src-shared/inbox';

const HOUR = 3_600_000;
/** "Always": as far off as a date goes; the engine stores an instant, not a flag. */
export const MUTE_ALWAYS = 253_402_300_799_000;

const menuItems = (chat: Chat, now: number, onOpenInfo: (() => void) | undefined): MenuItem[] => {
  const update = (patch: Parameters<typeof inboxActions.updateChat>[1]) => void inboxActions.updateChat(chat.id, patch);
  const mute = (until: number) => update({ mutedUntil: until });
  return [
    ...(onOpenInfo ? [{ label: infoLabel(chat), onSelect: onOpenInfo }] : []),
    { label: 'Starred messages', onSelect: () => useMessageMenuStore.getState().showStarred(chat.id) },
    'separator',
    chat.pinned
      ? { label: 'Unpin chat', onSelect: () => update({ pinned: false }) }
      : { label: 'Pin chat', onSelect: () => update({ pinned: true }) },
    'separator',
    ...(isMuted(chat, now)
      ? [{ label: 'Unmute notifications', onSelect: () => update({ mutedUntil: null }) }]
      : [
          { label: 'Mute for 8 hours', onSelect: () => mute(Date.now() + 8 * HOUR) },
          { label: 'Mute for 1 week', onSelect: () => mute(Date.now() + 7 * 24 * HOUR) },
          { label: 'Mute always', onSelect: () => mute(MUTE_ALWAYS) },
        ]),
    'separator',
    chat.archived
      ? { label: 'Unarchive chat', onSelect: () => update({ archived: false }) }
      : { label: 'Archive chat', onSelect: () => update({ archived: true }) },
  ];
};

const infoLabel = (chat: Chat): string => (chat.kind === 'group' ? 'Group info' : 'Contact info');

const subtitleOf = (chat: Chat, now: number): string => {
  const parts = [
    chat.kind === 'group'
      ? 'Group · click the name for info'
      : chat.phone && !isNumberOnly(chat)
        ? formatPhone(chat.phone)
        : '',
  ];
  if (chat.pinned) parts.push('Pinned');
  if (isMuted(chat, now)) parts.push(chat.mutedUntil === MUTE_ALWAYS ? 'Muted' : 'Muted for now');
  if (chat.archived) parts.push('Archived');
  return parts.filter(Boolean).join(' · ');
};

/** `onOpenInfo`: the header opens the group's info (members) or the person's contact info, as clicking WhatsApp's does. */
export const ChatHeader = ({ chatId, onOpenInfo }: { chatId: number; onOpenInfo?: () => void }) => {
  const chat = useChat(chatId);
  const now = useMinute();
  if (!chat) return <header className="chat-header" />;
  const subtitle = subtitleOf(chat, now);
  const title = displayTitle(chat);
  return (
    <header className="chat-header">
      <ChatAvatar chat={chat} size={40} />
      <div className="chat-header-text">
        {/* A long name is cut with an ellipsis (the whole of it in the tooltip), never pushing the menu off. */}
        <h2 className="chat-header-title" data-testid="chat-header-title" title={title}>
          {onOpenInfo ? (
            <button
              type="button"
              className="chat-header-link"
              title={`${title} · ${infoLabel(chat)}`}
              onClick={onOpenInfo}
            >
              {title}
            </button>
          ) : (
            title
          )}
        </h2>
        {subtitle ? (
          <p className="chat-header-sub" data-testid="chat-header-sub">
            {subtitle}
          </p>
        ) : null}
      </div>
      <Menu label="Chat menu" icon={<MoreIcon size={22} />} items={menuItems(chat, now, onOpenInfo)} />
      <ChatHeaderExtras chatId={chatId} />
    </header>
  );
};
