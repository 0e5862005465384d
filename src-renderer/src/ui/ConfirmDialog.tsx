import { useState, type ReactNode } from 'react';
import { Dialog } from './Dialog';

type ConfirmDialogProps = {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Resolves when the work is done; the dialog stays open (and busy) until then. */
  onConfirm: () => Promise<void> | void;
  onCancel: () => void;
};

export const ConfirmDialog = ({ title, children, confirmLabel, danger, onConfirm, onCancel }: ConfirmDialogProps) => {
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={title}
      size="sm"
      onClose={onCancel}
      footer={
        <>
          {/* A destructive confirm should not be one Enter away: Cancel takes the focus then. */}
          <button
            type="button"
            className="button button-ghost"
            data-autofocus={danger ? true : undefined}
            onClick={onCancel}
          >
            Cancel
          </button>
          <button
            type="button"
            className={`button ${danger ? 'button-danger' : 'button-primary'}`}
            aria-busy={busy}
            disabled={busy}
            data-autofocus={danger ? undefined : true}
            onClick={() => void confirm()}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      <div className="confirm-text">{children}</div>
    </Dialog>
  );
};
