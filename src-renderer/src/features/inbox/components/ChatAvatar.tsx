import type { Chat } from '../../../../../src-shared/inbox';
import { Avatar } from '../../../ui/Avatar';
import { isNumberOnly } from '../text';

/** WhatsApp's grey silhouette, for someone known only by their number (initials of "+44" say nothing). */
export const Silhouette = () => (
  <svg viewBox="0 0 212 212" width="100%" height="100%" aria-hidden="true" focusable="false">
    <path fill="#dfe5e7" d="M106 0a106 106 0 1 0 0 212 106 106 0 0 0 0-212z" />
    <path
      fill="#fff"
      d="M106 45c-20 0-34 15-34 36s14 39 34 39 34-18 34-39-14-36-34-36zm0 86c-36 0-70 17-75 45a106 106 0 0 0 150 0c-5-28-39-45-75-45z"
    />
  </svg>
);

export const ChatAvatar = ({ chat, size }: { chat: Chat; size: number }) =>
  isNumberOnly(chat) ? (
    <span className="avatar" aria-hidden="true" style={{ width: size, height: size }}>
      <Silhouette />
    </span>
  ) : (
    // Colour from the title: the same person looks the same in the list and the header.
    <Avatar name={chat.title} seed={chat.title} size={size} />
  );
