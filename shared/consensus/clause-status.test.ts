import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FrozenRecord, PositionRecord } from '../schemas/decisions.ts';
import { clauseConsensus, clauseStatus } from './clause-status.ts';
import type { ClauseFacts } from './positions.ts';

const DELEGATIONS = ['MYS', 'PHL', 'USA'];
const AT = '2025-11-01T09:00:00.000Z';
const FROZEN: FrozenRecord = { at: AT, by: 'chair', textHash: 'h1' };

function clause(positions: PositionRecord[], overrides: Partial<ClauseFacts> = {}): ClauseFacts {
  return {
    id: 'c1',
    kind: 'operative',
    textHash: 'h1',
    label: 'paragraph 1',
    number: 'paragraph 1',
    proposedBy: null,
    frozen: null,
    positions,
    ...overrides,
  };
}
const endorse = (delegation: string, textHash = 'h1'): PositionRecord => ({
  delegation,
  stance: 'endorsed',
  reason: null,
  textHash,
  at: AT,
});
const reserve = (delegation: string, textHash = 'h1'): PositionRecord => ({
  delegation,
  stance: 'reserved',
  reason: 'awaiting instructions from capital',
  textHash,
  at: AT,
});

const anyHash = fc.constantFrom('h1', 'h2', 'h3');
const anyPosition = (delegation: string): fc.Arbitrary<PositionRecord> =>
  fc.record({
    delegation: fc.constant(delegation),
    stance: fc.constantFrom<PositionRecord['stance']>('endorsed', 'reserved'),
    reason: fc.constant<string | null>('a reason'),
    textHash: anyHash,
    at: fc.constant(AT),
  });

/** Any clause over the three delegations, each with no position or one on one of three texts. */
const anyClause: fc.Arbitrary<ClauseFacts> = fc
  .record({
    textHash: anyHash,
    frozen: fc.option(fc.constant(FROZEN), { nil: null }),
    positions: fc.tuple(...DELEGATIONS.map((d) => fc.option(anyPosition(d), { nil: null }))),
  })
  .map(({ textHash, frozen, positions }) =>
    clause(
      positions.filter((p): p is PositionRecord => p !== null),
      { textHash, frozen },
    ),
  );

/** An agreed clause: every delegation endorsed its current text, on any of three texts. */
const agreedClause: fc.Arbitrary<ClauseFacts> = anyHash.map((textHash) =>
  clause(
    DELEGATIONS.map((d) => endorse(d, textHash)),
    { textHash },
  ),
);

describe('clauseStatus', () => {
  it('is open with no positions', () => {
    expect(clauseStatus(clause([]), DELEGATIONS)).toBe('open');
  });

  it('is open while some delegations have not endorsed', () => {
    expect(clauseStatus(clause([endorse('MYS'), endorse('PHL')]), DELEGATIONS)).toBe('open');
  });

  it('is agreed when every required delegation endorsed the current text', () => {
    expect(clauseStatus(clause(DELEGATIONS.map((d) => endorse(d))), DELEGATIONS)).toBe('agreed');
  });

  it('is reserved when a delegation holds a current reservation', () => {
    expect(clauseStatus(clause([endorse('MYS'), reserve('PHL')]), DELEGATIONS)).toBe('reserved');
  });

  it('is frozen whatever the positions', () => {
    expect(clauseStatus(clause([reserve('PHL')], { frozen: FROZEN }), DELEGATIONS)).toBe('frozen');
  });

  it('does not count a stale endorsement towards agreement', () => {
    const positions = [endorse('MYS'), endorse('PHL'), endorse('USA', 'h0')];
    expect(clauseStatus(clause(positions), DELEGATIONS)).toBe('open');
    expect(clauseConsensus(clause(positions), DELEGATIONS)).toMatchObject({ stale: ['USA'], missing: ['USA'] });
  });

  it('does not let a stale reservation hold a clause back', () => {
    const positions = [endorse('MYS'), endorse('PHL'), reserve('USA', 'h0')];
    expect(clauseStatus(clause(positions), DELEGATIONS)).toBe('open');
    expect(clauseStatus(clause([...positions.slice(0, 2), endorse('USA')]), DELEGATIONS)).toBe('agreed');
  });

  it('never calls a clause agreed while anyone holds a current reservation', () => {
    fc.assert(
      fc.property(anyClause, (c) => {
        const hasCurrentReservation = c.positions.some((p) => p.stance === 'reserved' && p.textHash === c.textHash);
        if (hasCurrentReservation) expect(clauseStatus(c, DELEGATIONS)).not.toBe('agreed');
      }),
    );
  });

  it('makes every endorsement stale when the text of an agreed clause changes', () => {
    fc.assert(
      fc.property(agreedClause, fc.constantFrom('h4', 'h5'), (c, newHash) => {
        expect(clauseStatus(c, DELEGATIONS)).toBe('agreed');
        const edited = { ...c, textHash: newHash };
        expect(clauseConsensus(edited, DELEGATIONS).endorsed).toEqual([]);
        expect(clauseStatus(edited, DELEGATIONS)).toBe('open');
      }),
    );
  });

  it('agrees exactly when every delegation endorsed the current text of an unfrozen clause', () => {
    fc.assert(
      fc.property(anyClause, (c) => {
        const allEndorsed = DELEGATIONS.every((d) =>
          c.positions.some((p) => p.delegation === d && p.stance === 'endorsed' && p.textHash === c.textHash),
        );
        expect(clauseStatus(c, DELEGATIONS) === 'agreed').toBe(c.frozen === null && allEndorsed);
      }),
    );
  });
});
