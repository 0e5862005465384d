import type { Chat } from '../../../../../src-shared/inbox';
import { Avatar } from '../../../ui/Avatar';
import { isNumberOnly } from '../text';

/**
 * A chat's avatar. The colour comes from the person (their number, else the chat's JID), not the
 * title: the same person looks the same in the list, the header, their groups and Contacts.
 */
export const ChatAvatar = ({ chat, size }: { chat: Chat; size: number }) => (
  <Avatar
    name={isNumberOnly(chat) ? '' : chat.title}
    seed={chat.kind === 'user' ? (chat.phone ?? chat.jid) : chat.jid}
    size={size}
  />
);
