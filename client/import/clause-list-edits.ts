import type { ClauseKind, NewClause } from '../../shared/schemas/draft.ts';

/**
 * The edits a person makes to an imported text before creating the draft. Each returns a new
 * list and leaves the one given unchanged, so that React sees every change.
 */

export function changeKind(clauses: readonly NewClause[], index: number, kind: ClauseKind): NewClause[] {
  return clauses.map((clause, i) => (i === index ? { ...clause, kind } : clause));
}

export function changeText(clauses: readonly NewClause[], index: number, text: string): NewClause[] {
  return clauses.map((clause, i) => (i === index ? { ...clause, text } : clause));
}

/** Joins a clause with the one after it, keeping the first one's kind; a space separates them. */
export function mergeWithNext(clauses: readonly NewClause[], index: number): NewClause[] {
  const first = clauses[index];
  const second = clauses[index + 1];
  if (first === undefined || second === undefined) return [...clauses];
  const merged = { kind: first.kind, text: `${first.text.trimEnd()} ${second.text.trimStart()}` };
  return [...clauses.slice(0, index), merged, ...clauses.slice(index + 2)];
}

/**
 * Splits a clause in two at a character offset (where the caret is); both keep its kind. A
 * split at the very start or end would leave an empty clause, so it changes nothing.
 */
export function splitAt(clauses: readonly NewClause[], index: number, offset: number): NewClause[] {
  const clause = clauses[index];
  if (clause === undefined) return [...clauses];
  const before = clause.text.slice(0, offset).trimEnd();
  const after = clause.text.slice(offset).trimStart();
  if (before === '' || after === '') return [...clauses];
  return [
    ...clauses.slice(0, index),
    { kind: clause.kind, text: before },
    { kind: clause.kind, text: after },
    ...clauses.slice(index + 1),
  ];
}

export function removeClause(clauses: readonly NewClause[], index: number): NewClause[] {
  return clauses.filter((_, i) => i !== index);
}
