import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FrozenRecord, PositionRecord } from '../schemas/decisions.ts';
import type { ConsensusRule } from '../schemas/draft.ts';
import { type DraftFacts, describeBlocker, adoptionReadiness as readinessOf } from './adoption-readiness.ts';
import { withNumbers } from './paragraph-labels.ts';
import type { ClauseFacts } from './positions.ts';

/** Readiness of clauses numbered as `decisionFactsOf` numbers them. */
function adoptionReadiness(draft: DraftFacts) {
  return readinessOf({ ...draft, clauses: withNumbers(draft.clauses) });
}

const DELEGATIONS = ['MYS', 'PHL', 'USA', 'JPN'];
const UNANIMOUS: ConsensusRule = { rule: 'unanimous' };
const AT = '2025-11-01T09:00:00.000Z';
const FROZEN: FrozenRecord = { at: AT, by: 'chair', textHash: 'h' };

const endorse = (delegation: string): PositionRecord => ({
  delegation,
  stance: 'endorsed',
  reason: null,
  textHash: 'h',
  at: AT,
});
const reserve = (delegation: string, reason = 'cannot accept "binding"'): PositionRecord => ({
  delegation,
  stance: 'reserved',
  reason,
  textHash: 'h',
  at: AT,
});

function frozenClause(id: string, kind: ClauseFacts['kind'], positions: PositionRecord[]): ClauseFacts {
  return { id, kind, textHash: 'h', label: '', number: null, proposedBy: null, frozen: FROZEN, positions };
}
const allEndorse = () => DELEGATIONS.map(endorse);

describe('adoptionReadiness', () => {
  it('is ready when every clause is frozen and endorsed by everyone', () => {
    const result = adoptionReadiness({
      clauses: [frozenClause('a', 'preamble', allEndorse()), frozenClause('b', 'operative', allEndorse())],
      delegations: DELEGATIONS,
      consensus: UNANIMOUS,
      adopted: false,
    });
    expect(result).toEqual({ ready: true, blockers: [], footnotes: [] });
  });

  it('lists an unfrozen clause, missing positions and a reservation under unanimity', () => {
    const result = adoptionReadiness({
      clauses: [
        { ...frozenClause('a', 'preamble', allEndorse()), frozen: null },
        frozenClause('b', 'operative', [endorse('MYS'), endorse('PHL')]),
        frozenClause('c', 'operative', [...allEndorse().slice(0, 3), reserve('JPN')]),
      ],
      delegations: DELEGATIONS,
      consensus: UNANIMOUS,
      adopted: false,
    });
    expect(result.ready).toBe(false);
    expect(result.blockers).toEqual([
      { reason: 'not_frozen', clauseId: 'a', label: 'preambular paragraph 1' },
      { reason: 'missing_positions', clauseId: 'b', label: 'paragraph 1', delegations: ['USA', 'JPN'] },
      { reason: 'reservation', clauseId: 'c', label: 'paragraph 2', delegation: 'JPN' },
    ]);
    expect(result.blockers.map(describeBlocker)).toEqual([
      'Freeze preambular paragraph 1 first.',
      'USA, JPN have no position on the current text of paragraph 1.',
      'JPN reserves its position on paragraph 2; unanimity needs it withdrawn or the text changed.',
    ]);
  });

  it('allows up to X reserving delegations under minus-x and turns each reservation into a footnote', () => {
    const result = adoptionReadiness({
      clauses: [
        frozenClause('lead', 'chapeau', allEndorse()),
        frozenClause('a', 'operative', allEndorse()),
        frozenClause('b', 'operative', [
          endorse('MYS'),
          endorse('PHL'),
          endorse('JPN'),
          reserve('USA', 'awaiting instructions'),
        ]),
      ],
      delegations: DELEGATIONS,
      consensus: { rule: 'minus-x', x: 1 },
      adopted: false,
    });
    expect(result.ready).toBe(true);
    expect(result.footnotes).toEqual(['USA reserves its position on paragraph 2: awaiting instructions']);
  });

  it('refuses minus-x adoption when more delegations reserve than X', () => {
    const result = adoptionReadiness({
      clauses: [frozenClause('a', 'operative', [endorse('MYS'), endorse('PHL'), reserve('USA'), reserve('JPN')])],
      delegations: DELEGATIONS,
      consensus: { rule: 'minus-x', x: 1 },
      adopted: false,
    });
    expect(result.blockers).toEqual([{ reason: 'too_many_reservations', delegations: ['JPN', 'USA'], allowed: 1 }]);
  });

  it('is never ready for an empty or an already adopted draft', () => {
    const base = { delegations: DELEGATIONS, consensus: UNANIMOUS };
    expect(adoptionReadiness({ ...base, clauses: [], adopted: false }).blockers).toEqual([{ reason: 'no_clauses' }]);
    const adopted = adoptionReadiness({
      ...base,
      clauses: [frozenClause('a', 'operative', allEndorse())],
      adopted: true,
    });
    expect(adopted.blockers).toEqual([{ reason: 'already_adopted' }]);
  });

  const anyDraft = fc.record({
    rule: fc.oneof(
      fc.constant(UNANIMOUS),
      fc.integer({ min: 1, max: 3 }).map((x): ConsensusRule => ({ rule: 'minus-x', x })),
    ),
    clauses: fc.array(
      fc.record({
        frozen: fc.boolean(),
        stances: fc.tuple(...DELEGATIONS.map(() => fc.constantFrom('endorsed', 'reserved', 'none', 'stale'))),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  });

  it('is never ready while a clause is unfrozen, and under minus-x never with more than X reserving', () => {
    fc.assert(
      fc.property(anyDraft, ({ rule, clauses }) => {
        const facts: ClauseFacts[] = clauses.map(({ frozen, stances }, i) => ({
          id: `c${i}`,
          kind: 'operative',
          textHash: 'h',
          label: '',
          number: null,
          proposedBy: null,
          frozen: frozen ? FROZEN : null,
          positions: stances.flatMap((stance, d): PositionRecord[] => {
            const delegation = DELEGATIONS[d] ?? '';
            if (stance === 'none') return [];
            if (stance === 'stale') return [{ ...endorse(delegation), textHash: 'old' }];
            return [stance === 'endorsed' ? endorse(delegation) : reserve(delegation)];
          }),
        }));
        const result = adoptionReadiness({ clauses: facts, delegations: DELEGATIONS, consensus: rule, adopted: false });
        if (facts.some((c) => c.frozen === null)) expect(result.ready).toBe(false);
        if (result.ready) {
          const reserving = new Set(clauses.flatMap((c) => c.stances.flatMap((s, d) => (s === 'reserved' ? [d] : []))));
          const allowed = rule.rule === 'minus-x' ? rule.x : 0;
          expect(reserving.size).toBeLessThanOrEqual(allowed);
          expect(clauses.every((c) => c.stances.every((s) => s === 'endorsed' || s === 'reserved'))).toBe(true);
        }
      }),
    );
  });
});
