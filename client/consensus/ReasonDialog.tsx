import { useEffect, useRef, useState } from 'react';

export interface ReasonDialogProps {
  title: string;
  confirmLabel: string;
  placeholder: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** A modal that asks for a reason (1 to 1,000 characters) and cannot be confirmed without one. */
export function ReasonDialog({ title, confirmLabel, placeholder, onConfirm, onCancel }: ReasonDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="reason-dialog" onCancel={onCancel} aria-label={title}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim() !== '') onConfirm(reason.trim());
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
          onChange={(event) => setReason(event.target.value)}
        />
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
