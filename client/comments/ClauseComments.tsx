import { type FormEvent, useCallback, useId, useRef, useState } from 'react';
import { resolveSpan } from '../../shared/comments/comment-anchor.ts';
import { canComment, canKeepPrivateNotes, canResolveThread } from '../../shared/comments/comment-threads.ts';
import type {
  CommentAuthor,
  CommentSpan,
  CommentThreadView,
  CommentVisibility,
} from '../../shared/schemas/comments.ts';
import { COMMENT_MAX_CHARS } from '../../shared/schemas/comments.ts';
import { sendCommentCommand } from '../api/comments.ts';
import { ApiError } from '../api/fetch-json.ts';
import { useDocVersion } from '../consensus/use-doc-version.ts';
import { useRoom } from '../room/room-context.tsx';
import { decisionTime } from '../ui/decision-time.ts';
import { useCommentHighlights } from './comment-highlights.ts';
import { selectedSpan } from './comment-span.ts';
import { useClauseThreads } from './use-comments.ts';

export function authorWords(author: CommentAuthor): string {
  if (author.role === 'delegation') return author.delegation ?? 'A delegation';
  return author.role === 'chair' ? 'The chair' : 'The secretariat';
}

function failure(error: unknown): string {
  return error instanceof ApiError ? error.message : 'The comment could not be sent. Try again.';
}

/** How many comment threads a clause has, on its card (shown whether or not it is near). */
export function CommentCount({ clauseId }: { clauseId: string }) {
  const { threads, open } = useClauseThreads(clauseId);
  if (threads.length === 0) return null;
  return (
    <span className="comment-count" data-testid="comment-count">
      {threads.length} {threads.length === 1 ? 'comment thread' : 'comment threads'}
      {open < threads.length ? `, ${open} open` : ''}
    </span>
  );
}

/**
 * A clause's comment threads: listed with their replies, a form for a new one (on the whole
 * clause or on the selected words), reply, resolve and re-open. Everything written is shown as
 * text. The spans of open threads are painted over the editor (see `comment-highlights.ts`).
 */
export function ClauseComments({ clauseId, label }: { clauseId: string; label: string }) {
  const room = useRoom();
  const { you } = room.draft;
  const actor = { session: '', role: you.role, delegation: you.delegation };
  const { threads, open } = useClauseThreads(clauseId);
  const [expanded, setExpanded] = useState(false);
  const [span, setSpan] = useState<CommentSpan | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const panelId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const card = useCallback(() => document.getElementById(`clause-${clauseId}`), [clauseId]);
  useCommentHighlights(clauseId, room.doc, threads, card);

  const commentOnSelection = () => {
    const editor = card()?.querySelector<HTMLElement>('.clause-editor') ?? null;
    const selected = editor === null ? null : selectedSpan(room.doc, clauseId, editor);
    setExpanded(true);
    if (selected === null) {
      setSpan(null);
      setStatus(`Select words in ${label} first, then choose “Comment on selected words”.`);
    } else if ('problem' in selected) {
      setStatus(selected.problem);
    } else {
      setSpan(selected.span);
      setStatus(null);
    }
    requestAnimationFrame(() => panel.current?.querySelector<HTMLTextAreaElement>('textarea')?.focus());
  };

  const buttonWords = `Comments${threads.length > 0 ? ` (${open} open of ${threads.length})` : ''}`;
  return (
    <div className="clause-comments" data-testid="clause-comments">
      <div className="comment-buttons">
        <button
          className="comment-button"
          type="button"
          aria-expanded={expanded}
          aria-controls={panelId}
          aria-label={`${buttonWords} on ${label}`}
          onClick={() => setExpanded((was) => !was)}
        >
          {buttonWords}
        </button>
        {canComment(actor) && (
          // Pressed with the mouse, the button must not take the selection away before it is read.
          <button
            className="comment-button"
            type="button"
            onMouseDown={(event) => event.preventDefault()}
            onClick={commentOnSelection}
          >
            Comment on selected words
          </button>
        )}
      </div>
      {expanded && (
        <section className="comment-panel" id={panelId} ref={panel} aria-label={`Comments on ${label}`}>
          {threads.length === 0 && <p className="comment-empty">No comments on {label} yet.</p>}
          <ol className="comment-threads">
            {threads.map((thread) => (
              <CommentThread key={thread.id} thread={thread} canResolve={canResolveThread(actor, thread)} />
            ))}
          </ol>
          {canComment(actor) && (
            <NewThreadForm
              clauseId={clauseId}
              label={label}
              span={span}
              privateNotes={canKeepPrivateNotes(actor)}
              delegation={you.delegation}
              onClearSpan={() => setSpan(null)}
              onSent={() => {
                setSpan(null);
                setStatus('Comment added.');
              }}
            />
          )}
          <p className="comment-status" role="status">
            {status}
          </p>
        </section>
      )}
    </div>
  );
}

function SpanQuote({ thread }: { thread: CommentThreadView }) {
  const room = useRoom();
  // Read in this browser's text, as it changes: the words' fate shows at once.
  useDocVersion(room.doc, 500);
  if (thread.span === null) return null;
  const words = resolveSpan(room.doc, thread.clauseId, thread.span)?.words.trim() ?? '';
  if (words === '') {
    return (
      <p className="comment-quote comment-quote-deleted" data-testid="comment-quote">
        The words this was about were deleted: “{thread.span.quote}”
      </p>
    );
  }
  return (
    <p className="comment-quote" data-testid="comment-quote">
      On the words “{words}”
    </p>
  );
}

function CommentThread({ thread, canResolve }: { thread: CommentThreadView; canResolve: boolean }) {
  const room = useRoom();
  const [reply, setReply] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const replyId = useId();
  const send = async (command: Parameters<typeof sendCommentCommand>[1]) => {
    setBusy(true);
    setError(null);
    try {
      await sendCommentCommand(room.draft.id, command);
      return true;
    } catch (caught: unknown) {
      setError(failure(caught));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const onReply = async (event: FormEvent) => {
    event.preventDefault();
    if (reply.trim() === '') return;
    if (await send({ type: 'reply', threadId: thread.id, text: reply })) setReply('');
  };
  const priv = thread.visibility === 'delegation';
  return (
    <li
      className={`comment-thread${thread.resolved !== null ? ' comment-thread-resolved' : ''}${priv ? ' comment-thread-private' : ''}`}
      data-testid="comment-thread"
    >
      <p className="comment-thread-head">
        {priv && <span className="comment-private">Private note: only {thread.owner} sees it. </span>}
        {thread.resolved === null ? (
          <span>Open</span>
        ) : (
          <span>
            Resolved by {authorWords(thread.resolved.by)} at {decisionTime(thread.resolved.at)}
          </span>
        )}
      </p>
      <SpanQuote thread={thread} />
      <ol className="comments">
        {thread.comments.map((comment) => (
          <li key={comment.id} className="comment" data-testid="comment">
            <span className="comment-author">{authorWords(comment.author)}</span>{' '}
            <time dateTime={comment.at}>{decisionTime(comment.at)}</time>
            <p className="comment-text">{comment.text}</p>
          </li>
        ))}
      </ol>
      {canResolve && (
        <button
          className="comment-button"
          type="button"
          disabled={busy}
          onClick={() => void send({ type: thread.resolved === null ? 'resolve' : 'reopen', threadId: thread.id })}
        >
          {thread.resolved === null ? 'Resolve' : 'Re-open'}
        </button>
      )}
      {canComment({ role: room.draft.you.role }) && (
        <form className="comment-reply" onSubmit={(event) => void onReply(event)}>
          <label htmlFor={replyId}>Reply</label>
          <textarea
            id={replyId}
            value={reply}
            maxLength={COMMENT_MAX_CHARS}
            rows={2}
            onChange={(event) => setReply(event.target.value)}
          />
          <button className="comment-button" type="submit" disabled={busy || reply.trim() === ''}>
            Send reply
          </button>
        </form>
      )}
      {error !== null && (
        <p className="comment-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function NewThreadForm(props: {
  clauseId: string;
  label: string;
  span: CommentSpan | null;
  privateNotes: boolean;
  delegation: string | null;
  onClearSpan: () => void;
  onSent: () => void;
}) {
  const room = useRoom();
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<CommentVisibility>('everyone');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const textId = useId();
  const hintId = useId();
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      await sendCommentCommand(room.draft.id, {
        type: 'start-thread',
        clauseId: props.clauseId,
        span: props.span,
        text,
        visibility,
      });
      setText('');
      props.onSent();
    } catch (caught: unknown) {
      setError(failure(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="comment-new" onSubmit={(event) => void onSubmit(event)}>
      {props.span !== null && (
        <p className="comment-quote">
          On the words “{props.span.quote}”{' '}
          <button className="comment-button" type="button" onClick={props.onClearSpan}>
            Comment on the whole clause instead
          </button>
        </p>
      )}
      <label htmlFor={textId}>New comment on {props.label}</label>
      <textarea
        id={textId}
        aria-describedby={hintId}
        value={text}
        maxLength={COMMENT_MAX_CHARS}
        rows={3}
        onChange={(event) => setText(event.target.value)}
      />
      <p className="comment-hint" id={hintId}>
        Mention a delegation with @ and its code, for example @
        {room.draft.delegations.find((code) => code !== props.delegation) ?? room.draft.delegations[0] ?? 'MYS'}. At
        most {COMMENT_MAX_CHARS.toLocaleString('en-GB')} characters.
      </p>
      {props.privateNotes && (
        <fieldset className="comment-visibility">
          <legend>Who sees it</legend>
          <label>
            <input
              type="radio"
              name={`${textId}-visibility`}
              checked={visibility === 'everyone'}
              onChange={() => setVisibility('everyone')}
            />
            Everyone in the room
          </label>
          <label>
            <input
              type="radio"
              name={`${textId}-visibility`}
              checked={visibility === 'delegation'}
              onChange={() => setVisibility('delegation')}
            />
            Only my delegation ({props.delegation}): a private note
          </label>
        </fieldset>
      )}
      <button className="comment-button" type="submit" disabled={busy || text.trim() === ''}>
        {visibility === 'delegation' ? 'Add private note' : 'Add comment'}
      </button>
      {error !== null && (
        <p className="comment-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
