import { RESERVATION_KIND_WORDS } from '../../shared/consensus/reservation-footnote.ts';
import type { AdReferendum, ReservationKind, Stance } from '../../shared/schemas/decisions.ts';

/** How one delegation's position on one clause is shown: one icon and one set of words, everywhere. */
export type PositionMark = Stance | 'stale' | 'none';

interface ShownPosition {
  stance: Stance;
  stale: boolean;
  adReferendum?: AdReferendum | undefined;
  reservationKind?: ReservationKind | undefined;
}

export const MARK_ICON: Record<PositionMark, string> = { endorsed: '✓', reserved: '✗', stale: '↻', none: '·' };

export function positionMark(position: ShownPosition | undefined): PositionMark {
  if (position === undefined) return 'none';
  return position.stale ? 'stale' : position.stance;
}

/**
 * The few words printed beside the icon, so that no qualifier is told by colour alone: "ad ref"
 * for an endorsement agreed ad referendum, the kind of a reservation other than substantive.
 */
export function positionTag(position: ShownPosition | undefined): string | null {
  if (position === undefined) return null;
  if (position.stance === 'endorsed') return position.adReferendum === undefined ? null : 'ad ref';
  const kind = position.reservationKind ?? 'substantive';
  return kind === 'substantive' ? null : kind;
}

/** "endorsed", "endorsed ad referendum (confirmation expected by 2026-12-10)", "reserved on an earlier text"… */
export function positionWords(position: ShownPosition | undefined): string {
  if (position === undefined) return 'no position';
  const words = `${position.stance}${qualifierWords(position)}`;
  return position.stale ? `${words} on an earlier text` : words;
}

function qualifierWords(position: ShownPosition): string {
  if (position.stance === 'endorsed') {
    const adRef = position.adReferendum;
    if (adRef === undefined) return '';
    return adRef.expectedBy === null
      ? ' ad referendum (not yet confirmed)'
      : ` ad referendum (confirmation expected by ${adRef.expectedBy})`;
  }
  const kind = position.reservationKind ?? 'substantive';
  return kind === 'substantive' ? '' : ` (${RESERVATION_KIND_WORDS[kind]} reservation)`;
}
