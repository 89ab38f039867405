import type { Stance } from '../../shared/schemas/decisions.ts';
import { useEarlierText } from './use-earlier-text.ts';
import { WordDiff } from './WordDiff.tsx';

export interface StalePositionNoteProps {
  draftId: string;
  label: string;
  stance: Stance;
  /** The hash of the text the position was taken on. */
  takenOn: string;
  currentText: string;
  /** Set when the words are the same but the clause moved: the number it had, and has now. */
  renumbered: { from: string | null; to: string | null } | null;
}

/** Tells a delegation its position no longer counts, and shows what changed in the words since. */
export function StalePositionNote(props: StalePositionNoteProps) {
  const { draftId, label, stance, takenOn, currentText, renumbered } = props;
  const earlier = useEarlierText(draftId, takenOn);
  if (renumbered !== null) {
    // Same words at another place: what was agreed was "paragraph 3", which footnotes cite.
    return (
      <div className="note stale-note" data-testid="stale-note">
        <p>
          {`You ${stance === 'endorsed' ? 'endorsed' : 'reserved on'} these words when they were ${renumbered.from ?? 'unnumbered'}. The clause list changed and they are now ${label}, so that position no longer counts: the words are the same, take your position again at their new place.`}
        </p>
      </div>
    );
  }
  return (
    <div className="note stale-note" data-testid="stale-note">
      <p>
        You {stance === 'endorsed' ? 'endorsed' : 'reserved on'} an earlier text of {label}; that position no longer
        counts. Read what changed, then take your position on the current words.
      </p>
      {earlier?.status === 'found' && <WordDiff before={earlier.text} after={currentText} />}
      {earlier?.status === 'missing' && <p>{earlier.why}</p>}
    </div>
  );
}
