import type { SessionInfo } from '../../shared/schemas/draft.ts';
import { authorWords } from './ClauseComments.tsx';
import { useCommentsContext } from './use-comments.ts';

/** How much of a comment a screen reader hears when it arrives; the thread holds it whole. */
const SPOKEN_CHARS = 120;

/**
 * Tells a screen reader of each comment someone else writes, as it arrives: "New comment on
 * Preamble 1 from MYS: …". Private notes arrive only to their delegation, so only it hears them.
 */
export function CommentAnnouncer({ you, labels }: { you: SessionInfo; labels: ReadonlyMap<string, string> }) {
  const { arrived } = useCommentsContext();
  const mine =
    arrived !== null &&
    arrived.comment.author.role === you.role &&
    (you.role !== 'delegation' || arrived.comment.author.delegation === you.delegation);
  const text = arrived?.comment.text ?? '';
  const words =
    arrived === null || mine
      ? ''
      : `New ${arrived.thread.visibility === 'delegation' ? 'private note' : 'comment'} on ${
          labels.get(arrived.thread.clauseId) ?? 'a clause'
        } from ${authorWords(arrived.comment.author)}: ${text.length > SPOKEN_CHARS ? `${text.slice(0, SPOKEN_CHARS)}…` : text}`;
  return (
    <p className="visually-hidden" role="status" data-testid="comment-announcer">
      {words}
    </p>
  );
}
