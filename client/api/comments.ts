import { z } from 'zod';
import type { CommentCommand } from '../../shared/schemas/comments.ts';
import { fetchJson } from './fetch-json.ts';

const CommentAccepted = z.object({
  accepted: z.literal(true),
  threadId: z.string().nullable(),
  commentId: z.string().nullable(),
  at: z.string(),
});

/** Sends a comment command; a refusal arrives as an ApiError with the server's code and message. */
export function sendCommentCommand(draftId: string, command: CommentCommand) {
  return fetchJson(CommentAccepted, `/api/drafts/${encodeURIComponent(draftId)}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(command),
  });
}

/** The comment events channel: the whole visible state at each (re)connection, then each change. */
export function commentEventsUrl(draftId: string): string {
  return `/api/drafts/${encodeURIComponent(draftId)}/comments/events`;
}
