// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../shared/schemas/import.ts';
import { ImportReview } from './ImportReview.tsx';

const RESULT: ImportResult = {
  kind: 'resolution',
  title: 'Report of the International Atomic Energy Agency',
  date: '2025-11-14',
  place: null,
  closing: { text: '40th plenary meeting 14 November 2025', place: null, date: '2025-11-14' },
  clauses: [
    { kind: 'chapeau', text: 'The General Assembly,', closeCall: null },
    { kind: 'preamble', text: 'Having received the report of the Agency,', closeCall: null },
    {
      kind: 'operative',
      text: 'GC(69)/RES/14, entitled “Nuclear safety”;',
      closeCall: 'no number and no operative verb: taken as operative because it follows the operative paragraphs',
    },
    { kind: 'closing', text: '40th plenary meeting 14 November 2025', closeCall: null },
  ],
  dropped: [
    { text: 'A/RES/80/7', reason: 'document-symbol', before: 0 },
    { text: '1 See A/80/348.', reason: 'footnote', before: 3 },
  ],
  warnings: [],
};

afterEach(cleanup);

function renderReview() {
  render(<ImportReview result={RESULT} onCreated={() => {}} onStartOver={() => {}} onUnauthorised={() => {}} />);
}

describe('ImportReview', () => {
  it('lists the close calls first, each with its reason', () => {
    renderReview();
    const first = screen.getByRole('region', { name: 'Check these first' });
    expect(first.textContent).toContain('1 clause was a close call');
    expect(first.textContent).toContain('Clause 3');
    expect(first.textContent).toContain('taken as operative because it follows the operative paragraphs');
  });

  it('marks the clause that was a close call where it stands', () => {
    renderReview();
    const clauses = screen.getAllByTestId('imported-clause');
    expect(within(clauses[2] as HTMLElement).getByTestId('close-call').textContent).toMatch(/^Check: no number/);
    expect(within(clauses[1] as HTMLElement).queryByTestId('close-call')).toBeNull();
  });

  it('takes a clause off the close calls once its kind is chosen', () => {
    renderReview();
    fireEvent.change(screen.getByLabelText('Kind of clause 3'), { target: { value: 'operative' } });
    expect(screen.queryByRole('region', { name: 'Check these first' })).toBeNull();
  });

  it('lists the lines left out, with what each was', () => {
    renderReview();
    const lines = screen.getAllByTestId('dropped-line').map((line) => line.textContent);
    expect(lines).toEqual(['a document symbol: A/RES/80/7 Restore', 'a footnote: 1 See A/80/348. Restore']);
  });

  it('restores a line left out where it stood, with one click', () => {
    renderReview();
    const footnote = screen.getAllByTestId('dropped-line')[1] as HTMLElement;
    fireEvent.click(within(footnote).getByRole('button', { name: 'Restore' }));
    const texts = screen
      .getAllByRole('textbox', { name: /^Text of clause/ })
      .map((area) => (area as HTMLTextAreaElement).value);
    expect(texts[3]).toBe('1 See A/80/348.');
    expect(screen.getAllByTestId('dropped-line')).toHaveLength(1);
  });

  it('offers the resolution’s clause kinds', () => {
    renderReview();
    const options = within(screen.getByLabelText('Kind of clause 2'))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual([
      'Chapeau (the body)',
      'Preambular paragraph',
      'Operative paragraph',
      'Heading',
      'Closing (meeting and date)',
    ]);
  });

  it('warns when an operative clause comes before the lead-in, and stops warning once it is corrected', () => {
    const statement: ImportResult = {
      ...RESULT,
      kind: 'joint-statement',
      clauses: [
        { kind: 'chapeau', text: 'The Twelfth ADMM-Plus, convened in Kuala Lumpur;', closeCall: null },
        { kind: 'operative', text: 'COMMEND the 15 years of practical cooperation;', closeCall: null },
        { kind: 'lead-in', text: 'WE HEREBY COMMIT TO:', closeCall: null },
        { kind: 'operative', text: 'ENHANCE maritime cooperation.', closeCall: null },
      ],
      dropped: [],
    };
    render(<ImportReview result={statement} onCreated={() => {}} onStartOver={() => {}} onUnauthorised={() => {}} />);
    expect(screen.getByTestId('order-problems').textContent).toContain(
      'Clause 3 (the lead-in) comes after clause 2 (an operative clause): operative clauses belong after the lead-in.',
    );
    fireEvent.change(screen.getByLabelText('Kind of clause 2'), { target: { value: 'preamble' } });
    expect(screen.queryByTestId('order-problems')).toBeNull();
  });
});
