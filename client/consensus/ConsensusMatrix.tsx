import { useState } from 'react';
import { adoptionReadiness } from '../../shared/consensus/adoption-readiness.ts';
import type { ClauseFacts } from '../../shared/consensus/positions.ts';
import type { DraftState } from '../../shared/schemas/state.ts';

/** The server's state as the shared rules take it. */
export function clauseFactsOf(state: DraftState): ClauseFacts[] {
  return state.clauses.map((c) => ({
    id: c.id,
    kind: c.kind,
    textHash: c.textHash,
    frozen: c.frozen !== null,
    positions: c.positions.map((p) => ({
      delegation: p.delegation,
      stance: p.stance,
      reason: p.reason,
      textHash: p.textHash,
    })),
  }));
}

const CELL = {
  endorsed: { icon: '✓', text: 'endorsed' },
  stale: { icon: '↻', text: 'endorsed an earlier text' },
  reserved: { icon: '✗', text: 'reserved' },
  none: { icon: '·', text: 'no position' },
} as const;

/**
 * Clauses × delegations: where every delegation stands on every clause, with row totals, a
 * filter for the clauses that block adoption and the overall progress. Icons and words, not
 * colour alone.
 */
export function ConsensusMatrix({ state }: { state: DraftState }) {
  const [onlyBlocking, setOnlyBlocking] = useState(false);
  const readiness = adoptionReadiness({
    clauses: clauseFactsOf(state),
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
                  {clause.label}
                </th>
                {state.delegations.map((code) => {
                  const p = clause.positions.find((q) => q.delegation === code);
                  const kind = p === undefined ? 'none' : p.stale ? 'stale' : p.stance;
                  const words = `${code}, ${clause.label}: ${CELL[kind].text}${p?.reason ? ` (${p.reason})` : ''}`;
                  return (
                    <td
                      key={code}
                      className={`cell cell-${kind}`}
                      title={words}
                      aria-label={words}
                      tabIndex={kind === 'reserved' ? 0 : -1}
                    >
                      {CELL[kind].icon}
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
