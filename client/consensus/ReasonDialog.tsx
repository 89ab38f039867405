import { useEffect, useId, useRef, useState } from 'react';
import { reasonRequired } from '../../shared/schemas/commands.ts';
import type { ReservationKind } from '../../shared/schemas/decisions.ts';
import { useFocusReturn } from '../ui/use-focus-return.ts';

export interface ReasonDialogProps {
  title: string;
  confirmLabel: string;
  placeholder: string;
  /** Offer the kinds of reservation (substantive by default); the reason is then optional where the kind says it. */
  withKinds?: boolean;
  /** `reason` is '' only for a kind that needs none. */
  onConfirm: (reason: string, kind: ReservationKind) => void;
  onCancel: () => void;
}

/** The kinds of reservation as a delegate picks one, with what each means. */
// The hints avoid the word "reason": the text field is the dialog's one control labelled so.
const KINDS: Array<{ kind: ReservationKind; name: string; hint: string }> = [
  { kind: 'substantive', name: 'Substantive', hint: 'you cannot accept these words; the footnote says why' },
  {
    kind: 'scrutiny',
    name: 'Parliamentary scrutiny',
    hint: 'your parliament must still approve; its kind says it all',
  },
  {
    kind: 'linguistic',
    name: 'Linguistic',
    hint: 'the text in your language is still to be checked; its kind says it all',
  },
  { kind: 'general', name: 'General', hint: 'you reserve on the matter as a whole; the footnote says why' },
];

/**
 * A modal that asks for a reason (1 to 1,000 characters) and cannot be confirmed without one,
 * unless it offers the kinds of reservation and the kind chosen needs none (scrutiny, linguistic).
 * Ctrl+Enter (⌘+Enter) confirms from the text, Escape cancels, and either way the focus goes
 * back to the control that opened it.
 */
export function ReasonDialog(props: ReasonDialogProps) {
  const { title, confirmLabel, placeholder, withKinds = false, onConfirm, onCancel } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [kind, setKind] = useState<ReservationKind>('substantive');
  const kindName = useId();
  useFocusReturn();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const needsReason = !withKinds || reasonRequired(kind);
  const ready = !needsReason || reason.trim() !== '';
  const confirm = () => {
    if (ready) onConfirm(reason.trim(), kind);
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
          required={needsReason}
          maxLength={1000}
          rows={3}
          value={reason}
          placeholder={placeholder}
          aria-label={needsReason ? 'Reason' : 'Reason (optional)'}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              confirm();
            }
          }}
        />
        {/* After the reason, which has the focus when the dialog opens: type, then Ctrl+Enter. */}
        {withKinds && (
          <fieldset className="reservation-kinds">
            <legend>Kind of reservation</legend>
            {KINDS.map((k) => (
              <label key={k.kind}>
                <input
                  type="radio"
                  name={kindName}
                  value={k.kind}
                  checked={kind === k.kind}
                  onChange={() => setKind(k.kind)}
                />{' '}
                <strong>{k.name}</strong>: {k.hint}
              </label>
            ))}
          </fieldset>
        )}
        <p className="dialog-hint">Ctrl+Enter to {confirmLabel.toLowerCase()}, Escape to cancel.</p>
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" disabled={!ready}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
