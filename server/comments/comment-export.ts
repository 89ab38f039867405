import type { Actor } from '../../shared/schemas/decisions.ts';
import type { RoomRegistry } from '../collab/room-registry.ts';
import { type CommentsAnnex, type CommentsAnnexScope, commentsAnnexOf } from '../export/comments-annex.ts';
import type { ExportModel } from '../export/export-model.ts';
import type { CommentStore } from '../storage/comment-store.ts';
import type { DraftRecord } from '../storage/draft-store.ts';
import { commentsStateFor } from './comment-handler.ts';

/**
 * The comments annex of an export for the session asking: the threads it may see (its own
 * delegation's private notes included, no one else's), those of the exported clauses first.
 */
export async function commentsAnnexFor(
  deps: { stores: { comments: CommentStore }; registry: RoomRegistry },
  draft: DraftRecord,
  viewer: Actor,
  scope: CommentsAnnexScope,
  model: ExportModel,
): Promise<CommentsAnnex> {
  const { threads } = await commentsStateFor(
    { comments: deps.stores.comments, registry: deps.registry },
    draft,
    viewer,
  );
  const order = model.clauses.map((clause) => clause.id);
  const labels = new Map(model.clauses.map((clause) => [clause.id, clause.label]));
  return commentsAnnexOf(threads, scope, order, labels);
}
