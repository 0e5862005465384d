import { useTotalUnread } from '../hooks/useChats';

/** The count on the sidebar's Chats entry: unread messages across every bot's chats. */
export const ChatsUnreadBadge = () => {
  const unread = useTotalUnread();
  if (unread === 0) return null;
  return (
    <>
      <span className="nav-badge" data-testid="chats-unread-total" aria-hidden="true">
        {unread > 99 ? '99+' : unread}
      </span>
      <span className="visually-hidden">, {unread} unread</span>
    </>
  );
};
