import type { CommentStore } from './comment-store.ts';
import type { DecisionStore } from './decision-store.ts';
import type { DocumentStore } from './document-store.ts';
import type { DraftStore } from './draft-store.ts';

/**
 * Everything the server keeps, by aggregate. Rooms see only the document store; routes and
 * command handlers the others. Each store is an interface with one adapter per database
 * (`sqlite/` is the embedded default), all of which pass `store-contract.ts`.
 */
export interface Stores {
  drafts: DraftStore;
  documents: DocumentStore;
  decisions: DecisionStore;
  /** Comment threads and private notes: their own log, never the decisions' events. */
  comments: CommentStore;
  /**
   * Why the stores cannot be trusted any more (their database was deleted, replaced, or is
   * unreachable), or null while they work: what the health check reports.
   */
  problem(): string | null;
  close(): Promise<void>;
}
