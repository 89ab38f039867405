import { useEffect, useId, useRef, useState } from 'react';
import { useFocusReturn } from '../ui/use-focus-return.ts';

export interface AdReferendumDialogProps {
  /** How the clause is named: "Operative 3". */
  label: string;
  /** Today in the person's own calendar (YYYY-MM-DD): the earliest date of confirmation offered. */
  today: string;
  /** `expectedBy` is undefined when the delegation names no date. */
  onConfirm: (expectedBy: string | undefined) => void;
  onCancel: () => void;
}

/**
 * Agree a clause ad referendum: subject to the capital's confirmation, by a date the delegation
 * may name. Says what it means in plain words, since a delegate under time pressure must know
 * that the text then waits for them before it can be adopted.
 */
export function AdReferendumDialog({ label, today, onConfirm, onCancel }: AdReferendumDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [date, setDate] = useState('');
  const explanation = useId();
  useFocusReturn();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const tooEarly = date !== '' && date < today;
  return (
    <dialog
      ref={dialog}
      className="reason-dialog"
      aria-label={`Agree ${label} ad referendum`}
      aria-describedby={explanation}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (!tooEarly) onConfirm(date === '' ? undefined : date);
        }}
      >
        <h2>Agree {label} ad referendum</h2>
        <p id={explanation}>
          You accept these words subject to confirmation by your capital. Your agreement counts, and the chair may
          freeze the clause, but the text cannot be adopted until you confirm (the <strong>Confirm</strong> button, once
          your capital agrees) or withdraw. If the words change, you agree again.
        </p>
        <label className="date-field">
          Expected confirmation by (optional){' '}
          <input
            type="date"
            min={today}
            value={date}
            aria-invalid={tooEarly}
            onChange={(event) => setDate(event.target.value)}
          />
        </label>
        {tooEarly && (
          <p className="refusal" role="alert">
            That day has passed: give a day from today on, or none.
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" disabled={tooEarly}>
            Agree ad ref
          </button>
        </div>
      </form>
    </dialog>
  );
}
