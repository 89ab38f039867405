import type { ClauseKind, DraftKind } from '../../shared/schemas/draft.ts';
import type { DroppedLine, DroppedReason, ImportedClause } from '../../shared/schemas/import.ts';

/**
 * The edits a person makes to an imported text before creating the draft. Each returns a new
 * list and leaves the one given unchanged, so that React sees every change. A clause keeps the
 * close-call note of the import until the person settles its kind.
 */

/** Sets a clause's kind: the person has decided it, so it is no close call any more. */
export function changeKind(clauses: readonly ImportedClause[], index: number, kind: ClauseKind): ImportedClause[] {
  return clauses.map((clause, i) => (i === index ? { ...clause, kind, closeCall: null } : clause));
}

export function changeText(clauses: readonly ImportedClause[], index: number, text: string): ImportedClause[] {
  return clauses.map((clause, i) => (i === index ? { ...clause, text } : clause));
}

/** Joins a clause with the one after it, keeping the first one's kind; a space separates them. */
export function mergeWithNext(clauses: readonly ImportedClause[], index: number): ImportedClause[] {
  const first = clauses[index];
  const second = clauses[index + 1];
  if (first === undefined || second === undefined) return [...clauses];
  const merged = { ...first, text: `${first.text.trimEnd()} ${second.text.trimStart()}` };
  return [...clauses.slice(0, index), merged, ...clauses.slice(index + 2)];
}

/**
 * Splits a clause in two at a character offset (where the caret is); both keep its kind. A
 * split at the very start or end would leave an empty clause, so it changes nothing.
 */
export function splitAt(clauses: readonly ImportedClause[], index: number, offset: number): ImportedClause[] {
  const clause = clauses[index];
  if (clause === undefined) return [...clauses];
  const before = clause.text.slice(0, offset).trimEnd();
  const after = clause.text.slice(offset).trimStart();
  if (before === '' || after === '') return [...clauses];
  return [
    ...clauses.slice(0, index),
    { ...clause, text: before },
    { ...clause, text: after },
    ...clauses.slice(index + 1),
  ];
}

export function removeClause(clauses: readonly ImportedClause[], index: number): ImportedClause[] {
  return clauses.filter((_, i) => i !== index);
}

/** What a line left out was, as the review screen says it. */
export const DROPPED_REASONS: Record<DroppedReason, string> = {
  'page-number': 'a page number',
  'running-header': 'a running header or footer',
  'document-symbol': 'a document symbol',
  'job-number': 'a job number',
  footnote: 'a footnote',
  'document-header': 'a line of the document’s heading',
  'cover-page': 'the cover page',
  'export-marker': 'a mark of an exported copy',
  separator: 'a separator',
};

/** What a restored line becomes: a paragraph of a report, else a clause of the kind beside it. */
function restoredKind(clauses: readonly ImportedClause[], at: number, draftKind: DraftKind): ClauseKind {
  if (draftKind === 'chairs-report') return 'paragraph';
  const neighbour = clauses[at - 1] ?? clauses[at];
  return neighbour === undefined || neighbour.kind === 'heading' ? 'operative' : neighbour.kind;
}

/**
 * Puts a line the import left out back where it stood, as a clause marked for checking, and
 * takes it off the list of lines left out; the lines left out after it move down by one.
 */
export function restoreDropped(
  clauses: readonly ImportedClause[],
  dropped: readonly DroppedLine[],
  index: number,
  draftKind: DraftKind,
): { clauses: ImportedClause[]; dropped: DroppedLine[] } {
  const line = dropped[index];
  if (line === undefined) return { clauses: [...clauses], dropped: [...dropped] };
  const at = Math.min(line.before, clauses.length);
  const clause: ImportedClause = {
    kind: restoredKind(clauses, at, draftKind),
    text: line.text,
    closeCall: `restored: it was left out as ${DROPPED_REASONS[line.reason]}; check its kind and place`,
  };
  return {
    clauses: [...clauses.slice(0, at), clause, ...clauses.slice(at)],
    dropped: dropped
      .filter((_, i) => i !== index)
      .map((other) =>
        other.before > at || (other.before === at && dropped.indexOf(other) > index)
          ? { ...other, before: other.before + 1 }
          : other,
      ),
  };
}
