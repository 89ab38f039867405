import { describe, expect, it } from 'vitest';
import type { VersionClause } from '../schemas/versions.ts';
import { diffAfter, diffBefore, wordDiff } from '../word-diff.ts';
import { compareClauses, movedClauses } from './compare.ts';

const HASH = (n: number) => n.toString(16).padStart(64, '0');

function clause(id: string, text: string, label = id): VersionClause {
  // The fixtures' hashes stand for their texts: equal texts, equal hashes.
  let h = 0;
  for (const ch of text) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 1_000_000_007;
  return { id, kind: 'operative', label, text, runs: text === '' ? [] : [{ text, format: '' }], textHash: HASH(h) };
}

describe('wordDiff', () => {
  it('marks the words inserted and deleted, and spells both texts back', () => {
    const before = 'COMMEND the work of the drafting committee;';
    const after = 'COMMEND the excellent work of the committee;';
    const parts = wordDiff(before, after);
    expect(parts.filter((p) => p.op === 'inserted').map((p) => p.text.trim())).toEqual(['excellent']);
    expect(parts.filter((p) => p.op === 'deleted').map((p) => p.text.trim())).toEqual(['drafting']);
    expect(diffBefore(parts)).toBe(before);
    expect(diffAfter(parts)).toBe(after);
  });

  it('answers one kept part for equal texts and nothing for two empty ones', () => {
    expect(wordDiff('same words', 'same words')).toEqual([{ op: 'same', text: 'same words' }]);
    expect(wordDiff('', '')).toEqual([]);
  });
});

describe('movedClauses', () => {
  it('marks only the clause that moved, not those it jumped over', () => {
    expect([...movedClauses(['a', 'b', 'c', 'd'], ['b', 'c', 'd', 'a'])]).toEqual(['a']);
    expect([...movedClauses(['a', 'b', 'c'], ['a', 'b', 'c'])]).toEqual([]);
    // Deleted and added clauses are not moves.
    expect([...movedClauses(['a', 'x', 'b'], ['a', 'b', 'y'])]).toEqual([]);
  });
});

describe('compareClauses', () => {
  const from = [
    clause('p1', 'RECOGNISING the importance of dialogue;', 'preambular paragraph 1'),
    clause('o1', 'COMMEND the work of the drafting committee;', 'paragraph 1'),
    clause('o2', 'NOTE the report;', 'paragraph 2'),
    clause('o3', 'WELCOME the next meeting.', 'paragraph 3'),
  ];

  it('shows a changed, a deleted, an added and a moved clause in the later reading order', () => {
    const to = [
      clause('p1', 'RECOGNISING the importance of dialogue;', 'preambular paragraph 1'),
      clause('o3', 'WELCOME the next meeting in Manila.', 'paragraph 1'),
      clause('o1', 'COMMEND the work of the committee;', 'paragraph 2'),
      clause('o4', 'DECIDE to meet again.', 'paragraph 3'),
    ];
    const result = compareClauses(from, to);
    expect(result.map((c) => [c.clauseId, c.change, c.moved])).toEqual([
      ['p1', 'unchanged', false],
      ['o3', 'changed', true],
      ['o1', 'changed', false],
      // o2 followed o1 in the earlier text: it is shown where it stood.
      ['o2', 'deleted', false],
      ['o4', 'added', false],
    ]);
    const byId = new Map(result.map((c) => [c.clauseId, c]));
    expect(byId.get('o3')?.parts).toEqual([
      { op: 'same', text: 'WELCOME the next meeting ' },
      { op: 'inserted', text: 'in Manila' },
      { op: 'same', text: '.' },
    ]);
    expect(
      byId
        .get('o1')
        ?.parts.filter((p) => p.op === 'deleted')
        .map((p) => p.text.trim()),
    ).toEqual(['drafting']);
    expect(byId.get('o2')?.parts).toEqual([{ op: 'deleted', text: 'NOTE the report;' }]);
    expect(byId.get('o4')?.parts).toEqual([{ op: 'inserted', text: 'DECIDE to meet again.' }]);
    expect(byId.get('o3')?.fromLabel).toBe('paragraph 3');
    expect(byId.get('o3')?.label).toBe('paragraph 1');
    expect(byId.get('o4')?.fromLabel).toBeNull();
  });

  it('puts a deleted first clause first', () => {
    const result = compareClauses(from, from.slice(1));
    expect(result[0]).toMatchObject({ clauseId: 'p1', change: 'deleted' });
    expect(result.slice(1).every((c) => c.change === 'unchanged')).toBe(true);
  });

  it('names who edited a changed clause between the two times, once each, and nobody for an unchanged one', () => {
    const to = [from[0] as VersionClause, clause('o1', 'COMMEND the committee;'), ...from.slice(2)];
    const mys = { role: 'delegation', delegation: 'MYS' };
    const phl = { role: 'delegation', delegation: 'PHL' };
    const edits = [
      { clauseId: 'o1', at: '2026-01-01T09:00:00.000Z', author: phl }, // before the earlier version
      { clauseId: 'o1', at: '2026-01-01T10:05:00.000Z', author: mys },
      { clauseId: 'o1', at: '2026-01-01T10:06:00.000Z', author: mys },
      { clauseId: 'p1', at: '2026-01-01T10:07:00.000Z', author: phl }, // typed and undone
    ];
    const result = compareClauses(from, to, edits, {
      fromAt: '2026-01-01T10:00:00.000Z',
      toAt: '2026-01-01T11:00:00.000Z',
    });
    expect(result.find((c) => c.clauseId === 'o1')?.authors).toEqual([mys]);
    expect(result.find((c) => c.clauseId === 'p1')?.authors).toEqual([]);
  });
});
