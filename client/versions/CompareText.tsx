import { delegationName } from '../../shared/delegation-names.ts';
import type { ChangeAuthor, ClauseComparison, Comparison } from '../../shared/schemas/versions.ts';

/** The convention of presidency compromise texts, said in words: marks are never the only sign. */
export function CompareLegend() {
  return (
    <p className="compare-legend" data-testid="compare-legend">
      <strong>New text is in bold.</strong> <s>Deleted text is struck through.</s> Unchanged text is plain.
    </p>
  );
}

function authorName(author: ChangeAuthor): string {
  if (author.delegation !== null) return delegationName(author.delegation);
  if (author.role === 'server') return 'the server (clause list)';
  if (author.role === 'unrecorded') return 'not recorded';
  return `the ${author.role}`;
}

function clauseNote(clause: ClauseComparison): string {
  if (clause.change === 'added') return 'New clause.';
  if (clause.change === 'deleted') return 'Deleted clause.';
  const moved = clause.moved ? ` Moved (was ${clause.fromLabel ?? 'elsewhere'}).` : '';
  if (clause.change === 'unchanged') return `No change.${moved}`;
  return `Changed.${moved}`;
}

/**
 * A compare as a presidency compromise text: each clause with its new words in bold and its
 * deleted words struck through, a note of what happened to it, and who changed it where known.
 * Screen readers hear "inserted" and "deleted" before each change.
 */
export function CompareText({
  comparison,
  onRestore,
}: {
  comparison: Comparison;
  /** Offered on each changed clause of a compare with now, to those who may edit. */
  onRestore?: (clause: ClauseComparison) => void;
}) {
  return (
    <div className="compare" data-testid="compare">
      <CompareLegend />
      <ol className="compare-clauses">
        {comparison.clauses.map((clause) => (
          <li key={clause.clauseId} data-testid="compare-clause" data-change={clause.change}>
            <h4>
              {clause.label} <span className="compare-note">{clauseNote(clause)}</span>
            </h4>
            <p className="compare-words">
              {clause.parts.map((part, index) => {
                const key = index;
                if (part.op === 'same') return <span key={key}>{part.text}</span>;
                if (part.op === 'inserted') {
                  return (
                    <strong key={key} className="compare-inserted">
                      <span className="visually-hidden">inserted: </span>
                      {part.text}
                    </strong>
                  );
                }
                return (
                  <s key={key} className="compare-deleted">
                    <span className="visually-hidden">deleted: </span>
                    {part.text}
                  </s>
                );
              })}
            </p>
            {clause.authors.length > 0 && (
              <p className="compare-authors">Changed by {clause.authors.map(authorName).join(', ')}.</p>
            )}
            {onRestore !== undefined && comparison.to === null && clause.change === 'changed' && (
              <button type="button" onClick={() => onRestore(clause)}>
                Restore the words of version {comparison.from.n} in {clause.label}
              </button>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
