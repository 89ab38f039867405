import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { canSeeThread } from '../../shared/comments/comment-threads.ts';
import { ErrorCode } from '../../shared/errors.ts';
import { CommentCommand, type CommentEvent } from '../../shared/schemas/comments.ts';
import type { SessionLimits } from '../auth/session-limits.ts';
import type { RoomRegistry } from '../collab/room-registry.ts';
import type { CommentChange, CommentEvents } from '../comments/comment-events.ts';
import { commentAuditFor, commentsStateFor, handleCommentCommand } from '../comments/comment-handler.ts';
import { HttpError, parseOr400, readJson } from '../http-error.ts';
import type { CommentStore } from '../storage/comment-store.ts';
import type { DraftStore } from '../storage/draft-store.ts';
import { participant } from './api-routes.ts';

export interface CommentRouteDeps {
  stores: { drafts: DraftStore; comments: CommentStore };
  registry: RoomRegistry;
  events: CommentEvents;
  sessionLimits: SessionLimits;
  now: () => Date;
}

const EVENTS_HEARTBEAT_MS = 25_000;

const limitCommentBody = bodyLimit({
  // A comment of 4,000 characters, each up to 4 bytes in UTF-8 and escaped, with its span.
  maxSize: 32 * 1024,
  onError: () => {
    throw new HttpError(413, ErrorCode.payloadTooLarge, 'A comment command is at most 32 KiB.');
  },
});

/**
 * Comment threads: commands, the threads a session may see, and their own events channel. Every
 * answer and every event is filtered for the session asking: a delegation's private notes reach
 * that delegation's sessions only.
 */
export function registerCommentRoutes(app: Hono, deps: CommentRouteDeps): void {
  const context = { comments: deps.stores.comments, registry: deps.registry, events: deps.events, now: deps.now };

  app.post('/api/drafts/:id/comments', limitCommentBody, async (c) => {
    const { draft, actor } = await participant(c, deps);
    const command = parseOr400(CommentCommand, await readJson(c), 'comment command');
    const entry = await handleCommentCommand(context, draft, actor, command);
    return c.json({ accepted: true, threadId: entry.threadId, commentId: entry.commentId, at: entry.at }, 200);
  });

  app.get('/api/drafts/:id/comments', async (c) => {
    const { draft, actor } = await participant(c, deps);
    return c.json(await commentsStateFor(context, draft, actor));
  });

  app.get('/api/drafts/:id/comments/audit', async (c) => {
    const { draft, actor } = await participant(c, deps);
    return c.json({ draftId: draft.id, entries: await commentAuditFor(context, draft, actor) });
  });

  /**
   * Server-Sent Events without ids: on every (re)connection the session first receives the whole
   * state it may see (`comments`), then each change it may see (`comment`). A session never
   * learns that a change it may not see happened: there is no sequence number to show a gap.
   */
  app.get('/api/drafts/:id/comments/events', async (c) => {
    const { draft, actor, session } = await participant(c, deps);
    let abort: () => void = () => {};
    const lease = deps.sessionLimits.openStream(session.idHash, {
      linkId: session.linkId,
      expiresAt: session.expiresAt,
      close: () => abort(),
    });
    if (lease === null) {
      throw new HttpError(
        429,
        ErrorCode.tooManyRequests,
        'This session has too many events channels open: close other tabs of this draft, then reload.',
      );
    }
    const eventsFor = (change: CommentChange): CommentEvent[] => {
      const events: CommentEvent[] = [];
      if (change.thread !== null && canSeeThread(actor, change.thread))
        events.push({ type: 'thread', thread: change.thread });
      const mentions =
        actor.role === 'delegation' && actor.delegation !== null
          ? change.mentionsWaiting.get(actor.delegation)
          : undefined;
      if (mentions !== undefined) events.push({ type: 'mentions', mentionsWaiting: mentions });
      return events;
    };
    return streamSSE(c, async (stream) => {
      abort = () => stream.abort();
      const send = async (change: CommentChange) => {
        for (const event of eventsFor(change)) await stream.writeSSE({ event: 'comment', data: JSON.stringify(event) });
      };
      const live: CommentChange[] = [];
      let catchingUp = true;
      // Listen before reading the state, so that nothing written in between is missed.
      const unsubscribe = deps.events.subscribe(draft.id, (change) => {
        if (catchingUp) live.push(change);
        else void send(change);
      });
      const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n'), EVENTS_HEARTBEAT_MS);
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
      try {
        const state = await commentsStateFor(context, draft, actor);
        await stream.writeSSE({ event: 'comments', data: JSON.stringify(state) });
        // Changes heard while the state was read may be in it already: a client keeps the later view.
        for (const change of live.splice(0)) await send(change);
        catchingUp = false;
        await closed;
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
        lease.release();
      }
    });
  });
}
