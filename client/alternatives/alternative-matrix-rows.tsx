import type { ReactNode } from 'react';
import { alternativeRootName } from '../../shared/doc-layout.ts';
import { alternativeLabel } from '../../shared/schemas/alternatives.ts';
import type { ClauseState } from '../../shared/schemas/state.ts';
import { MARK_ICON, positionMark, positionWords } from '../consensus/position-marks.ts';

/**
 * The consensus matrix's rows for a clause's open alternatives, right under the clause's own:
 * "↳ Alt 1 (USA, JPN)" and where each delegation stands on its words. Closed alternatives
 * (withdrawn, retained, not retained) have no row: nothing is decided on them any more.
 */
export function alternativeMatrixRows(
  clause: ClauseState,
  label: string,
  delegations: readonly string[],
  withCommentsColumn = false,
): ReactNode[] {
  return (clause.alternatives ?? [])
    .filter((alternative) => alternative.state === 'open')
    .map((alternative) => {
      const name = `${alternativeLabel(alternative.n)} of ${label}`;
      return (
        <tr key={`${clause.id}/alt/${alternative.n}`} className="alternative-row" data-testid="matrix-alternative-row">
          <th scope="row">
            <span className="row-name">
              <span aria-hidden="true">↳ </span>
              {name}
            </span>
            <span className="excerpt">sponsored by {alternative.sponsors.join(', ')}</span>
          </th>
          {delegations.map((code) => {
            const p = alternative.positions.find((q) => q.delegation === code);
            const mark = positionMark(p);
            const words = `${code}, ${name}: ${positionWords(p)}${p?.reason ? ` (${p.reason})` : ''}`;
            return (
              <td key={code} className={`cell cell-${mark}`} title={words} aria-label={words}>
                {MARK_ICON[mark]}
              </td>
            );
          })}
          <td className="row-total">
            {alternative.endorsedCount}/{delegations.length}
          </td>
          {/* The brackets column: brackets are placed on the clause's own words, not an alternative's. */}
          <td className="row-brackets" aria-label={`${name}: brackets are on the clause's own words`}>
            –
          </td>
          {/* Comments are on the clause: its row counts them. */}
          {withCommentsColumn && (
            <td className="row-comments" aria-label={`${name}: comments are counted on the clause's row`}>
              –
            </td>
          )}
        </tr>
      );
    });
}

/**
 * The matrix CSV's rows for a clause's open alternatives, in the columns of a clause's row: its
 * names, "alternative, sponsored by USA, JPN" for a status, each delegation's position, the
 * endorsements and its words (from `texts`, by the alternative's root name).
 */
export function alternativeCsvRows(
  clause: ClauseState,
  roomLabel: string,
  delegations: readonly string[],
  texts: ReadonlyMap<string, string>,
): string[][] {
  return (clause.alternatives ?? [])
    .filter((alternative) => alternative.state === 'open')
    .map((alternative) => {
      const name = alternativeLabel(alternative.n);
      return [
        `${name} of ${roomLabel}`,
        `${name} of ${clause.label}`,
        `alternative, sponsored by ${alternative.sponsors.join(', ')}`,
        ...delegations.map((code) => {
          const position = alternative.positions.find((p) => p.delegation === code);
          if (position === undefined) return '';
          return `${positionWords(position)}${position.reason ? `: ${position.reason}` : ''}`;
        }),
        `${alternative.endorsedCount}/${delegations.length}`,
        texts.get(alternativeRootName(clause.id, alternative.n)) ?? '',
      ];
    });
}
