import type { Hono } from 'hono';
import { clientSpans } from '../../shared/attribution/clause-items.ts';
import { groupHistory } from '../../shared/attribution/history-grouping.ts';
import { clauseRootName, clauseTextRoot } from '../../shared/doc-layout.ts';
import { ErrorCode } from '../../shared/errors.ts';
import {
  type AuthorRun,
  type ClauseHistory,
  type DraftAuthors,
  type EditAuthor,
  HistoryLimits,
  MAX_CLIENT_AUTHORS,
} from '../../shared/schemas/attribution.ts';
import { ClauseId } from '../../shared/schemas/draft.ts';
import type { RoomRegistry } from '../collab/room-registry.ts';
import { HttpError, parseOr400 } from '../http-error.ts';
import type { StoredAuthor } from '../storage/document-store.ts';
import type { Stores } from '../storage/stores.ts';
import { participant } from './api-routes.ts';

export interface AttributionRouteDeps {
  stores: Stores;
  registry: RoomRegistry;
  now: () => Date;
}

/** What a client is told of an author: the role and delegation, never the session. */
function publicAuthor(author: StoredAuthor): EditAuthor {
  return { role: author.role, delegation: author.delegation };
}

/** Text whose client id has no binding was written before the server kept authorship. */
const UNRECORDED: EditAuthor = { role: 'unrecorded', delegation: null };

/**
 * The record of who wrote what, for every participant of the draft (it is the record, as the
 * audit log is): `GET /api/drafts/:id/authors` (every bound client id, to paint a clause's runs
 * from the client's own document) and `GET /api/drafts/:id/clauses/:clauseId/history` (the
 * clause's current runs by author and its edits grouped by author and minute).
 */
export function registerAttributionRoutes(app: Hono, deps: AttributionRouteDeps): void {
  app.get('/api/drafts/:id/authors', async (c) => {
    const { draft } = await participant(c, deps);
    const bindings = await deps.stores.documents.loadClientBindings(draft.id);
    const body: DraftAuthors = {
      clients: bindings
        .slice(0, MAX_CLIENT_AUTHORS)
        .map(({ client, author }) => ({ client, author: publicAuthor(author) })),
    };
    return c.json(body, 200, { 'Cache-Control': 'no-store' });
  });

  app.get('/api/drafts/:id/clauses/:clauseId/history', async (c) => {
    const { draft } = await participant(c, deps);
    const clauseId = parseOr400(ClauseId, c.req.param('clauseId'), 'clause id');
    const [bindings, recorded] = await Promise.all([
      deps.stores.documents.loadClientBindings(draft.id),
      deps.stores.documents.loadClauseEdits(draft.id, clauseId, HistoryLimits.maxEdits),
    ]);
    const authors = new Map(bindings.map(({ client, author }) => [client, publicAuthor(author)]));
    const spans = await deps.registry.withRoom(draft.id, async (room) => {
      await room.drain();
      // A clause the document never had (not a deleted one: its root stays) is not found.
      if (!room.doc.share.has(clauseRootName(clauseId))) return null;
      return clientSpans(clauseTextRoot(room.doc, clauseId));
    });
    if (spans === null) throw new HttpError(404, ErrorCode.notFound, 'This draft has no clause with this id.');
    const runs: AuthorRun[] = [];
    let end = 0;
    for (const span of spans) {
      const author = authors.get(span.client) ?? UNRECORDED;
      const last = runs.at(-1);
      // The gaps between spans are paragraph breaks: kept, so that the runs spell the raw text.
      const breaks = '\n'.repeat(span.start - end);
      end = span.end;
      if (last !== undefined && sameAuthor(last.author, author)) last.text += breaks + span.text;
      else {
        if (last !== undefined) last.text += breaks;
        runs.push({ text: span.text, author });
      }
    }
    const body: ClauseHistory = {
      clauseId,
      runs,
      entries: groupHistory(
        recorded.edits.map((edit) => ({
          kind: edit.kind,
          offset: edit.offset,
          text: edit.text,
          author: publicAuthor(edit.author),
          at: edit.at,
        })),
      ),
      truncated: recorded.more,
    };
    return c.json(body, 200, { 'Cache-Control': 'no-store' });
  });
}

function sameAuthor(a: EditAuthor, b: EditAuthor): boolean {
  return a.role === b.role && a.delegation === b.delegation;
}
