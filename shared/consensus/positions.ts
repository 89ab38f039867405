import type { ClauseKind } from '../schemas/draft.ts';

export type Stance = 'endorsed' | 'reserved';

/** A delegation's standing position on a clause, taken on the text whose hash it carries. */
export interface Position {
  delegation: string;
  stance: Stance;
  /** Required for a reservation, null for an endorsement. */
  reason: string | null;
  textHash: string;
}

/** What the rules need to know of a clause. */
export interface ClauseFacts {
  id: string;
  kind: ClauseKind;
  /** The hash of the clause's current text. */
  textHash: string;
  frozen: boolean;
  /** At most one per delegation: its latest. */
  positions: readonly Position[];
}

/** A position is stale when it was taken on another text than the clause's current one. */
export function isStale(position: Position, clause: Pick<ClauseFacts, 'textHash'>): boolean {
  return position.textHash !== clause.textHash;
}
