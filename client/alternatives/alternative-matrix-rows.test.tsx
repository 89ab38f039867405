// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import { alternativeRootName } from '../../shared/doc-layout.ts';
import type { AlternativeView } from '../../shared/schemas/alternatives.ts';
import { ConsensusMatrix } from '../consensus/ConsensusMatrix.tsx';
import { matrixCsv } from '../consensus/matrix-csv.ts';
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

function clauseWithAlternatives() {
  return clauseState('c1', TEXT, {
    alternatives: [
      alternative(1, 'open', {
        endorsedCount: 1,
        positions: [position('JPN', 'endorsed', ALT), position('USA', 'reserved', ALT)],
      }),
      alternative(2, 'not-retained'),
      alternative(3, 'withdrawn'),
    ],
  });
}

describe('the consensus matrix with alternatives', () => {
  it('downloads a CSV row for each open alternative under its clause, with its words', () => {
    const state = draftState([clauseWithAlternatives()], ['JPN', 'USA']);
    const texts = new Map([
      ['c1', TEXT],
      [alternativeRootName('c1', 1), ALT],
    ]);
    const lines = matrixCsv(state, new Map([['c1', 'Operative 1']]), texts).split('\r\n');
    expect(lines[2]).toBe(
      'Alt 1 of Operative 1,Alt 1 of paragraph 1,"alternative, sponsored by USA, JPN",endorsed,reserved: awaiting instructions from capital,1/2,WELCOME the work.',
    );
    expect(lines).toHaveLength(4);
  });

  it('shows a row for each open alternative under its clause, with its positions and total', () => {
    const clause = clauseWithAlternatives();
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
    expect(row.querySelector('.row-total')?.textContent).toBe('1/2');
    expect(row.lastElementChild?.textContent).toBe('–');
  });
});
