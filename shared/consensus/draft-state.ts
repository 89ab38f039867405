import type { ClauseState, DraftState } from '../schemas/state.ts';
import { alternativeViewsOf } from './alternative-records.ts';
import { clauseConsensus, clauseStatus } from './clause-status.ts';
import type { ClauseDecisionFacts, DecisionFacts } from './decide.ts';
import { type ClauseFacts, isStale } from './positions.ts';

/** One clause's state as `/state` shows it: status, count and staleness derived from the facts. */
export function clauseState(
  clause: ClauseFacts & Pick<ClauseDecisionFacts, 'alternatives'>,
  delegations: readonly string[],
): ClauseState {
  const alternatives = alternativeViewsOf(clause, delegations);
  return {
    id: clause.id,
    kind: clause.kind,
    label: clause.label,
    number: clause.number,
    proposedBy: clause.proposedBy,
    textHash: clause.textHash,
    status: clauseStatus(clause, delegations),
    frozen: clause.frozen,
    endorsedCount: clauseConsensus(clause, delegations).endorsed.length,
    positions: clause.positions.map((p) => ({ ...p, stale: isStale(p, clause) })),
    brackets: [...(clause.brackets ?? [])],
    ...(alternatives === undefined ? {} : { alternatives }),
  };
}

/** The whole draft's state, derived from its facts as of decision `seq`. */
export function draftStateOf(facts: DecisionFacts, seq: number): DraftState {
  return {
    draftId: facts.draft.id,
    seq,
    consensus: facts.draft.consensus,
    delegations: [...facts.draft.delegations],
    clauses: facts.clauses.map((clause) => clauseState(clause, facts.draft.delegations)),
    adoption: facts.adoption,
    silences: [...(facts.silences ?? [])],
    chairStatement: facts.chairStatement ?? null,
  };
}
