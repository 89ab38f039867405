import type { FrozenRecord, PositionRecord } from '../schemas/decisions.ts';
import type { ClauseKind } from '../schemas/draft.ts';

/** What the rules need to know of a clause. */
export interface ClauseFacts {
  id: string;
  kind: ClauseKind;
  /** The hash of the clause's current text. */
  textHash: string;
  /** Set while the chair keeps the clause frozen. */
  frozen: FrozenRecord | null;
  /** At most one per delegation: its latest. */
  positions: readonly PositionRecord[];
}

/** A position is stale when it was taken on another text than the clause's current one. */
export function isStale(position: Pick<PositionRecord, 'textHash'>, clause: Pick<ClauseFacts, 'textHash'>): boolean {
  return position.textHash !== clause.textHash;
}
