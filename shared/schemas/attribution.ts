import { z } from 'zod';
import { Role } from '../roles.ts';

/**
 * Who wrote a piece of a clause's text, as the server recorded it: the role and delegation of the
 * session that first sent the Yjs client id (`role: 'server'` for text the server wrote itself:
 * a draft's original text, a clause the chair added; `'unrecorded'` for text written before the
 * server kept authorship). Sessions are never named to clients: a delegation is the author.
 */
export const EditAuthor = z.object({
  role: z.union([Role, z.literal('server'), z.literal('unrecorded')]),
  delegation: z.string().nullable(),
});
export type EditAuthor = z.infer<typeof EditAuthor>;

/** A stretch of a clause's current text typed by one author (runs spell the raw text in order). */
export const AuthorRun = z.object({ text: z.string(), author: EditAuthor });
export type AuthorRun = z.infer<typeof AuthorRun>;

/** One recorded change to a clause's text: what one update inserted or deleted at one place. */
export const ClauseEdit = z.object({
  kind: z.enum(['insert', 'delete']),
  /** Where in the clause's raw text (paragraphs joined by "\n") the change happened. */
  offset: z.number().int().min(0),
  text: z.string(),
  author: EditAuthor,
  at: z.iso.datetime(),
});
export type ClauseEdit = z.infer<typeof ClauseEdit>;

/** Edits of one author, of one kind, in one minute, merged where they touch. */
export const HistoryEntry = z.object({
  kind: z.enum(['insert', 'delete']),
  text: z.string(),
  author: EditAuthor,
  /** The minute, as the first edit's time truncated to the minute (ISO, seconds zero). */
  minute: z.iso.datetime(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** Caps of the history answer, so that a long negotiation cannot make it unbounded. */
export const HistoryLimits = {
  /** The most recent edits read to build the entries. */
  maxEdits: 5000,
  /** Entries returned, newest first. */
  maxEntries: 200,
  /** Characters of one entry's text; longer ones end in "…". */
  maxEntryText: 400,
} as const;

/** `GET /api/drafts/:id/clauses/:clauseId/history`. */
export const ClauseHistory = z.object({
  clauseId: z.string(),
  /** The clause's current text by author, in order. */
  runs: z.array(AuthorRun),
  /** Newest first, at most `HistoryLimits.maxEntries`. */
  entries: z.array(HistoryEntry).max(HistoryLimits.maxEntries),
  /** True when older edits exist beyond those the entries were built from. */
  truncated: z.boolean(),
});
export type ClauseHistory = z.infer<typeof ClauseHistory>;

/** One Yjs client id and who it is bound to. */
export const ClientAuthor = z.object({ client: z.number().int().min(0), author: EditAuthor });
export type ClientAuthor = z.infer<typeof ClientAuthor>;

/** How many bindings `GET /api/drafts/:id/authors` answers at most (a draft sees a few hundred). */
export const MAX_CLIENT_AUTHORS = 20_000;

/** `GET /api/drafts/:id/authors`: every bound client id of the draft, so a client can paint runs. */
export const DraftAuthors = z.object({ clients: z.array(ClientAuthor).max(MAX_CLIENT_AUTHORS) });
export type DraftAuthors = z.infer<typeof DraftAuthors>;

/** A key that is equal for equal authors. */
export function authorKey(author: EditAuthor): string {
  return author.delegation === null ? author.role : `${author.role}:${author.delegation}`;
}

/** How an author is named to a person: the delegation's code, or the role in words. */
export function authorLabel(author: EditAuthor): string {
  if (author.delegation !== null) return author.delegation;
  switch (author.role) {
    case 'chair':
      return 'Chair';
    case 'secretariat':
      return 'Secretariat';
    case 'observer':
      return 'Observer';
    case 'server':
      return 'Original text';
    case 'unrecorded':
      return 'Not recorded';
    default:
      return 'Delegation';
  }
}
