import { describe, expect, it } from 'vitest';
import { clauseState, draftState, position } from '../testing/component-fixtures.ts';
import { draftProgress } from './draft-progress.ts';

describe('the draft’s progress', () => {
  it('tells clauses awaiting positions from clauses held by a reservation', () => {
    const text = 'PROMOTE maritime cooperation.';
    const state = draftState(
      [
        clauseState('c1', text),
        clauseState('c2', text, { positions: [position('MYS', 'reserved', text)], status: 'reserved' }),
        clauseState('c3', text, {
          positions: [position('MYS', 'endorsed', text), position('PHL', 'endorsed', text)],
          status: 'agreed',
          endorsedCount: 2,
        }),
      ],
      ['MYS', 'PHL'],
    );
    const progress = draftProgress(state);
    expect(progress.blocking).toEqual(['c1', 'c2']);
    expect(progress.reserved).toEqual(['c2']);
    expect(progress.toFreeze).toEqual(['c3']);
  });

  it('counts a clause agreed ad referendum as agreed, and blocking until the delegation confirms', () => {
    const text = 'PROMOTE maritime cooperation.';
    const adRef = position('PHL', 'endorsed', text, { adReferendum: { expectedBy: null } });
    const state = draftState(
      [
        clauseState('c1', text, {
          positions: [position('MYS', 'endorsed', text), adRef],
          status: 'agreed-ad-ref',
          endorsedCount: 2,
        }),
      ],
      ['MYS', 'PHL'],
    );
    const progress = draftProgress(state);
    expect(progress.agreed).toBe(1);
    expect(progress.blocking).toEqual(['c1']);
    expect(progress.adReferendum).toEqual(['c1']);
    expect(progress.reserved).toEqual([]);
  });
});
