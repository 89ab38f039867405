import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import {
  CommentEvent,
  CommentsState,
  type CommentThreadView,
  type CommentView,
} from '../../shared/schemas/comments.ts';
import { commentEventsUrl } from '../api/comments.ts';

export interface Comments {
  /** Every thread this session may see, by id. */
  threads: ReadonlyMap<string, CommentThreadView>;
  /** The threads of each clause, oldest first. */
  byClause: ReadonlyMap<string, CommentThreadView[]>;
  mentionsWaiting: number;
  /** False until the first state arrived, and while the channel is away. */
  live: boolean;
  /** The comment that arrived last over the channel (not with a whole state), for the announcer. */
  arrived: { thread: CommentThreadView; comment: CommentView } | null;
}

const EMPTY: Comments = { threads: new Map(), byClause: new Map(), mentionsWaiting: 0, live: false, arrived: null };

function withClauses(
  threads: Map<string, CommentThreadView>,
  mentionsWaiting: number,
  live: boolean,
  arrived: Comments['arrived'] = null,
): Comments {
  const byClause = new Map<string, CommentThreadView[]>();
  for (const thread of [...threads.values()].sort((a, b) => a.startedSeq - b.startedSeq)) {
    const list = byClause.get(thread.clauseId) ?? [];
    list.push(thread);
    byClause.set(thread.clauseId, list);
  }
  return { threads, byClause, mentionsWaiting, live, arrived };
}

/** The comments of a whole state, as the channel sends it at each (re)connection. */
export function commentsOfState(state: CommentsState): Comments {
  return withClauses(new Map(state.threads.map((t) => [t.id, t])), state.mentionsWaiting, true);
}

/**
 * One change from the channel applied: a thread's later view (higher `seq`) replaces an earlier
 * one and an earlier one is dropped, whichever order they arrive in; the newest comment it adds
 * is the one `arrived`.
 */
export function applyCommentEvent(current: Comments, change: CommentEvent): Comments {
  if (change.type === 'mentions') return { ...current, mentionsWaiting: change.mentionsWaiting };
  const earlier = current.threads.get(change.thread.id);
  if (earlier !== undefined && earlier.seq >= change.thread.seq) return current;
  const threads = new Map(current.threads);
  threads.set(change.thread.id, change.thread);
  const known = new Set(earlier?.comments.map((c) => c.id));
  const added = change.thread.comments.findLast((c) => !known.has(c.id));
  const arrived = added === undefined ? current.arrived : { thread: change.thread, comment: added };
  return withClauses(threads, current.mentionsWaiting, current.live, arrived);
}

/**
 * The comments this session may see, kept current by the comment events channel. The channel
 * sends the whole state at every (re)connection, so nothing missed while away stays missing.
 */
export function useComments(draftId: string): Comments {
  const [comments, setComments] = useState<Comments>(EMPTY);
  useEffect(() => {
    const source = new EventSource(commentEventsUrl(draftId));
    source.addEventListener('comments', (message: MessageEvent<string>) => {
      const state = CommentsState.safeParse(JSON.parse(message.data));
      if (state.success) setComments(commentsOfState(state.data));
    });
    source.addEventListener('comment', (message: MessageEvent<string>) => {
      const event = CommentEvent.safeParse(JSON.parse(message.data));
      if (event.success) setComments((current) => applyCommentEvent(current, event.data));
    });
    source.addEventListener('error', () => setComments((current) => ({ ...current, live: false })));
    return () => source.close();
  }, [draftId]);
  return comments;
}

export const CommentsContext = createContext<Comments>(EMPTY);

export function useCommentsContext(): Comments {
  return useContext(CommentsContext);
}

/** The threads of one clause, with how many are open. */
export function useClauseThreads(clauseId: string): { threads: CommentThreadView[]; open: number } {
  const { byClause } = useCommentsContext();
  const threads = byClause.get(clauseId);
  return useMemo(
    () => ({ threads: threads ?? [], open: (threads ?? []).filter((t) => t.resolved === null).length }),
    [threads],
  );
}
