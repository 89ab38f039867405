import { useState } from 'react';
import { unconfirmedAdReferendum } from '../../shared/consensus/ad-referendum.ts';
import { canTakeStance, type DecisionFacts } from '../../shared/consensus/decide.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import { sendCommand } from '../api/consensus.ts';
import { describeRefusal } from './ClauseDecisions.tsx';

export interface AdReferendumToConfirmProps {
  facts: DecisionFacts;
  actor: Actor;
  /** Clause id → the label the room shows it by. */
  labels: ReadonlyMap<string, string>;
}

/**
 * Beside the matrix, for a delegation: the clauses it agreed ad referendum and has not yet
 * confirmed, each with its Confirm (a plain endorsement of the same words, as on the clause's
 * card), so that once the capital's answer comes every confirmation is in one place.
 */
export function AdReferendumToConfirm({ facts, actor, labels }: AdReferendumToConfirmProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const mine = facts.clauses.flatMap((clause) => {
    const own = unconfirmedAdReferendum(clause).find((a) => a.delegation === actor.delegation);
    return own === undefined ? [] : [{ clause, expectedBy: own.expectedBy }];
  });
  if (actor.role !== 'delegation' || mine.length === 0) return null;

  const confirm = async (clauseId: string, textHash: string) => {
    setBusy(clauseId);
    setMessage(null);
    try {
      await sendCommand(facts.draft.id, { type: 'position', clauseId, stance: 'endorsed', textHash });
    } catch (error: unknown) {
      setMessage(describeRefusal(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="matrix-ad-ref" aria-label="Your agreements ad referendum" data-testid="ad-ref-to-confirm">
      <h2>Agreed ad referendum, awaiting your capital</h2>
      <p>Confirm each once your capital agrees: until then the text cannot be adopted.</p>
      <ul>
        {mine.map(({ clause, expectedBy }) => {
          const label = labels.get(clause.id) ?? clause.label;
          const may = canTakeStance(facts, actor, clause.id, 'endorsed');
          return (
            <li key={clause.id}>
              <strong>{label}</strong>
              {expectedBy === null ? '' : `, confirmation expected by ${expectedBy}`}{' '}
              {may && (
                <button
                  type="button"
                  aria-label={`Confirm ${label}`}
                  aria-disabled={busy !== null}
                  onClick={() => busy === null && void confirm(clause.id, clause.textHash)}
                >
                  Confirm
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {message !== null && (
        <p className="refusal" role="alert">
          {message}
        </p>
      )}
    </section>
  );
}
