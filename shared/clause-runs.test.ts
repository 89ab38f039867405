import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseClauseRuns, type RawRun, runsText } from './clause-runs.ts';
import { formatBits } from './testing/lexical-layout.ts';

/** Strings of up to `max` of these characters, combining marks and jamo included. */
const textOf = (chars: string[], max: number) =>
  fc.array(fc.constantFrom(...chars), { maxLength: max }).map((picked) => picked.join(''));

const raw = (...runs: Array<[string, string]>): RawRun[] =>
  runs.map(([text, format]) => ({ text, bits: formatBits(format) }));

describe('normaliseClauseRuns', () => {
  it('gives an unformatted text as one plain run, NFC and trimmed', () => {
    expect(normaliseClauseRuns(raw(['  cafe\u0301 ', ''], ['ouvert\n', '']))).toEqual([
      { text: 'caf\u00e9 ouvert', format: '' },
    ]);
  });

  it('gives an empty or blank text no run at all', () => {
    expect(normaliseClauseRuns([])).toEqual([]);
    expect(normaliseClauseRuns(raw([' \n ', 'b']))).toEqual([]);
  });

  it('merges neighbours of one format and drops empty runs', () => {
    expect(normaliseClauseRuns(raw(['We ', ''], ['com', 'b'], ['', 'i'], ['mit', 'b'], [' to', '']))).toEqual([
      { text: 'We ', format: '' },
      { text: 'commit', format: 'b' },
      { text: ' to', format: '' },
    ]);
  });

  it('spells the format letters in one order whatever the bits', () => {
    expect(normaliseClauseRuns([{ text: 'x', bits: 8 | 2 | 1 }])).toEqual([{ text: 'x', format: 'biu' }]);
  });

  it('ignores format bits the layout does not allow', () => {
    expect(normaliseClauseRuns([{ text: 'x', bits: 4 | 16 }])).toEqual([{ text: 'x', format: '' }]);
  });

  it('puts no format on a line end', () => {
    expect(normaliseClauseRuns(raw(['one\ntwo', 'u']))).toEqual([
      { text: 'one', format: 'u' },
      { text: '\n', format: '' },
      { text: 'two', format: 'u' },
    ]);
  });

  it('takes bold and italic on a space from the words either side of it', () => {
    // A bold space between plain words prints as any space; one between bold words is part of the bold.
    expect(normaliseClauseRuns(raw(['a', ''], [' ', 'bi'], ['b', '']))).toEqual([{ text: 'a b', format: '' }]);
    expect(normaliseClauseRuns(raw(['a', 'b'], [' ', ''], ['b', 'b']))).toEqual([{ text: 'a b', format: 'b' }]);
    expect(normaliseClauseRuns(raw(['a', 'b'], [' ', 'b'], ['b', '']))).toEqual([
      { text: 'a', format: 'b' },
      { text: ' b', format: '' },
    ]);
  });

  it('keeps underline on a space, where it prints', () => {
    expect(normaliseClauseRuns(raw(['a', ''], [' ', 'u'], ['b', '']))).toEqual([
      { text: 'a', format: '' },
      { text: ' ', format: 'u' },
      { text: 'b', format: '' },
    ]);
  });

  it('does not carry bold across a line end onto the spaces of the next line', () => {
    expect(normaliseClauseRuns(raw(['a', 'b'], ['\n  ', 'b'], ['c', 'b'], [' d', '']))).toEqual([
      { text: 'a', format: 'b' },
      { text: '\n  ', format: '' },
      { text: 'c', format: 'b' },
      { text: ' d', format: '' },
    ]);
  });

  it('gives a combining mark the format of the letter it combines with, and composes them', () => {
    expect(normaliseClauseRuns(raw(['caf', ''], ['e', 'b'], ['\u0301 ouvert', '']))).toEqual([
      { text: 'caf', format: '' },
      { text: '\u00e9', format: 'b' },
      { text: ' ouvert', format: '' },
    ]);
  });

  it('trims whitespace off the ends across runs', () => {
    expect(normaliseClauseRuns(raw([' \n', ''], [' ', 'u'], ['word', 'b'], [' ', 'u'], ['\n', '']))).toEqual([
      { text: 'word', format: 'b' },
    ]);
  });

  const pieces = fc.array(
    fc.record({
      text: textOf(['a', 'b', '\u0301', '\u0327', ' ', '\n', '\t', '\u00e9', '\u1100', '\u1161'], 6),
      bits: fc.constantFrom(0, 1, 2, 8, 3, 9, 11),
    }),
    { maxLength: 8 },
  );

  it('always spells the clause’s plain text: NFC, trimmed', () => {
    fc.assert(
      fc.property(pieces, (runs) => {
        const plain = runs
          .map((r) => r.text)
          .join('')
          .normalize('NFC')
          .trim();
        expect(runsText(normaliseClauseRuns(runs))).toBe(plain);
      }),
    );
  });

  it('is its own normal form: normalising the runs again changes nothing', () => {
    fc.assert(
      fc.property(pieces, (runs) => {
        const once = normaliseClauseRuns(runs);
        const again = normaliseClauseRuns(once.map((r) => ({ text: r.text, bits: formatBits(r.format) })));
        expect(again).toEqual(once);
      }),
    );
  });

  it('never leaves two neighbours with one format, nor an empty run', () => {
    fc.assert(
      fc.property(pieces, (runs) => {
        const out = normaliseClauseRuns(runs);
        for (const [i, run] of out.entries()) {
          expect(run.text).not.toBe('');
          if (i > 0) expect(run.format).not.toBe(out[i - 1]?.format);
        }
      }),
    );
  });
});
