// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clauseState, draftState, position } from '../testing/component-fixtures.ts';
import { ConsensusMatrix } from './ConsensusMatrix.tsx';

afterEach(cleanup);

const AGREED = 'COMMEND the fifteen years of practical cooperation.';
const RESERVED = 'UPHOLD the relevance of the ADMM-Plus beyond 2025.';
const STALE = 'ENHANCE practical cooperation.';

function state() {
  return draftState(
    [
      clauseState('c1', AGREED, {
        label: 'paragraph 1',
        status: 'agreed',
        endorsedCount: 2,
        positions: [position('MYS', 'endorsed', AGREED), position('PHL', 'endorsed', AGREED)],
      }),
      clauseState('c2', RESERVED, {
        label: 'paragraph 2',
        status: 'reserved',
        endorsedCount: 1,
        positions: [position('MYS', 'endorsed', RESERVED), position('PHL', 'reserved', RESERVED)],
      }),
      clauseState('c3', STALE, {
        label: 'paragraph 3',
        endorsedCount: 0,
        positions: [position('MYS', 'endorsed', 'ENHANCE cooperation.', { stale: true })],
      }),
    ],
    ['MYS', 'PHL'],
  );
}

describe('the consensus matrix', () => {
  it('shows a row per clause and a column per delegation, with row totals', () => {
    render(<ConsensusMatrix state={state()} />);
    const rows = screen.getAllByTestId('matrix-row');
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'paragraph 1',
      'paragraph 2',
      'paragraph 3',
    ]);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Clause', 'MYS', 'PHL', 'Endorsed']);
    expect(rows.map((row) => row.lastElementChild?.textContent)).toEqual(['2/2', '1/2', '0/2']);
  });

  it('says each position in words and icons, not colour alone, with the reason of a reservation', () => {
    render(<ConsensusMatrix state={state()} />);
    const reserved = screen.getByLabelText('PHL, paragraph 2: reserved (awaiting instructions from capital)');
    expect(reserved.textContent).toBe('✗');
    expect(reserved.tabIndex).toBe(0);
    expect(screen.getByLabelText('MYS, paragraph 3: endorsed on an earlier text').textContent).toBe('↻');
    expect(screen.getByLabelText('PHL, paragraph 3: no position').textContent).toBe('·');
    expect(screen.getByLabelText('MYS, paragraph 1: endorsed').textContent).toBe('✓');
  });

  it('filters to the clauses that block adoption and reports overall progress', () => {
    render(<ConsensusMatrix state={state()} />);
    expect(screen.getByTestId('progress').textContent).toBe(
      '1 of 3 clauses agreed or frozen; 0 frozen. 3 clauses block adoption.',
    );
    fireEvent.click(screen.getByLabelText('Only clauses that block adoption'));
    // Every clause blocks while none is frozen; freezing the agreed one takes it out.
    expect(screen.getAllByTestId('matrix-row')).toHaveLength(3);
    cleanup();
    const frozen = state();
    frozen.clauses = frozen.clauses.map((clause) =>
      clause.id === 'c1'
        ? {
            ...clause,
            status: 'frozen',
            frozen: { at: '2026-11-22T10:00:00Z', by: 'chair', textHash: clause.textHash },
          }
        : clause,
    );
    render(<ConsensusMatrix state={frozen} />);
    fireEvent.click(screen.getByLabelText('Only clauses that block adoption'));
    expect(screen.getAllByTestId('matrix-row').map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'paragraph 2',
      'paragraph 3',
    ]);
  });

  it('names each row as the room’s cards do, with the formal name the footnotes use beside it', () => {
    const labels = new Map([
      ['c1', 'Operative 1'],
      ['c2', 'Operative 2'],
      ['c3', 'Operative 3'],
    ]);
    render(<ConsensusMatrix state={state()} roomLabels={labels} />);
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual([
      'Operative 1 (paragraph 1)',
      'Operative 2 (paragraph 2)',
      'Operative 3 (paragraph 3)',
    ]);
  });
});
