import { useEffect, type RefObject } from 'react';

/** Closes a popover on a press outside it or on Escape, as menus in WhatsApp do. */
export const useDismiss = (ref: RefObject<HTMLElement | null>, open: boolean, onClose: () => void): void => {
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (ref.current && event.target instanceof Node && !ref.current.contains(event.target)) onClose();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose();
      }
    };
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [ref, open, onClose]);
};
