import { useState } from 'react';
import { adoptionReadiness } from '../../shared/consensus/adoption-readiness.ts';
import type { DraftState } from '../../shared/schemas/state.ts';
import { MARK_ICON, positionMark, positionWords } from './position-marks.ts';

/**
 * Clauses × delegations: where every delegation stands on every clause, with row totals, a
 * filter for the clauses that block adoption and the overall progress. Icons and words, not
 * colour alone.
 */
export function ConsensusMatrix({
  state,
  roomLabels,
}: {
  state: DraftState;
  /** The names the room's cards use ("Operative 3"), shown beside the formal ones ("paragraph 3"). */
  roomLabels?: ReadonlyMap<string, string>;
}) {
  const [onlyBlocking, setOnlyBlocking] = useState(false);
  const readiness = adoptionReadiness({
    clauses: state.clauses,
    delegations: state.delegations,
    consensus: state.consensus,
    adopted: state.adoption !== null,
  });
  const blocking = new Set(readiness.blockers.flatMap((b) => ('clauseId' in b ? [b.clauseId] : [])));
  const rows = onlyBlocking ? state.clauses.filter((c) => blocking.has(c.id)) : state.clauses;
  const settled = state.clauses.filter((c) => c.status === 'agreed' || c.status === 'frozen').length;
  const frozen = state.clauses.filter((c) => c.frozen !== null).length;

  return (
    <section className="matrix" aria-label="Consensus matrix">
      <div className="matrix-bar">
        <p data-testid="progress">
          {settled} of {state.clauses.length} clauses agreed or frozen; {frozen} frozen.{' '}
          {readiness.ready ? 'Ready for adoption.' : `${blocking.size} clauses block adoption.`}
        </p>
        <label>
          <input type="checkbox" checked={onlyBlocking} onChange={(e) => setOnlyBlocking(e.target.checked)} /> Only
          clauses that block adoption
        </label>
      </div>
      <div className="matrix-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Clause</th>
              {state.delegations.map((code) => (
                <th key={code} scope="col">
                  {code}
                </th>
              ))}
              <th scope="col">Endorsed</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((clause) => (
              <tr key={clause.id} data-testid="matrix-row">
                <th scope="row">
                  {clause.frozen !== null ? 'Frozen · ' : ''}
                  {roomLabels?.get(clause.id) ?? clause.label}
                  {/* The formal name only where it says more: "paragraph 3", not "the chapeau". */}
                  {roomLabels?.has(clause.id) && /\d/.test(clause.label) && (
                    <span className="formal-label"> ({clause.label})</span>
                  )}
                </th>
                {state.delegations.map((code) => {
                  const p = clause.positions.find((q) => q.delegation === code);
                  const mark = positionMark(p);
                  const words = `${code}, ${clause.label}: ${positionWords(p)}${p?.reason ? ` (${p.reason})` : ''}`;
                  return (
                    <td
                      key={code}
                      className={`cell cell-${mark}`}
                      title={words}
                      aria-label={words}
                      tabIndex={mark === 'reserved' ? 0 : -1}
                      // Shown on keyboard focus too (the title only shows on hover): see the style sheet.
                      data-reason={p?.reason ?? undefined}
                    >
                      {MARK_ICON[mark]}
                    </td>
                  );
                })}
                <td className="row-total">
                  {clause.endorsedCount}/{state.delegations.length}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
