import { useState } from 'react';
import { canProposeAlternative } from '../../shared/consensus/alternative-predicates.ts';
import type { ClauseDecisionRecord } from '../../shared/consensus/decision-records.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import { sendCommand } from '../api/consensus.ts';
import { describeRefusal } from '../consensus/ClauseDecisions.tsx';
import { useRoom } from '../room/room-context.tsx';
import { AlternativeItem } from './AlternativeItem.tsx';
import { type AlternativeClauseView, alternativeClauseFacts } from './alternative-facts.ts';

export interface ClauseAlternativesProps {
  clause: AlternativeClauseView;
  /** How the room names the clause ("OP 3"). */
  cardLabel: string;
  /** What the server decided on the clause; undefined until the decisions have loaded. */
  record: ClauseDecisionRecord | undefined;
}

/**
 * A clause's alternative formulations, under its card: each open one co-edited live, the closed
 * ones kept read-only, and for a delegation the button that proposes a new one, starting from the
 * clause's current words.
 */
export function ClauseAlternatives({ clause, cardLabel, record }: ClauseAlternativesProps) {
  const room = useRoom();
  const { draft, adoption } = room;
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (record === undefined) return null;
  const alternatives = record.alternatives ?? [];
  const actor: Actor = { session: '', role: draft.you.role, delegation: draft.you.delegation };
  const mayPropose = canProposeAlternative(
    alternativeClauseFacts(draft, room.texts, clause, record, adoption),
    actor,
    clause.id,
  );
  if (alternatives.length === 0 && !mayPropose) return null;

  const propose = async () => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      await sendCommand(draft.id, { type: 'propose-alternative', clauseId: clause.id, copyText: true });
    } catch (error: unknown) {
      setMessage(describeRefusal(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="alternatives" aria-label={`Alternatives to ${cardLabel}`} data-testid="alternatives">
      {alternatives.length > 0 && (
        <ul className="alternative-list">
          {alternatives.map((alternative) => (
            <AlternativeItem
              key={alternative.n}
              clause={clause}
              cardLabel={cardLabel}
              alternative={alternative}
              record={record}
            />
          ))}
        </ul>
      )}
      {mayPropose && (
        <button type="button" className="propose-alternative" aria-disabled={busy} onClick={() => void propose()}>
          Propose alternative wording
        </button>
      )}
      {message !== null && (
        <p className="refusal" role="alert">
          {message}
        </p>
      )}
    </section>
  );
}
