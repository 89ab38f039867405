import { useEffect, useRef, useState } from 'react';
import { adoptionReadiness, describeBlocker } from '../../shared/consensus/adoption-readiness.ts';
import { canAdopt, type DecisionFacts } from '../../shared/consensus/decide.ts';
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
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
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
              <li key={JSON.stringify(blocker)}>{describeBlocker(blocker)}</li>
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
        Date <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      {message !== null && (
        <p className="refusal" role="alert">
          {message}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" disabled={busy || !allowed || place.trim() === '' || date === ''} onClick={adopt}>
          Adopt
        </button>
      </div>
    </dialog>
  );
}
