import type { ReservationKind } from '../schemas/decisions.ts';
import type { ClauseStatus } from '../schemas/state.ts';
import { type UnconfirmedAdReferendum, unconfirmedAdReferendum } from './ad-referendum.ts';
import { isCleanText } from './bracket-count.ts';
import { type ClauseFacts, isStale } from './positions.ts';

/** Where each required delegation stands on a clause's current text. */
export interface ClauseConsensus {
  /** Plainly or ad referendum: both count toward agreement. */
  endorsed: string[];
  /** Of the endorsements, those agreed ad referendum and not yet confirmed. */
  adReferendum: UnconfirmedAdReferendum[];
  reserved: Array<{ delegation: string; reason: string; kind: ReservationKind }>;
  /** Required delegations with no position on the current text (none, or a stale one). */
  missing: string[];
  /** Delegations whose latest position was taken on an earlier text. */
  stale: string[];
}

/** Only positions on the current text count; a stale one is as good as none. */
export function clauseConsensus(clause: ClauseFacts, requiredDelegations: readonly string[]): ClauseConsensus {
  const endorsed: string[] = [];
  const reserved: ClauseConsensus['reserved'] = [];
  const stale: string[] = [];
  const current = new Set<string>();
  for (const position of clause.positions) {
    if (isStale(position, clause)) {
      stale.push(position.delegation);
      continue;
    }
    current.add(position.delegation);
    if (position.stance === 'endorsed') endorsed.push(position.delegation);
    else {
      const kind = position.reservationKind ?? 'substantive';
      reserved.push({ delegation: position.delegation, reason: position.reason ?? '', kind });
    }
  }
  const missing = requiredDelegations.filter((delegation) => !current.has(delegation));
  return { endorsed, adReferendum: unconfirmedAdReferendum(clause), reserved, missing, stale };
}

/**
 * A clause's status, derived and never stored: `frozen` > `agreed` (every required delegation
 * endorsed the current text, and nobody holds a current reservation) > `agreed-ad-ref` (as agreed,
 * but some endorsement was agreed ad referendum and is not yet confirmed) > `reserved` (a current
 * reservation) > `open`. A clause with an open bracket, or a delegation's proposal, is not clean
 * text and so never `agreed` (nor `agreed-ad-ref`), however many endorsed it.
 */
export function clauseStatus(clause: ClauseFacts, requiredDelegations: readonly string[]): ClauseStatus {
  if (clause.frozen !== null) return 'frozen';
  const consensus = clauseConsensus(clause, requiredDelegations);
  if (consensus.reserved.length > 0) return 'reserved';
  const endorsed = new Set(consensus.endorsed);
  if (!isCleanText(clause)) return 'open';
  if (requiredDelegations.length > 0 && requiredDelegations.every((d) => endorsed.has(d))) {
    return consensus.adReferendum.length > 0 ? 'agreed-ad-ref' : 'agreed';
  }
  return 'open';
}
