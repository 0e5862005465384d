import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { createPortal } from 'react-dom';
import { QUICK_REACTIONS, type Message } from '../../../../../src-shared/inbox';
import { ChevronDownIcon } from '../../../ui/chat-icons';
import { useDismiss } from '../../../ui/useDismiss';
import { messageActions } from '../message-actions';
import { canForward, copyText } from '../message-menu';
import { useMessageMenuStore } from '../message-menu-store';
import { useInboxStore } from '../store';
import { EmojiPicker } from './EmojiPicker';

/** Right-clicking a bubble opens its menu where the pointer is, as WhatsApp Web does. */
export const useBubbleMenu = (message: Message) => {
  const openMenu = useMessageMenuStore((s) => s.openMenu);
  return (event: MouseEvent) => {
    if (message.kind === 'system') return;
    event.preventDefault();
    openMenu(message.id, event.clientX, event.clientY);
  };
};

/** The chevron on a bubble's corner (shown on hover) and, when open, the bubble's menu. */
export const MessageActions = ({ message }: { message: Message }) => {
  const open = useMessageMenuStore((s) => (s.menu?.messageId === message.id ? s.menu : null));
  const openMenu = useMessageMenuStore((s) => s.openMenu);
  if (message.kind === 'system') return null;
  return (
    <>
      <button
        type="button"
        className={`bubble-chevron${open ? ' bubble-chevron-open' : ''}`}
        aria-label="Message menu"
        title="Message menu"
        aria-haspopup="menu"
        aria-expanded={open !== null}
        onClick={(event) => {
          const rect = event.currentTarget.getBoundingClientRect();
          openMenu(message.id, message.fromMe ? rect.right : rect.left, rect.bottom);
        }}
      >
        <ChevronDownIcon size={18} />
      </button>
      {open ? <MessageMenu message={message} x={open.x} y={open.y} /> : null}
    </>
  );
};

type Entry = { label: string; onSelect: () => void; danger?: boolean };

const MessageMenu = ({ message, x, y }: { message: Message; x: number; y: number }) => {
  const ref = useRef<HTMLDivElement>(null);
  const { closeMenu, openDialog } = useMessageMenuStore.getState();
  const setReplyTo = useInboxStore((s) => s.setReplyTo);
  const close = useCallback(() => closeMenu(), [closeMenu]);
  useDismiss(ref, true, close);
  const [place, setPlace] = useState({ left: x, top: y });
  const deleted = message.deletedAt !== null;
  const mine = message.reactions.find((r) => r.mine)?.emoji ?? null;

  // Kept inside the window: a bubble near the bottom or the right edge opens its menu above or to the left.
  useLayoutEffect(() => {
    const node = ref.current;
    if (!node) return;
    const { width, height } = node.getBoundingClientRect();
    setPlace({
      left: Math.max(8, Math.min(x, window.innerWidth - width - 8)),
      top: y + height + 8 > window.innerHeight ? Math.max(8, y - height) : y,
    });
  }, [x, y]);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    // The menu stays where it opened: scrolling the thread away from its bubble closes it.
    const onScroll = (event: Event) => {
      if (!(event.target instanceof Node && ref.current?.contains(event.target))) close();
    };
    document.addEventListener('scroll', onScroll, true);
    return () => document.removeEventListener('scroll', onScroll, true);
  }, [close]);

  const entries: Entry[] = deleted
    ? [{ label: 'Delete', onSelect: () => openDialog('delete', message.id), danger: true }]
    : [
        { label: 'Reply', onSelect: () => setReplyTo(message.chatId, message.id) },
        ...(canForward(message) ? [{ label: 'Forward', onSelect: () => openDialog('forward', message.id) }] : []),
        ...(copyText(message) !== null ? [{ label: 'Copy', onSelect: () => void messageActions.copy(message) }] : []),
        { label: message.starred ? 'Unstar' : 'Star', onSelect: () => void messageActions.star(message) },
        { label: 'Delete', onSelect: () => openDialog('delete', message.id), danger: true },
      ];

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.findIndex((e) => e === document.activeElement);
    items[(at + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
  };

  const react = (emoji: string) => {
    closeMenu();
    void messageActions.react(message, emoji);
  };

  return createPortal(
    <div
      ref={ref}
      role="menu"
      aria-label="Message menu"
      className="menu-list message-menu"
      data-testid="message-menu"
      style={{ position: 'fixed', left: place.left, top: place.top }}
      onKeyDown={onKeyDown}
    >
      {deleted || message.status === 'pending' ? null : (
        <div className="message-menu-reactions" role="group" aria-label="React">
          {QUICK_REACTIONS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              role="menuitem"
              className={`message-menu-emoji${mine === emoji ? ' message-menu-emoji-mine' : ''}`}
              aria-label={mine === emoji ? `Remove ${emoji}` : `React ${emoji}`}
              aria-pressed={mine === emoji}
              onClick={() => react(emoji)}
            >
              {emoji}
            </button>
          ))}
          <EmojiPicker onPick={react} />
        </div>
      )}
      {entries.map((entry) => (
        <button
          key={entry.label}
          type="button"
          role="menuitem"
          className={`menu-item${entry.danger ? ' menu-item-danger' : ''}`}
          onClick={() => {
            closeMenu();
            entry.onSelect();
          }}
        >
          {entry.label}
        </button>
      ))}
    </div>,
    document.body,
  );
};
