import { describeBracketCount, draftBracketCount } from '../../shared/consensus/bracket-count.ts';
import type { DraftDecisionRecords } from '../../shared/consensus/decision-records.ts';
import { useDraftFacts } from '../consensus/use-draft-facts.ts';
import type { RoomContextValue } from '../room/room-context.tsx';

/** The header's count of open brackets, proposals included: "12 brackets in 7 clauses". */
export function BracketCount({ room, records }: { room: RoomContextValue; records: DraftDecisionRecords | null }) {
  const facts = useDraftFacts(room.draft, room.texts, records, 300);
  if (facts === null) return null;
  const count = draftBracketCount(facts.clauses);
  // On a phone the header shows "[12]" and keeps the sentence for screen readers.
  return (
    <span className="bracket-count" title={describeBracketCount(count)}>
      <span className="bracket-count-short" aria-hidden="true">
        [{count.brackets}]
      </span>
      <span className="bracket-count-words" data-testid="bracket-count">
        {describeBracketCount(count)}
      </span>
    </span>
  );
}
