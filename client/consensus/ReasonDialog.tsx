import { useEffect, useRef, useState } from 'react';
import { useFocusReturn } from '../ui/use-focus-return.ts';

export interface ReasonDialogProps {
  title: string;
  confirmLabel: string;
  placeholder: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/**
 * A modal that asks for a reason (1 to 1,000 characters) and cannot be confirmed without one.
 * Ctrl+Enter (⌘+Enter) confirms from the text, Escape cancels, and either way the focus goes
 * back to the control that opened it.
 */
export function ReasonDialog({ title, confirmLabel, placeholder, onConfirm, onCancel }: ReasonDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  useFocusReturn();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const confirm = () => {
    if (reason.trim() !== '') onConfirm(reason.trim());
  };
  return (
    <dialog
      ref={dialog}
      className="reason-dialog"
      onCancel={(event) => {
        // The room closes it, by no longer showing it: the browser's own closing would come too late.
        event.preventDefault();
        onCancel();
      }}
      aria-label={title}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          confirm();
        }}
      >
        <h2>{title}</h2>
        <textarea
          required
          maxLength={1000}
          rows={3}
          value={reason}
          placeholder={placeholder}
          aria-label="Reason"
          aria-keyshortcuts="Control+Enter Meta+Enter"
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              confirm();
            }
          }}
        />
        <p className="dialog-hint">Ctrl+Enter to {confirmLabel.toLowerCase()}, Escape to cancel.</p>
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" disabled={reason.trim() === ''}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
