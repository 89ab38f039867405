import type { ClauseConsensus } from '../../shared/consensus/clause-status.ts';

/** What the chair is told before freezing a clause that not every delegation endorsed. */
export interface FreezeWarning {
  /** Delegations with no position on the current text (none at all, or one on earlier words). */
  noPosition: string[];
  /** Delegations holding a reservation on the current text, with its reason. */
  reserving: Array<{ delegation: string; reason: string }>;
}

/**
 * Null when every delegation endorsed the current text (freezing then needs no confirmation);
 * otherwise who has not. A frozen clause can still be endorsed, and a reservation on it lifted,
 * but its words no longer change: the chair should know whose position is still outstanding.
 */
export function freezeWarning(consensus: ClauseConsensus): FreezeWarning | null {
  if (consensus.missing.length === 0 && consensus.reserved.length === 0) return null;
  return { noPosition: [...consensus.missing], reserving: consensus.reserved.map((r) => ({ ...r })) };
}

/** "MYS", "MYS and PHL", "MYS, PHL and USA". */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
