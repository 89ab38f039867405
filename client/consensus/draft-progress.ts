import { type AdoptionBlocker, adoptionReadiness } from '../../shared/consensus/adoption-readiness.ts';
import type { DraftState } from '../../shared/schemas/state.ts';

/**
 * What still stands between a clause and adoption, by who can do something about it:
 * `blocking` needs the delegations (positions missing on its current text, a reservation the
 * rule does not allow, or an endorsement agreed ad referendum not yet confirmed), `to-freeze` needs only the chair's freeze, `done` needs nothing.
 */
export type ClauseStanding = 'blocking' | 'to-freeze' | 'done';

export interface DraftProgress {
  total: number;
  /** Clauses every delegation endorsed in their current words, frozen or not. */
  agreed: number;
  frozen: number;
  /** Clause id → its standing, for every clause. */
  standing: ReadonlyMap<string, ClauseStanding>;
  /** Clause ids in reading order. */
  blocking: string[];
  /** The blocking clauses held by a reservation the rule does not allow (the rest await positions). */
  reserved: string[];
  /** The blocking clauses with an endorsement agreed ad referendum that awaits its capital's confirmation. */
  adReferendum: string[];
  toFreeze: string[];
  /** What blocks adoption beyond single clauses: too many reserving delegations, no clauses. */
  draftBlockers: AdoptionBlocker[];
  ready: boolean;
  adopted: boolean;
}

/**
 * The draft's progress by the rules of adoption (`adoptionReadiness`), so that every count the
 * room shows is what the adoption would say: a clause counts as blocking only for what the
 * delegations still have to do, and one that waits only for the chair's freeze is counted apart.
 * Under minus-x, once more delegations reserve than the rule allows, each clause holding one of
 * those reservations blocks too.
 */
export function draftProgress(state: DraftState): DraftProgress {
  const readiness = adoptionReadiness({
    clauses: state.clauses,
    delegations: state.delegations,
    consensus: state.consensus,
    adopted: state.adoption !== null,
  });
  const byClause = new Map<string, Set<AdoptionBlocker['reason']>>();
  const draftBlockers: AdoptionBlocker[] = [];
  for (const blocker of readiness.blockers) {
    if ('clauseId' in blocker) {
      const reasons = byClause.get(blocker.clauseId) ?? new Set();
      reasons.add(blocker.reason);
      byClause.set(blocker.clauseId, reasons);
    } else if (blocker.reason !== 'already_adopted') {
      draftBlockers.push(blocker);
    }
  }
  const tooMany = new Set(draftBlockers.flatMap((b) => (b.reason === 'too_many_reservations' ? b.delegations : [])));

  const standing = new Map<string, ClauseStanding>();
  const blocking: string[] = [];
  const reserved: string[] = [];
  const adReferendum: string[] = [];
  const toFreeze: string[] = [];
  for (const clause of state.clauses) {
    const reasons = byClause.get(clause.id) ?? new Set();
    const holdsExcessReservation = clause.positions.some(
      (p) => !p.stale && p.stance === 'reserved' && tooMany.has(p.delegation),
    );
    let clauseStanding: ClauseStanding = 'done';
    const bracketed = reasons.has('bracketed');
    const awaitsCapital = reasons.has('ad_referendum');
    if (
      reasons.has('missing_positions') ||
      reasons.has('reservation') ||
      holdsExcessReservation ||
      awaitsCapital ||
      bracketed
    ) {
      clauseStanding = 'blocking';
      blocking.push(clause.id);
      if (reasons.has('reservation') || holdsExcessReservation) reserved.push(clause.id);
      if (awaitsCapital) adReferendum.push(clause.id);
    } else if (reasons.has('not_frozen')) {
      clauseStanding = 'to-freeze';
      toFreeze.push(clause.id);
    }
    standing.set(clause.id, clauseStanding);
  }
  return {
    total: state.clauses.length,
    agreed: state.clauses.filter(
      (c) =>
        c.status === 'agreed' ||
        c.status === 'agreed-ad-ref' ||
        (c.status === 'frozen' && c.endorsedCount === state.delegations.length && state.delegations.length > 0),
    ).length,
    frozen: state.clauses.filter((c) => c.frozen !== null).length,
    standing,
    blocking,
    reserved,
    adReferendum,
    toFreeze,
    draftBlockers,
    ready: readiness.ready,
    adopted: state.adoption !== null,
  };
}

/** "1 clause", "3 clauses". */
export function clauses(n: number): string {
  return n === 1 ? '1 clause' : `${n} clauses`;
}

/** A draft-wide blocker as the room says it. */
export function describeDraftBlocker(blocker: AdoptionBlocker): string {
  if (blocker.reason === 'too_many_reservations') {
    const n = blocker.delegations.length;
    return `Adoption is blocked: ${n} delegations (${blocker.delegations.join(', ')}) hold reservations; the rule allows at most ${blocker.allowed}.`;
  }
  if (blocker.reason === 'no_clauses') return 'Adoption is blocked: the draft has no clauses.';
  return 'Adoption is blocked.';
}
