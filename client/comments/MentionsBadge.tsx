import { useId, useState } from 'react';
import { sendCommentCommand } from '../api/comments.ts';
import { authorWords } from './ClauseComments.tsx';
import { useCommentsContext } from './use-comments.ts';

/**
 * The header's count of comments mentioning this delegation since it last opened them. Opening
 * the list marks them read (on the server, for every official of the delegation).
 */
export function MentionsBadge(props: {
  draftId: string;
  delegation: string;
  labels: ReadonlyMap<string, string>;
  onJump: (clauseId: string) => void;
}) {
  const { threads, mentionsWaiting } = useCommentsContext();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const mentions = [...threads.values()].flatMap((thread) =>
    thread.comments
      .filter((c) => c.mentions.includes(props.delegation) && c.author.delegation !== props.delegation)
      .map((comment) => ({ thread, comment })),
  );
  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next && mentionsWaiting > 0) void sendCommentCommand(props.draftId, { type: 'read-mentions' }).catch(() => {});
  };
  const words = mentionsWaiting === 1 ? '1 new mention' : `${mentionsWaiting} new mentions`;
  return (
    <span className="mentions">
      <button
        className="comment-button"
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={toggle}
        data-testid="mentions"
      >
        {mentionsWaiting > 0 ? <span className="mentions-count">{words}</span> : 'Mentions'}
      </button>
      {open && (
        <section id={listId} className="mentions-list" aria-label={`Comments mentioning ${props.delegation}`}>
          {mentions.length === 0 ? (
            <p>No comment mentions {props.delegation} yet.</p>
          ) : (
            <ul>
              {mentions.map(({ thread, comment }) => (
                <li key={comment.id}>
                  <button className="comment-button" type="button" onClick={() => props.onJump(thread.clauseId)}>
                    {props.labels.get(thread.clauseId) ?? 'A clause'}
                  </button>{' '}
                  {authorWords(comment.author)}: <span className="comment-text">{comment.text}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </span>
  );
}
