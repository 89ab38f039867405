import type { ClauseTextCache } from '../../shared/clause-text-cache.ts';
import { alternativeFactsOf } from '../../shared/consensus/alternative-records.ts';
import type { DecisionFacts } from '../../shared/consensus/decide.ts';
import type { ClauseDecisionRecord } from '../../shared/consensus/decision-records.ts';
import type { AdoptionMark } from '../../shared/schemas/decisions.ts';
import type { ClauseKind, DraftSummary } from '../../shared/schemas/draft.ts';

/** What a clause card knows of its clause: enough for the rules of its alternatives. */
export interface AlternativeClauseView {
  id: string;
  kind: ClauseKind;
  /** "paragraph 5", as footnotes cite it, and its number. */
  label: string;
  number: string | null;
  proposedBy: string | null;
}

/**
 * The facts one clause's alternatives are judged on, from the words on this screen (which may be
 * ahead of the server's) and the decisions pushed to it: the same rules the server applies.
 */
export function alternativeClauseFacts(
  draft: DraftSummary,
  texts: ClauseTextCache,
  clause: AlternativeClauseView,
  record: ClauseDecisionRecord,
  adoption: AdoptionMark | null,
): DecisionFacts {
  const { text, runs, hash } = texts.get(clause.id);
  const alternatives = alternativeFactsOf(clause.id, record, (clauseId, n) => texts.alternative(clauseId, n));
  const { alternatives: _records, ...decided } = record;
  return {
    draft,
    adoption,
    clauses: [
      { ...clause, text, runs, textHash: hash, ...decided, ...(alternatives === undefined ? {} : { alternatives }) },
    ],
    removed: [],
    now: new Date().toISOString(),
  };
}
