import type { BracketRecord } from '../schemas/brackets.ts';
import type { FrozenRecord, PositionRecord } from '../schemas/decisions.ts';
import type { ClauseKind } from '../schemas/draft.ts';

/** What the rules need to know of a clause. */
export interface ClauseFacts {
  id: string;
  kind: ClauseKind;
  /** The hash of the clause's current text. */
  textHash: string;
  /** How footnotes and messages refer to it now: "paragraph 5", "paragraph 5 bis", "the chapeau". */
  label: string;
  /**
   * The number a footnote would cite ("paragraph 5"), or null for a clause named rather than
   * numbered: a position records it, and is stale once the clause is renumbered.
   */
  number: string | null;
  /** The delegation whose proposal the clause is, until the chair takes it into the text. */
  proposedBy: string | null;
  /** Set while the chair keeps the clause frozen. */
  frozen: FrozenRecord | null;
  /** At most one per delegation: its latest. */
  positions: readonly PositionRecord[];
  /** Every bracket placed on it, lifted ones too (see `openBrackets`); absent: none. */
  brackets?: readonly BracketRecord[];
}

/**
 * A position is stale when it was taken on another text than the clause's current one, or at
 * another number: moving or deleting clauses renumbers the ones after, and what a delegation
 * agreed to is the words at their place (an adoption footnote cites "paragraph 5"). Positions
 * recorded before numbers were kept carry none and are judged by their text alone.
 */
export function isStale(
  position: Pick<PositionRecord, 'textHash' | 'number'>,
  clause: Pick<ClauseFacts, 'textHash' | 'number'>,
): boolean {
  if (position.textHash !== clause.textHash) return true;
  return position.number !== undefined && position.number !== clause.number;
}

/** Why a stale position is stale, for the person who took it. */
export function staleBecause(
  position: Pick<PositionRecord, 'textHash' | 'number'>,
  clause: Pick<ClauseFacts, 'textHash' | 'number'>,
): 'text' | 'number' | null {
  if (position.textHash !== clause.textHash) return 'text';
  if (position.number !== undefined && position.number !== clause.number) return 'number';
  return null;
}
