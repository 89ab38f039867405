// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import type { AlternativeView } from '../../shared/schemas/alternatives.ts';
import { ConsensusMatrix } from '../consensus/ConsensusMatrix.tsx';
import { clauseState, draftState, position } from '../testing/component-fixtures.ts';

afterEach(cleanup);

const TEXT = 'COMMEND the work.';
const ALT = 'WELCOME the work.';

function alternative(
  n: number,
  state: AlternativeView['state'],
  extra: Partial<AlternativeView> = {},
): AlternativeView {
  return {
    n,
    proposedBy: 'USA',
    sponsors: ['USA', 'JPN'],
    state,
    at: '2026-11-22T09:00:00.000Z',
    textHash: hashClauseText(ALT),
    endorsedCount: 0,
    positions: [],
    ...extra,
  };
}

describe('the consensus matrix with alternatives', () => {
  it('shows a row for each open alternative under its clause, with its positions and total', () => {
    const clause = clauseState('c1', TEXT, {
      alternatives: [
        alternative(1, 'open', {
          endorsedCount: 1,
          positions: [position('JPN', 'endorsed', ALT), position('USA', 'reserved', ALT)],
        }),
        alternative(2, 'not-retained'),
        alternative(3, 'withdrawn'),
      ],
    });
    render(<ConsensusMatrix state={draftState([clause, clauseState('c2', 'DECIDE.')], ['JPN', 'USA'])} />);
    const bodyRows = within(screen.getAllByRole('rowgroup')[1] as HTMLElement).getAllByRole('row');
    expect(bodyRows.map((row) => row.getAttribute('data-testid'))).toEqual([
      'matrix-row',
      'matrix-alternative-row',
      'matrix-row',
    ]);
    const row = screen.getByTestId('matrix-alternative-row');
    expect(within(row).getByRole('rowheader').textContent).toBe('↳ Alt 1 of paragraph 1sponsored by USA, JPN');
    expect(screen.getByLabelText('JPN, Alt 1 of paragraph 1: endorsed').textContent).toBe('✓');
    expect(
      screen.getByLabelText('USA, Alt 1 of paragraph 1: reserved (awaiting instructions from capital)').textContent,
    ).toBe('✗');
    expect(row.lastElementChild?.textContent).toBe('1/2');
  });
});
