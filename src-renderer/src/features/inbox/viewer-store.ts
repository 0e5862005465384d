import { create } from 'zustand';
import type { OpenedFile } from './media';

/** The photo or video shown full size over the app (WhatsApp's media viewer), if any. */
type ViewerState = {
  file: (OpenedFile & { caption: string | null }) | null;
  show: (file: OpenedFile, caption: string | null) => void;
  close: () => void;
};

export const useViewerStore = create<ViewerState>((set) => ({
  file: null,
  show: (file, caption) => set({ file: { ...file, caption } }),
  close: () => set({ file: null }),
}));
