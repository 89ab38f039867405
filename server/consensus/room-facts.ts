import { documentClauses, removedClauses } from '../../shared/clause-text-cache.ts';
import { resolveBracketSpan } from '../../shared/consensus/bracket-anchors.ts';
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
  const facts = decisionFactsOf(
    draft,
    documentClauses(room.clauseTexts),
    records,
    now.toISOString(),
    removedClauses(room.doc),
    (clauseId, n) => room.clauseTexts.alternative(clauseId, n),
  );
  // A bracket's ends are checked against the server's own text, never the sender's word for it.
  return { ...facts, bracketSpan: (clauseId, start, end) => resolveBracketSpan(room.doc, clauseId, start, end) };
}
