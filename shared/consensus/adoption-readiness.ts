import { delegationName } from '../delegation-names.ts';
import type { ConsensusRule } from '../schemas/draft.ts';
import { bracketHolders, openBrackets } from './bracket-count.ts';
import { clauseConsensus } from './clause-status.ts';
import type { ClauseFacts } from './positions.ts';
import { reservationFootnote } from './reservation-footnote.ts';

/** One thing that stands between the room and an adopted text. */
export type AdoptionBlocker =
  | { reason: 'already_adopted' }
  | { reason: 'no_clauses' }
  | { reason: 'not_frozen'; clauseId: string; label: string }
  /** Open brackets keep a clause from being frozen (clean text only): its holders must resolve them. */
  | { reason: 'bracketed'; clauseId: string; label: string; holders: string[] }
  | { reason: 'proposal'; clauseId: string; label: string; proposedBy: string }
  | { reason: 'missing_positions'; clauseId: string; label: string; delegations: string[] }
  | { reason: 'reservation'; clauseId: string; label: string; delegation: string }
  | { reason: 'ad_referendum'; clauseId: string; label: string; delegation: string; expectedBy: string | null }
  | { reason: 'too_many_reservations'; delegations: string[]; allowed: number };

export interface AdoptionReadiness {
  ready: boolean;
  blockers: AdoptionBlocker[];
  /** Under minus-x, one per current reservation, in text order. */
  footnotes: string[];
}

export interface DraftFacts {
  /** In reading order. */
  clauses: readonly ClauseFacts[];
  delegations: readonly string[];
  consensus: ConsensusRule;
  adopted: boolean;
}

/**
 * Whether the draft can be adopted, and if not, every reason why. Adoption needs every clause
 * frozen and every delegation's position on every clause's current text; under `unanimous` no
 * reservation at all, under `minus-x` at most X reserving delegations, each reservation becoming
 * a footnote in the practice's wording for its kind (`reservationFootnote`). An endorsement agreed
 * ad referendum counts, but blocks adoption until its delegation confirms it or withdraws it.
 */
export function adoptionReadiness(draft: DraftFacts): AdoptionReadiness {
  const blockers: AdoptionBlocker[] = [];
  const footnotes: string[] = [];
  if (draft.adopted) blockers.push({ reason: 'already_adopted' });
  if (draft.clauses.length === 0) blockers.push({ reason: 'no_clauses' });
  const reserving = new Set<string>();

  for (const clause of draft.clauses) {
    const { label } = clause;
    if (clause.proposedBy !== null) {
      blockers.push({ reason: 'proposal', clauseId: clause.id, label, proposedBy: clause.proposedBy });
    } else if (clause.frozen === null && openBrackets(clause).length > 0) {
      blockers.push({ reason: 'bracketed', clauseId: clause.id, label, holders: bracketHolders(clause) });
    } else if (clause.frozen === null) {
      blockers.push({ reason: 'not_frozen', clauseId: clause.id, label });
    }
    const consensus = clauseConsensus(clause, draft.delegations);
    if (consensus.missing.length > 0) {
      blockers.push({ reason: 'missing_positions', clauseId: clause.id, label, delegations: consensus.missing });
    }
    for (const { delegation, expectedBy } of consensus.adReferendum) {
      blockers.push({ reason: 'ad_referendum', clauseId: clause.id, label, delegation, expectedBy });
    }
    for (const { delegation, reason, kind } of consensus.reserved) {
      reserving.add(delegation);
      if (draft.consensus.rule === 'unanimous') {
        blockers.push({ reason: 'reservation', clauseId: clause.id, label, delegation });
      } else {
        footnotes.push(reservationFootnote({ delegation, label, kind, reason }));
      }
    }
  }

  if (draft.consensus.rule === 'minus-x' && reserving.size > draft.consensus.x) {
    blockers.push({ reason: 'too_many_reservations', delegations: [...reserving].sort(), allowed: draft.consensus.x });
  }
  return { ready: blockers.length === 0, blockers, footnotes };
}

/** A blocker as a chair reads it: what stands in the way. */
export function describeBlocker(blocker: AdoptionBlocker): string {
  switch (blocker.reason) {
    case 'already_adopted':
      return 'The draft is already adopted.';
    case 'no_clauses':
      return 'The draft has no clauses.';
    case 'not_frozen':
      return `Freeze ${blocker.label} first.`;
    case 'bracketed':
      return `${capitalised(blocker.label)} has open brackets (held by ${blocker.holders.join(', ')}).`;
    case 'proposal':
      return `${capitalised(blocker.label)} is still ${blocker.proposedBy}'s proposal.`;
    case 'missing_positions':
      return `${blocker.delegations.join(', ')} ${blocker.delegations.length === 1 ? 'has' : 'have'} no position on the current text of ${blocker.label}.`;
    case 'reservation':
      return `${blocker.delegation} reserves its position on ${blocker.label}; unanimity needs it withdrawn or the text changed.`;
    case 'ad_referendum':
      return `${capitalised(delegationName(blocker.delegation))} agreed ${blocker.label} ad referendum and has not confirmed${blocker.expectedBy === null ? '' : ` (expected by ${blocker.expectedBy})`}.`;
    case 'too_many_reservations':
      return `${blocker.delegations.length} delegations (${blocker.delegations.join(', ')}) hold reservations; the rule allows at most ${blocker.allowed}.`;
  }
}

/** What the chair can do about a blocker, said in the adoption dialog beside it. */
export function blockerRemedy(blocker: AdoptionBlocker): string {
  switch (blocker.reason) {
    case 'already_adopted':
      return 'Nothing is left to do.';
    case 'no_clauses':
      return 'Add the text first.';
    case 'not_frozen':
      return 'Freeze it once its text is agreed; if it is not, hear the delegations that have not endorsed it.';
    case 'bracketed':
      return 'Hear the holders: once they agree on words they lift their brackets (or you lift them), then freeze it.';
    case 'proposal':
      return `Take it into the text if the room accepts it; otherwise ${blocker.proposedBy} withdraws it, or you delete it.`;
    case 'missing_positions':
      return `Ask ${blocker.delegations.length === 1 ? 'it' : 'them'} to take a position: a delegation can still endorse a frozen clause's text without re-opening it.`;
    case 'reservation':
      return `${blocker.delegation} can lift its reservation even on a frozen clause; otherwise re-open the clause to find other words, or adopt under a minus-X rule if the meeting uses one.`;
    case 'ad_referendum':
      return `${blocker.delegation} confirms by endorsing the text plainly once its capital agrees (possible on a frozen clause); if its capital does not, it withdraws and you re-open the clause.`;
    case 'too_many_reservations':
      return `Ask some of them to lift their reservations (possible on frozen clauses), or re-open the clauses to find other words.`;
  }
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
