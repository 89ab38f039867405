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
});
