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
  // Where each change starts in the earlier and the current text: its key, unique to it.
  let atBefore = 0;
  let atAfter = 0;
  if (!changes.some((change) => change.added || change.removed)) {
    return (
      <p className="word-diff">The words are the same; only their emphasis (bold, italic or underline) changed.</p>
    );
  }
  return (
    <p className="word-diff" data-testid="word-diff">
      {changes.map((change) => {
        const Mark = change.removed ? 'del' : change.added ? 'ins' : null;
        const key = `${Mark ?? 'same'}-${atBefore}-${atAfter}`;
        if (!change.added) atBefore += change.value.length;
        if (!change.removed) atAfter += change.value.length;
        if (Mark === null) return <span key={key}>{change.value}</span>;
        return (
          <Mark key={key}>
            <span className="visually-hidden">{change.removed ? 'removed: ' : 'added: '}</span>
            {change.value}
          </Mark>
        );
      })}
    </p>
  );
}
