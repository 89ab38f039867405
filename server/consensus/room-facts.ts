import { documentClauses, removedClauses } from '../../shared/clause-text-cache.ts';
import type { DecisionFacts } from '../../shared/consensus/decide.ts';
import { type DraftDecisionRecords, decisionFactsOf } from '../../shared/consensus/decision-records.ts';
import type { Room } from '../collab/room.ts';
import type { DraftRecord } from '../storage/draft-store.ts';

/** The facts a command on this draft is decided on: its room's text and its stored decisions. */
export function roomDecisionFacts(
  draft: DraftRecord,
  room: Room,
  records: DraftDecisionRecords,
  now: Date,
): DecisionFacts {
  return decisionFactsOf(
    draft,
    documentClauses(room.clauseTexts),
    records,
    now.toISOString(),
    removedClauses(room.doc),
    (clauseId, n) => room.clauseTexts.alternative(clauseId, n),
  );
}
