import type { ChangeAuthor, ClauseComparison, VersionClause } from '../schemas/versions.ts';
import { wordDiff } from '../word-diff.ts';

/** One recorded edit of a clause's words, as the compare reads it: which clause, who, when (ISO). */
export interface CompareEdit {
  clauseId: string;
  at: string;
  author: ChangeAuthor;
}

/**
 * The clauses both texts share that changed place: those off one longest common subsequence of
 * the shared clauses in the two orders. Moving one clause marks that one, not all it jumped over.
 */
export function movedClauses(from: readonly string[], to: readonly string[]): Set<string> {
  const inTo = new Set(to);
  const inFrom = new Set(from);
  const a = from.filter((id) => inTo.has(id));
  const b = to.filter((id) => inFrom.has(id));
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lengths[i] as number[];
      const next = lengths[i + 1] as number[];
      row[j] = a[i] === b[j] ? (next[j + 1] as number) + 1 : Math.max(next[j] as number, row[j + 1] as number);
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      kept.add(a[i] as string);
      i++;
      j++;
      // On a tie, the clause that came forward in the later text is the one that moved.
    } else if ((lengths[i + 1]?.[j] ?? 0) > (lengths[i]?.[j + 1] ?? 0)) i++;
    else j++;
  }
  return new Set(a.filter((id) => !kept.has(id)));
}

/** The distinct authors of a clause's edits after `fromAt` and up to `toAt`, in order of first edit. */
function authorsOf(edits: readonly CompareEdit[], clauseId: string, fromAt: string, toAt: string): ChangeAuthor[] {
  const seen = new Map<string, ChangeAuthor>();
  for (const edit of edits) {
    if (edit.clauseId !== clauseId || edit.at <= fromAt || edit.at > toAt) continue;
    const key = `${edit.author.role}/${edit.author.delegation ?? ''}`;
    if (!seen.has(key)) seen.set(key, { role: edit.author.role, delegation: edit.author.delegation });
  }
  return [...seen.values()];
}

/**
 * The compare of two texts of a draft, clause by clause, in the later text's reading order, each
 * deleted clause where it stood (after the clause it followed that both texts keep): per clause
 * its word diff, whether it was added, deleted or moved, and who edited it between the two times
 * where the recorded edits say. Pure: the same texts and edits give the same compare.
 */
export function compareClauses(
  from: readonly VersionClause[],
  to: readonly VersionClause[],
  edits: readonly CompareEdit[] = [],
  times: { fromAt: string; toAt: string } = { fromAt: '', toAt: '\uffff' },
): ClauseComparison[] {
  const before = new Map(from.map((c) => [c.id, c]));
  const after = new Set(to.map((c) => c.id));
  const moved = movedClauses(
    from.map((c) => c.id),
    to.map((c) => c.id),
  );
  const authors = (id: string) => authorsOf(edits, id, times.fromAt, times.toAt);
  // Deleted clauses, by the kept clause they followed ('' for the start).
  const deletedAfter = new Map<string, ClauseComparison[]>();
  let anchor = '';
  for (const clause of from) {
    if (after.has(clause.id)) {
      anchor = clause.id;
      continue;
    }
    const list = deletedAfter.get(anchor) ?? [];
    list.push({
      clauseId: clause.id,
      kind: clause.kind,
      label: clause.label,
      fromLabel: clause.label,
      change: 'deleted',
      moved: false,
      parts: clause.text === '' ? [] : [{ op: 'deleted', text: clause.text }],
      authors: authors(clause.id),
      textHash: null,
    });
    deletedAfter.set(anchor, list);
  }
  const result: ClauseComparison[] = [...(deletedAfter.get('') ?? [])];
  for (const clause of to) {
    const earlier = before.get(clause.id);
    if (earlier === undefined) {
      result.push({
        clauseId: clause.id,
        kind: clause.kind,
        label: clause.label,
        fromLabel: null,
        change: 'added',
        moved: false,
        parts: clause.text === '' ? [] : [{ op: 'inserted', text: clause.text }],
        authors: authors(clause.id),
        textHash: clause.textHash,
      });
    } else {
      const same = earlier.textHash === clause.textHash;
      result.push({
        clauseId: clause.id,
        kind: clause.kind,
        label: clause.label,
        fromLabel: earlier.label,
        change: same ? 'unchanged' : 'changed',
        moved: moved.has(clause.id),
        parts: same ? [{ op: 'same', text: clause.text }] : wordDiff(earlier.text, clause.text),
        authors: same ? [] : authors(clause.id),
        textHash: clause.textHash,
      });
    }
    result.push(...(deletedAfter.get(clause.id) ?? []));
  }
  return result;
}
