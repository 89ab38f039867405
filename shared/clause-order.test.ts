import { describe, expect, it } from 'vitest';
import { describeOrderProblem, fitsAt, orderProblems } from './clause-order.ts';
import type { ClauseKind } from './schemas/draft.ts';

const STATEMENT: ClauseKind[] = ['chapeau', 'preamble', 'preamble', 'lead-in', 'operative', 'operative', 'closing'];

describe('where a clause fits', () => {
  it('offers no preamble clause after an operative one, and no operative clause before the lead-in', () => {
    expect(fitsAt(STATEMENT, 5, 'preamble')).toBe(false);
    expect(fitsAt(STATEMENT, 5, 'operative')).toBe(true);
    expect(fitsAt(STATEMENT, 3, 'preamble')).toBe(true);
    expect(fitsAt(STATEMENT, 3, 'operative')).toBe(false);
    expect(fitsAt(STATEMENT, 4, 'operative')).toBe(true);
  });

  it('puts nothing before the chapeau or after the closing, a heading included', () => {
    for (const kind of ['preamble', 'operative', 'heading'] as const) {
      expect(fitsAt(STATEMENT, 0, kind)).toBe(false);
      expect(fitsAt(STATEMENT, STATEMENT.length, kind)).toBe(false);
    }
  });

  it('lets a sub-heading stand anywhere in the body', () => {
    expect(fitsAt(STATEMENT, 2, 'heading')).toBe(true);
    expect(fitsAt(STATEMENT, 5, 'heading')).toBe(true);
  });

  it('looks past headings to the parts around them', () => {
    const kinds: ClauseKind[] = ['preamble', 'operative', 'heading', 'operative'];
    expect(fitsAt(kinds, 3, 'preamble')).toBe(false);
    expect(fitsAt(kinds, 3, 'operative')).toBe(true);
  });

  it('lets a resolution without a lead-in go from preambular to operative paragraphs', () => {
    const kinds: ClauseKind[] = ['chapeau', 'preamble', 'operative', 'closing'];
    expect(fitsAt(kinds, 2, 'preamble')).toBe(true);
    expect(fitsAt(kinds, 2, 'operative')).toBe(true);
    expect(fitsAt(kinds, 3, 'preamble')).toBe(false);
  });

  it('takes a chair’s report’s headings and paragraphs in any order', () => {
    const kinds: ClauseKind[] = ['heading', 'paragraph', 'heading', 'paragraph'];
    for (let index = 0; index <= kinds.length; index++) {
      expect(fitsAt(kinds, index, 'paragraph')).toBe(true);
      expect(fitsAt(kinds, index, 'heading')).toBe(true);
    }
  });
});

describe('clauses out of order', () => {
  it('finds an operative clause before the lead-in, and says so', () => {
    const kinds: ClauseKind[] = ['chapeau', 'preamble', 'operative', 'lead-in', 'operative', 'closing'];
    const problems = orderProblems(kinds);
    expect(problems).toEqual([{ index: 3, kind: 'lead-in', afterIndex: 2, afterKind: 'operative' }]);
    expect(describeOrderProblem(problems[0] as (typeof problems)[0])).toBe(
      'Clause 4 (the lead-in) comes after clause 3 (an operative clause): operative clauses belong after the lead-in.',
    );
  });

  it('finds a preamble clause among the operative ones', () => {
    const problems = orderProblems(['preamble', 'operative', 'preamble', 'operative']);
    expect(problems.map(describeOrderProblem)).toEqual([
      'Clause 3 (a preamble clause) comes after clause 2 (an operative clause): a preamble clause belongs before any operative clause.',
    ]);
  });

  it('finds nothing in a text in order, headings anywhere', () => {
    expect(orderProblems(STATEMENT)).toEqual([]);
    expect(orderProblems(['heading', 'paragraph', 'heading', 'paragraph', 'closing'])).toEqual([]);
  });
});
