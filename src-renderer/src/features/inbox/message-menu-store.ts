import { create } from 'zustand';

type MessageMenuState = {
  /** The message whose menu is open, and where (the chevron's corner, or where it was right-clicked). */
  menu: { messageId: number; x: number; y: number } | null;
  /** A dialog one of its entries opened. */
  dialog: { kind: 'forward' | 'delete'; messageId: number } | null;
  /** The chat whose starred messages are shown beside its thread. */
  starredChatId: number | null;
  openMenu: (messageId: number, x: number, y: number) => void;
  closeMenu: () => void;
  openDialog: (kind: 'forward' | 'delete', messageId: number) => void;
  closeDialog: () => void;
  showStarred: (chatId: number | null) => void;
};

/** One message menu open at a time across the thread, as in WhatsApp Web. */
export const useMessageMenuStore = create<MessageMenuState>()((set) => ({
  menu: null,
  dialog: null,
  starredChatId: null,
  openMenu: (messageId, x, y) => set({ menu: { messageId, x, y } }),
  closeMenu: () => set({ menu: null }),
  openDialog: (kind, messageId) => set({ menu: null, dialog: { kind, messageId } }),
  closeDialog: () => set({ dialog: null }),
  showStarred: (starredChatId) => set({ starredChatId }),
}));
