import { useEffect, useRef, useState } from 'react';
import { adoptionReadiness, blockerRemedy, describeBlocker } from '../../shared/consensus/adoption-readiness.ts';
import { closingLineDate, printedDate } from '../../shared/consensus/closing-date.ts';
import { canAdopt, type DecisionFacts, decide } from '../../shared/consensus/decide.ts';
import { DecisionErrorCode } from '../../shared/consensus/decision-error.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import { sendCommand } from '../api/consensus.ts';
import { ApiError } from '../api/fetch-json.ts';

export interface AdoptDialogProps {
  /** The draft as this screen holds it: its text and the decisions pushed to it. */
  facts: DecisionFacts;
  actor: Actor;
  onClose: () => void;
}

/** The chair's adoption: place and date, and exactly what still blocks it; enabled only when nothing does. */
export function AdoptDialog({ facts, actor, onClose }: AdoptDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [place, setPlace] = useState('');
  // Today where the chair is, not in UTC: a meeting in the evening in Manila is already tomorrow there.
  const [date, setDate] = useState(() => localDate(new Date()));
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const readiness = adoptionReadiness({
    clauses: facts.clauses,
    delegations: facts.draft.delegations,
    consensus: facts.draft.consensus,
    adopted: facts.adoption !== null,
  });
  const allowed = canAdopt(facts, actor);
  // The date is judged by the rules the server applies (not before the draft, not in the future).
  const dated = date === '' ? null : decide(facts, actor, { type: 'adopt', place: place.trim() || 'here', date });
  const dateRefusal =
    dated !== null && !dated.ok && dated.error.code === DecisionErrorCode.invalidDate ? dated.error : null;
  const closing = facts.clauses.findLast((c) => c.kind === 'closing');
  const printed = closing === undefined ? null : closingLineDate(closing.text);
  const created = facts.draft.createdAt.slice(0, 10);

  const adopt = async () => {
    setBusy(true);
    setMessage(null);
    try {
      await sendCommand(facts.draft.id, { type: 'adopt', place: place.trim(), date });
      onClose();
    } catch (error: unknown) {
      setMessage(error instanceof ApiError ? error.message : 'The adoption could not be sent. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="reason-dialog adopt-dialog" aria-label="Adopt the draft" onCancel={onClose}>
      <h2>Adopt the draft</h2>
      {readiness.blockers.length > 0 ? (
        <>
          <p>Adoption is not possible yet:</p>
          <ul data-testid="blockers">
            {readiness.blockers.map((blocker) => (
              <li key={JSON.stringify(blocker)}>
                {describeBlocker(blocker)} <span className="blocker-remedy">{blockerRemedy(blocker)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Nothing blocks adoption. Once adopted, the text is final for every participant.</p>
      )}
      {readiness.footnotes.length > 0 && (
        <p>
          Footnotes: <br />
          {readiness.footnotes.join(' ')}
        </p>
      )}
      <label>
        Place <input value={place} onChange={(e) => setPlace(e.target.value)} placeholder="Kuala Lumpur, Malaysia" />
      </label>
      <label>
        Date{' '}
        <input
          type="date"
          value={date}
          min={created}
          max={localDate(new Date(Date.now() + 86_400_000))}
          aria-describedby="adoption-date-note"
          onChange={(e) => setDate(e.target.value)}
        />
      </label>
      <p id="adoption-date-note" className="field-note" data-testid="adoption-date-note">
        {dateRefusal !== null
          ? dateRefusal.message
          : printed !== null && printed !== date
            ? `The closing line says ${printedDate(printed)}; the record will say ${date === '' ? 'no date' : printedDate(date)}. Correct one of them so they agree.`
            : 'The day the text is adopted, as the record and the closing line give it.'}
      </p>
      {message !== null && (
        <p className="refusal" role="alert">
          {message}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          disabled={busy || !allowed || place.trim() === '' || date === '' || dateRefusal !== null}
          onClick={adopt}
        >
          Adopt
        </button>
      </div>
    </dialog>
  );
}

/** The calendar day of `at` where this browser is, as YYYY-MM-DD. */
function localDate(at: Date): string {
  const month = String(at.getMonth() + 1).padStart(2, '0');
  const day = String(at.getDate()).padStart(2, '0');
  return `${at.getFullYear()}-${month}-${day}`;
}
