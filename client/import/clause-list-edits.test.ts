import { describe, expect, it } from 'vitest';
import type { DroppedLine, ImportedClause } from '../../shared/schemas/import.ts';
import { changeKind, mergeWithNext, removeClause, restoreDropped, splitAt } from './clause-list-edits.ts';

const clauses: ImportedClause[] = [
  { kind: 'preamble', text: 'RECOGNISING the role of ASEAN;', closeCall: null },
  { kind: 'preamble', text: 'COMMEND the work. UPHOLD the framework.', closeCall: 'no preambular opener' },
  { kind: 'operative', text: 'WELCOME the next meeting.', closeCall: null },
];

describe('editing an imported text', () => {
  it('changes one clause’s kind and leaves the list it was given alone', () => {
    const changed = changeKind(clauses, 1, 'operative');
    expect(changed.map((c) => c.kind)).toEqual(['preamble', 'operative', 'operative']);
    expect(clauses[1]?.kind).toBe('preamble');
  });

  it('takes a clause off the close calls once its kind is set', () => {
    expect(changeKind(clauses, 1, 'operative')[1]?.closeCall).toBeNull();
  });

  it('merges a clause with the next one, keeping the first one’s kind', () => {
    expect(mergeWithNext(clauses, 1)).toEqual([
      clauses[0],
      {
        kind: 'preamble',
        text: 'COMMEND the work. UPHOLD the framework. WELCOME the next meeting.',
        closeCall: 'no preambular opener',
      },
    ]);
  });

  it('splits a clause at the caret into two of the same kind', () => {
    const split = splitAt(clauses, 1, 'COMMEND the work. '.length);
    expect(split.map((c) => [c.kind, c.text])).toEqual([
      ['preamble', 'RECOGNISING the role of ASEAN;'],
      ['preamble', 'COMMEND the work.'],
      ['preamble', 'UPHOLD the framework.'],
      ['operative', 'WELCOME the next meeting.'],
    ]);
  });

  it('does not split at the very start or end of a clause', () => {
    expect(splitAt(clauses, 0, 0)).toEqual(clauses);
    expect(splitAt(clauses, 0, clauses[0]?.text.length ?? 0)).toEqual(clauses);
  });

  it('removes a clause', () => {
    expect(removeClause(clauses, 0).map((c) => c.text)).toEqual([clauses[1]?.text, clauses[2]?.text]);
  });
});

describe('restoring a line the import left out', () => {
  const dropped: DroppedLine[] = [
    { text: 'A/RES/80/7', reason: 'document-symbol', before: 0 },
    { text: '1 See A/80/348.', reason: 'footnote', before: 2 },
    { text: 'Page 2', reason: 'page-number', before: 3 },
  ];

  it('puts the line back where it stood, marked for checking, with the kind beside it', () => {
    const restored = restoreDropped(clauses, dropped, 1, 'joint-statement');
    expect(restored.clauses[2]).toEqual({
      kind: 'preamble',
      text: '1 See A/80/348.',
      closeCall: 'restored: it was left out as a footnote; check its kind and place',
    });
    expect(restored.clauses).toHaveLength(4);
  });

  it('takes the line off the list and moves the lines after it down by one', () => {
    expect(restoreDropped(clauses, dropped, 1, 'joint-statement').dropped).toEqual([
      dropped[0],
      { text: 'Page 2', reason: 'page-number', before: 4 },
    ]);
  });

  it('restores a line of a report as a paragraph', () => {
    expect(restoreDropped(clauses, dropped, 0, 'chairs-report').clauses[0]?.kind).toBe('paragraph');
  });
});
