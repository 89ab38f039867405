import { type ReactNode, useEffect, useRef } from 'react';
import { useFocusReturn } from './use-focus-return.ts';

export interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  children: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal that asks the person to confirm an action it describes. The safe choice (Cancel) has
 * the focus first, so that Enter pressed out of habit does not confirm; Escape cancels, and
 * either way the focus goes back to the control that opened it.
 */
export function ConfirmDialog({ title, confirmLabel, children, onConfirm, onCancel }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useFocusReturn();
  useEffect(() => {
    dialog.current?.showModal();
    cancel.current?.focus();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="reason-dialog confirm-dialog"
      aria-label={title}
      onCancel={(event) => {
        // The owner closes it, by no longer showing it.
        event.preventDefault();
        onCancel();
      }}
    >
      <h2>{title}</h2>
      <div className="confirm-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" ref={cancel} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
