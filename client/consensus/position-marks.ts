import type { Stance } from '../../shared/schemas/decisions.ts';

/** How one delegation's position on one clause is shown: one icon and one set of words, everywhere. */
export type PositionMark = Stance | 'stale' | 'none';

interface ShownPosition {
  stance: Stance;
  stale: boolean;
}

export const MARK_ICON: Record<PositionMark, string> = { endorsed: '✓', reserved: '✗', stale: '↻', none: '·' };

export function positionMark(position: ShownPosition | undefined): PositionMark {
  if (position === undefined) return 'none';
  return position.stale ? 'stale' : position.stance;
}

/** "endorsed", "reserved on an earlier text", "no position"… */
export function positionWords(position: ShownPosition | undefined): string {
  if (position === undefined) return 'no position';
  return position.stale ? `${position.stance} on an earlier text` : position.stance;
}
