import { describe, expect, it } from 'vitest';
import type { NewClause } from '../../shared/schemas/draft.ts';
import { changeKind, mergeWithNext, removeClause, splitAt } from './clause-list-edits.ts';

const clauses: NewClause[] = [
  { kind: 'preamble', text: 'RECOGNISING the role of ASEAN;' },
  { kind: 'preamble', text: 'COMMEND the work. UPHOLD the framework.' },
  { kind: 'operative', text: 'WELCOME the next meeting.' },
];

describe('editing an imported text', () => {
  it('changes one clause’s kind and leaves the list it was given alone', () => {
    const changed = changeKind(clauses, 1, 'operative');
    expect(changed.map((c) => c.kind)).toEqual(['preamble', 'operative', 'operative']);
    expect(clauses[1]?.kind).toBe('preamble');
  });

  it('merges a clause with the next one, keeping the first one’s kind', () => {
    expect(mergeWithNext(clauses, 1)).toEqual([
      clauses[0],
      { kind: 'preamble', text: 'COMMEND the work. UPHOLD the framework. WELCOME the next meeting.' },
    ]);
    expect(mergeWithNext(clauses, 2)).toEqual(clauses);
  });

  it('splits a clause where the caret is, and not where it would leave an empty clause', () => {
    const at = 'COMMEND the work. '.length;
    expect(splitAt(clauses, 1, at).map((c) => c.text)).toEqual([
      'RECOGNISING the role of ASEAN;',
      'COMMEND the work.',
      'UPHOLD the framework.',
      'WELCOME the next meeting.',
    ]);
    expect(splitAt(clauses, 1, 0)).toEqual(clauses);
    expect(splitAt(clauses, 1, 1000)).toEqual(clauses);
  });

  it('removes a clause', () => {
    expect(removeClause(clauses, 0).map((c) => c.text)).toEqual([clauses[1]?.text, clauses[2]?.text]);
  });
});
