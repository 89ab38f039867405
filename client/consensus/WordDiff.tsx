import { diffWords } from 'diff';

export interface WordDiffProps {
  before: string;
  after: string;
}

/**
 * What changed between two texts of a clause, word by word: removed words struck through,
 * added words underlined. Screen readers hear "removed" and "added" before each change, since
 * the marks alone are visual.
 */
export function WordDiff({ before, after }: WordDiffProps) {
  const changes = diffWords(before, after);
  if (!changes.some((change) => change.added || change.removed)) {
    return <p className="word-diff">The words are the same; only their formatting changed.</p>;
  }
  return (
    <p className="word-diff" data-testid="word-diff">
      {changes.map((change, i) => {
        // Index keys are right here: the list is rebuilt whole for every pair of texts.
        if (change.removed) {
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <del key={i}>
              <span className="visually-hidden">removed: </span>
              {change.value}
            </del>
          );
        }
        if (change.added) {
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <ins key={i}>
              <span className="visually-hidden">added: </span>
              {change.value}
            </ins>
          );
        }
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        return <span key={i}>{change.value}</span>;
      })}
    </p>
  );
}
