// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DraftState } from '../../shared/schemas/state.ts';
import { clauseState, draftState, position } from '../testing/component-fixtures.ts';
import { ConsensusMatrix, excerpt } from './ConsensusMatrix.tsx';
import { matrixCsv } from './matrix-csv.ts';

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
  it('prints "ad ref" on a cell agreed ad referendum and a reservation’s kind in the list, not colour alone', () => {
    const adRef = position('PHL', 'endorsed', AGREED, { adReferendum: { expectedBy: '2026-12-10' } });
    const scrutiny = position('PHL', 'reserved', RESERVED, { reason: null, reservationKind: 'scrutiny' });
    const withQualifiers = draftState(
      [
        clauseState('c1', AGREED, {
          label: 'paragraph 1',
          status: 'agreed-ad-ref',
          endorsedCount: 2,
          positions: [position('MYS', 'endorsed', AGREED), adRef],
        }),
        clauseState('c2', RESERVED, {
          label: 'paragraph 2',
          status: 'reserved',
          endorsedCount: 0,
          positions: [scrutiny],
        }),
      ],
      ['MYS', 'PHL'],
    );
    render(<ConsensusMatrix state={withQualifiers} />);
    const cell = screen.getByLabelText(
      'PHL, paragraph 1: endorsed ad referendum (confirmation expected by 2026-12-10)',
    );
    expect(cell.textContent).toBe('✓ ad ref');
    expect(screen.getByTestId('matrix-reason').textContent).toContain('(parliamentary scrutiny reservation)');
    expect(screen.getByTestId('progress').textContent).toContain(
      '1 clause awaits confirmation of an agreement ad referendum',
    );
    expect(matrixCsv(withQualifiers, new Map(), new Map())).toContain('agreed ad ref');
  });

  it('shows a row per clause and a column per delegation, with row totals', () => {
    render(<ConsensusMatrix state={state()} />);
    const rows = screen.getAllByTestId('matrix-row');
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'paragraph 1',
      'paragraph 2',
      'paragraph 3',
    ]);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Clause',
      'MYS',
      'PHL',
      'Endorsed',
      'Brackets',
    ]);
    expect(rows.map((row) => row.querySelector('.row-total')?.textContent)).toEqual(['2/2', '1/2', '0/2']);
  });

  it('has a column of each clause’s open brackets and their holders, in words', () => {
    const bracketed = state();
    const open = { clauseId: 'c3', kind: 'contested', note: null, start: 'AA==', end: 'AA==', placedAt: 'x' } as const;
    const c3 = bracketed.clauses[2];
    if (c3 === undefined) throw new Error('no clause');
    c3.brackets = [
      { ...open, id: 'b1', holders: ['PHL', 'MYS'], quote: 'practical', lifted: null },
      { ...open, id: 'b2', holders: ['MYS'], quote: 'ENHANCE', lifted: { at: 'x', by: 'chair' } },
    ];
    render(<ConsensusMatrix state={bracketed} />);
    expect(screen.getAllByTestId('matrix-brackets').map((cell) => cell.textContent)).toEqual([
      '–',
      '–',
      '[1] PHL, MYS',
    ]);
    expect(screen.getByLabelText('paragraph 3: 1 bracket, held by PHL, MYS')).toBeTruthy();
  });

  it('says each position in words and icons, not colour alone, with the reason of a reservation', () => {
    render(<ConsensusMatrix state={state()} />);
    const reserved = screen.getByLabelText('PHL, paragraph 2: reserved (awaiting instructions from capital)');
    expect(reserved.textContent).toBe('✗');
    expect(screen.getByLabelText('MYS, paragraph 3: endorsed on an earlier text').textContent).toBe('↻');
    expect(screen.getByLabelText('PHL, paragraph 3: no position').textContent).toBe('·');
    expect(screen.getByLabelText('MYS, paragraph 1: endorsed').textContent).toBe('✓');
  });

  it('filters to the clauses that block adoption and reports overall progress', () => {
    render(<ConsensusMatrix state={state()} />);
    expect(screen.getByTestId('progress').textContent).toBe(
      '1 of 3 clauses agreed, 0 frozen. Before adoption: 2 clauses need positions or hold a reservation; 1 clause waits only to be frozen.',
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

  it('reads every reservation’s reason without hovering, below the table', () => {
    render(<ConsensusMatrix state={state()} />);
    expect(screen.getAllByTestId('matrix-reason').map((item) => item.textContent)).toEqual([
      'paragraph 2, the Philippines (PHL): awaiting instructions from capital',
    ]);
  });

  it('has a legend for every mark', () => {
    render(<ConsensusMatrix state={state()} />);
    expect(screen.getByTestId('legend').textContent).toContain('✓ endorsed');
    expect(screen.getByTestId('legend').textContent).toContain('↻ taken on an earlier text: does not count');
    expect(screen.getByTestId('legend').textContent).toContain('· no position');
    expect(screen.getByTestId('legend').textContent).toContain('frozen by the chair');
  });

  it('shows the start of each clause’s words, and a row’s name or a cell leads to the clause', () => {
    const onJump = vi.fn();
    const texts = new Map([
      ['c1', AGREED],
      ['c2', RESERVED],
      ['c3', `${STALE} ${'and more words '.repeat(10)}`],
    ]);
    render(<ConsensusMatrix state={state()} texts={texts} onJump={onJump} />);
    const rows = screen.getAllByTestId('matrix-row');
    expect(within(rows[0] as HTMLElement).getByRole('rowheader').textContent).toBe(`paragraph 1${AGREED}`);
    expect(within(rows[2] as HTMLElement).getByRole('rowheader').textContent).toMatch(/^paragraph 3ENHANCE .*…$/);
    fireEvent.click(within(rows[1] as HTMLElement).getByRole('button', { name: 'paragraph 2' }));
    fireEvent.click(screen.getByLabelText('MYS, paragraph 3: endorsed on an earlier text'));
    expect(onJump.mock.calls).toEqual([['c2'], ['c3']]);
  });

  it('cuts an excerpt at a word, with an ellipsis', () => {
    expect(excerpt('SHORT text.')).toBe('SHORT text.');
    const long = excerpt(`RECOGNISING ${'the importance of practical cooperation, '.repeat(4)}`);
    expect(long.length).toBeLessThanOrEqual(71);
    expect(long).toMatch(/ [a-z]+…$/);
  });
});

describe('the matrix’s counts say what adoption would say', () => {
  const frozen = { at: '2026-11-22T10:00:00Z', by: 'chair', textHash: '' };

  it('says adoption is blocked when more delegations reserve than minus-x allows, though each clause is frozen', () => {
    const both: DraftState = {
      ...draftState(
        [
          clauseState('c1', AGREED, {
            status: 'frozen',
            frozen: { ...frozen, textHash: clauseState('c1', AGREED).textHash },
            endorsedCount: 1,
            positions: [position('MYS', 'endorsed', AGREED), position('PHL', 'reserved', AGREED)],
          }),
          clauseState('c2', RESERVED, {
            label: 'paragraph 2',
            status: 'frozen',
            frozen: { ...frozen, textHash: clauseState('c2', RESERVED).textHash },
            endorsedCount: 1,
            positions: [position('MYS', 'reserved', RESERVED), position('PHL', 'endorsed', RESERVED)],
          }),
        ],
        ['MYS', 'PHL'],
      ),
      consensus: { rule: 'minus-x', x: 1 },
    };
    render(<ConsensusMatrix state={both} />);
    const progress = screen.getByTestId('progress').textContent ?? '';
    expect(progress).not.toContain('0 clauses');
    expect(progress).toContain(
      'Adoption is blocked: 2 delegations (MYS, PHL) hold reservations; the rule allows at most 1.',
    );
    expect(progress).toContain('2 clauses need positions or hold a reservation');
    fireEvent.click(screen.getByLabelText('Only clauses that block adoption'));
    expect(screen.getAllByTestId('matrix-row')).toHaveLength(2);
  });

  it('counts clauses every delegation agreed as waiting to be frozen, not as blocking', () => {
    const agreed = draftState(
      ['c1', 'c2', 'c3'].map((id) =>
        clauseState(id, `${AGREED} ${id}`, {
          status: 'agreed',
          endorsedCount: 2,
          positions: [position('MYS', 'endorsed', `${AGREED} ${id}`), position('PHL', 'endorsed', `${AGREED} ${id}`)],
        }),
      ),
      ['MYS', 'PHL'],
    );
    render(<ConsensusMatrix state={agreed} />);
    expect(screen.getByTestId('progress').textContent).toBe(
      '3 of 3 clauses agreed, 0 frozen. Before adoption: 3 clauses wait only to be frozen.',
    );
  });
});

describe('the matrix as CSV', () => {
  it('has a row per clause with each position in words, and no cell a spreadsheet would run', () => {
    const s = state();
    const reasons = s.clauses.map((clause) =>
      clause.id === 'c2'
        ? { ...clause, positions: [position('PHL', 'reserved', RESERVED, { reason: '=HYPERLINK("x")' })] }
        : clause,
    );
    const csv = matrixCsv({ ...s, clauses: reasons }, new Map([['c1', 'Operative 1']]), new Map([['c1', AGREED]]));
    expect(csv.split('\r\n')).toEqual([
      'Clause,Reference,Status,MYS,PHL,Endorsed,Text',
      `Operative 1,paragraph 1,agreed,endorsed,endorsed,2/2,${AGREED}`,
      `paragraph 2,paragraph 2,reserved,,"reserved: =HYPERLINK(""x"")",1/2,`,
      'paragraph 3,paragraph 3,open,endorsed on an earlier text,,0/2,',
      '',
    ]);
    expect(matrixCsv(s, new Map([['c1', '=1+1']]), new Map()).split('\r\n')[1]).toMatch(/^'=1\+1,/);
  });
});
