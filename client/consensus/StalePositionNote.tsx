import { delegationName } from '../../shared/delegation-names.ts';
import type { Stance } from '../../shared/schemas/decisions.ts';
import type { ChangesSince } from './text-change-authors.ts';
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
  /** Who changed the words since, when this screen saw it happen; null when it did not. */
  changes: ChangesSince | null;
  /** The delegation reading it, whose other officials' changes are theirs. */
  you: string | null;
  /** When the position was taken (ISO), and how to open the compare of that version with now; absent: no link. */
  takenAt?: string;
  onCompareSince?: (at: string) => void;
}

/**
 * Tells a delegation its position no longer counts, who changed the words when the room saw it
 * (the server does not record who edits text), and shows what changed since; or, when only the
 * clause's number changed, that it moved.
 */
export function StalePositionNote(props: StalePositionNoteProps) {
  const { draftId, label, stance, takenOn, currentText, renumbered, changes, you, takenAt, onCompareSince } = props;
  const earlier = useEarlierText(draftId, takenOn);
  const verb = stance === 'endorsed' ? 'endorsed' : 'reserved on';
  if (renumbered !== null) {
    // Same words at another place: what was agreed was "paragraph 3", which footnotes cite.
    return (
      <div className="note stale-note" data-testid="stale-note">
        <p>
          {`You ${verb} these words when they were ${renumbered.from ?? 'unnumbered'}. The clause list changed and they are now ${label}, so that position no longer counts: the words are the same, take your position again at their new place.`}
        </p>
      </div>
    );
  }
  return (
    <div className="note stale-note" data-testid="stale-note">
      <p>
        You {verb} an earlier text of {label}; that position no longer counts.{' '}
        <span data-testid="changed-by">{changedBy(changes, you, stance)}</span> Read what changed, then take your
        position on the current words.
      </p>
      {earlier?.status === 'found' && <WordDiff before={earlier.text} after={currentText} />}
      {earlier?.status === 'missing' && <p>{earlier.why}</p>}
      {takenAt !== undefined && onCompareSince !== undefined && (
        <button type="button" className="link-button" onClick={() => onCompareSince(takenAt)}>
          Compare the whole text since your position
        </button>
      )}
    </div>
  );
}

/** "The Philippines and the chair changed it since.", or only that it changed when nobody is known. */
export function changedBy(changes: ChangesSince | null, you: string | null, stance: Stance): string {
  const since = stance === 'endorsed' ? 'since you endorsed it' : 'since you reserved on it';
  if (changes === null) return `The text changed ${since}.`;
  const names = changes.names.map((name) => personName(name, you));
  if (changes.byYou) names.push('you');
  if (names.length === 0) return `The text changed ${since}.`;
  const who = joinNames(names) + (changes.unknown ? ' and perhaps others' : '');
  return `${who[0]?.toUpperCase() ?? ''}${who.slice(1)} changed it ${since}.`;
}

/** How a presence's name reads in a sentence: "the Philippines", "the chair". */
function personName(name: string, you: string | null): string {
  if (name === you) return 'another official of your delegation';
  if (/^[A-Z]{3}$/.test(name)) return delegationName(name);
  return `the ${name}`;
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
