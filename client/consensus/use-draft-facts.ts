import { type ClauseTextCache, documentClauses } from '../../shared/clause-text-cache.ts';
import type { DecisionFacts } from '../../shared/consensus/decide.ts';
import { type DraftDecisionRecords, decisionFactsOf } from '../../shared/consensus/decision-records.ts';
import type { DraftSummary } from '../../shared/schemas/draft.ts';
import { useDocVersion } from './use-doc-version.ts';

/**
 * The facts the server decides on, as this screen holds them: the text on screen and the decisions
 * pushed to it. The client's predicates (`canAdopt`, …) are asked with these, so that it offers
 * exactly what the server would accept.
 */
export function useDraftFacts(
  draft: DraftSummary,
  texts: ClauseTextCache,
  records: DraftDecisionRecords | null,
  /** At most one derivation in this time while the doc changes; 0: once a frame. */
  everyMs = 0,
): DecisionFacts | null {
  // Re-rendered (and so derived again) at most once a frame, or once in `everyMs`, while the doc changes.
  useDocVersion(texts.doc, everyMs);
  return records === null ? null : draftFacts(draft, texts, records);
}

/** The facts of the whole draft now. */
export function draftFacts(draft: DraftSummary, texts: ClauseTextCache, records: DraftDecisionRecords): DecisionFacts {
  return decisionFactsOf(draft, documentClauses(texts), records, new Date().toISOString(), [], (clauseId, n) =>
    texts.alternative(clauseId, n),
  );
}
