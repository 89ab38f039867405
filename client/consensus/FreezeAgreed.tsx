import { useState } from 'react';
import { type DecisionFacts, decide } from '../../shared/consensus/decide.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import type { DraftState } from '../../shared/schemas/state.ts';
import { sendCommand } from '../api/consensus.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { describeRefusal } from './ClauseDecisions.tsx';

export interface FreezeAgreedProps {
  draftId: string;
  facts: DecisionFacts;
  state: DraftState;
  actor: Actor;
  /** Clause id → the label the room shows it by. */
  labels: ReadonlyMap<string, string>;
}

/**
 * The agreed clauses the chair may freeze now, each on the words on this screen. A clause agreed
 * ad referendum is left out: the chair may freeze it, but one by one, knowing a capital has still
 * to confirm it.
 */
export function freezableAgreed(facts: DecisionFacts, state: DraftState, actor: Actor) {
  return state.clauses.filter(
    (clause) =>
      clause.status === 'agreed' &&
      decide(facts, actor, { type: 'freeze', clauseId: clause.id, textHash: clause.textHash }).ok,
  );
}

/**
 * The chair's "Freeze agreed (5)…": one action for every clause each delegation endorsed, after
 * a confirmation that lists them. Each is frozen by its own command on the words the chair sees
 * (so each is in the audit log, and one whose text changed meanwhile is refused alone); what was
 * not frozen is said with why.
 */
export function FreezeAgreed({ draftId, facts, state, actor, labels }: FreezeAgreedProps) {
  const [asking, setAsking] = useState<Array<{ id: string; textHash: string }> | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const agreed = freezableAgreed(facts, state, actor);
  const labelOf = (id: string) => labels.get(id) ?? 'a clause';

  const freezeAll = async (clauses: Array<{ id: string; textHash: string }>) => {
    setBusy(true);
    setOutcome(null);
    const refused: string[] = [];
    for (const clause of clauses) {
      try {
        await sendCommand(draftId, { type: 'freeze', clauseId: clause.id, textHash: clause.textHash });
      } catch (error: unknown) {
        refused.push(`${labelOf(clause.id)}: ${describeRefusal(error)}`);
      }
    }
    setBusy(false);
    const frozen = clauses.length - refused.length;
    setOutcome(
      refused.length === 0
        ? `Froze ${frozen === 1 ? '1 agreed clause' : `${frozen} agreed clauses`}.`
        : `Froze ${frozen} of ${clauses.length}. Not frozen: ${refused.join('; ')}`,
    );
  };

  if (agreed.length === 0 && outcome === null) return null;
  return (
    <>
      {agreed.length > 0 && (
        <button
          type="button"
          className="freeze-agreed"
          aria-disabled={busy}
          onClick={() => {
            if (!busy) setAsking(agreed.map(({ id, textHash }) => ({ id, textHash })));
          }}
        >
          Freeze agreed ({agreed.length})…
        </button>
      )}
      <span className="freeze-agreed-outcome" role="status" data-testid="freeze-agreed-outcome">
        {outcome}
      </span>
      {asking !== null && (
        <ConfirmDialog
          title={`Freeze ${asking.length === 1 ? 'the agreed clause' : `all ${asking.length} agreed clauses`}?`}
          confirmLabel={`Freeze ${asking.length}`}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            const clauses = asking;
            setAsking(null);
            void freezeAll(clauses);
          }}
        >
          <p>Every delegation endorsed the current words of these clauses. Frozen, they can no longer change.</p>
          <ul data-testid="freeze-agreed-list">
            {asking.map(({ id }) => (
              <li key={id}>{labelOf(id)}</li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
    </>
  );
}
