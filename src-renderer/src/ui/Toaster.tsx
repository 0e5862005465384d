import { createPortal } from 'react-dom';
import { useShallow } from 'zustand/react/shallow';
import { AlertIcon, CloseIcon } from './icons';
import { useToastStore } from './toast-store';

/** Lives outside the app root so toasts stay readable while a modal makes the app inert. */
export const Toaster = () => {
  const { toasts, dismiss } = useToastStore(useShallow((s) => ({ toasts: s.toasts, dismiss: s.dismiss })));
  return createPortal(
    <div className="toaster" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`} role={t.tone === 'error' ? 'alert' : 'status'}>
          {t.tone === 'error' ? <AlertIcon size={18} /> : null}
          <span className="toast-message">{t.message}</span>
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            <CloseIcon size={16} />
          </button>
        </div>
      ))}
    </div>,
    document.body,
  );
};
