import type { AdReferendum, ReservationKind, Stance } from '../../shared/schemas/decisions.ts';
import { MARK_ICON, positionMark, positionTag, positionWords } from './position-marks.ts';

interface ChipPosition {
  delegation: string;
  stance: Stance;
  reason: string | null;
  stale: boolean;
  adReferendum?: AdReferendum | undefined;
  reservationKind?: ReservationKind | undefined;
}

/** Every delegation's position on one clause, compactly: an icon and the code, words on hover and focus. */
export function PositionChips(props: { label: string; delegations: readonly string[]; positions: ChipPosition[] }) {
  const { label, delegations, positions } = props;
  return (
    <ul className="positions" aria-label={`Positions on ${label}`}>
      {delegations.map((code) => {
        const p = positions.find((q) => q.delegation === code);
        const mark = positionMark(p);
        const title = `${code}: ${positionWords(p)}${p?.reason ? ` — ${p.reason}` : ''}`;
        const tag = positionTag(p);
        return (
          <li
            key={code}
            className={`chip chip-${mark}`}
            title={title}
            aria-label={title}
            data-testid={`position-${code}`}
          >
            {MARK_ICON[mark]} {code}
            {tag !== null && <span className="chip-tag"> {tag}</span>}
          </li>
        );
      })}
    </ul>
  );
}
