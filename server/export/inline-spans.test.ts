import { describe, expect, it } from 'vitest';
import type { ClauseRun } from '../../shared/schemas/clause-run.ts';
import { nestSpans, runLines, withItalicOpening } from './inline-spans.ts';

const runs = (...pieces: Array<[string, ClauseRun['format']]>): ClauseRun[] =>
  pieces.map(([text, format]) => ({ text, format }));

describe('nestSpans', () => {
  it('nests emphases that overlap, closing and opening again the one that ends first', () => {
    expect(nestSpans(runs(['a', 'b'], ['b', 'bi'], ['c', 'i']))).toEqual([
      { mark: 'b', start: 0, end: 2, children: ['a', { mark: 'i', start: 1, end: 2, children: ['b'] }] },
      { mark: 'i', start: 2, end: 3, children: ['c'] },
    ]);
  });

  it('puts the longer-lasting emphasis outside, and underline outside at a tie', () => {
    expect(nestSpans(runs(['x', 'iu'], ['y', 'u']))).toEqual([
      { mark: 'u', start: 0, end: 2, children: [{ mark: 'i', start: 0, end: 1, children: ['x'] }, 'y'] },
    ]);
    expect(nestSpans(runs(['x', 'bu']))).toEqual([
      { mark: 'u', start: 0, end: 1, children: [{ mark: 'b', start: 0, end: 1, children: ['x'] }] },
    ]);
  });
});

describe('runLines and withItalicOpening', () => {
  it('cut the runs at line ends', () => {
    expect(runLines(runs(['a\n', ''], ['b', 'b']))).toEqual([
      [{ text: 'a', format: '' }],
      [{ text: 'b', format: 'b' }],
    ]);
  });

  it('add italic to the opening words only, keeping their own emphasis', () => {
    expect(withItalicOpening(runs(['Dec', 'b'], ['ides to', '']), 7)).toEqual(
      runs(['Dec', 'bi'], ['ides', 'i'], [' to', '']),
    );
  });
});
