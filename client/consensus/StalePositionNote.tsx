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
}

/** Tells a delegation its position no longer counts, and shows what changed in the words since. */
export function StalePositionNote({ draftId, label, stance, takenOn, currentText }: StalePositionNoteProps) {
  const earlier = useEarlierText(draftId, takenOn);
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
