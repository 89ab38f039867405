import { describeBracketCount, draftBracketCount } from '../../shared/consensus/bracket-count.ts';
import type { DraftDecisionRecords } from '../../shared/consensus/decision-records.ts';
import { useDraftFacts } from '../consensus/use-draft-facts.ts';
import type { RoomContextValue } from '../room/room-context.tsx';

/** The header's count of open brackets, proposals included: "12 brackets in 7 clauses". */
export function BracketCount({ room, records }: { room: RoomContextValue; records: DraftDecisionRecords | null }) {
  const facts = useDraftFacts(room.draft, room.texts, records, 300);
  if (facts === null) return null;
  const count = draftBracketCount(facts.clauses);
  // On a phone the style sheet keeps it for screen readers only: the cards show the brackets.
  return (
    <span className="bracket-count" data-testid="bracket-count">
      {describeBracketCount(count)}
    </span>
  );
}
