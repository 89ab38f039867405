import type { EditAuthor } from '../../shared/schemas/attribution.ts';
/**
 * The text of every draft as Yjs keeps it: an append-only log of updates, folded now and then
 * into a snapshot. The only store a room sees.
 *
 * Durability contract: when `appendUpdates` resolves, the updates are committed and survive a
 * crash of the process. Rooms broadcast an update only after that.
 */
export interface DocumentStore {
  /**
   * Stores a new draft's initial document (its draft record must exist); every client id in it
   * is bound to the server (`SERVER_AUTHOR`), in the same transaction.
   */
  createDocument(draftId: string, initialState: Uint8Array): Promise<void>;
  /** The latest snapshot and every logged update after it, in order. */
  loadDocument(draftId: string): Promise<StoredDocument>;
  /**
   * Appends updates to the draft's log in order and commits them in one transaction (a group
   * commit: one sync to disk for all); resolves with the sequence number of the last.
   *
   * With `locksVersion` (several instances share the draft), the append is refused whole with
   * `LocksMovedError` if a decision that locks text (shared/consensus/text-lock-changes.ts) was
   * recorded since the guards judged these updates by the locks of that version: checked under
   * the draft's lock, which that decision held too. One writer (SQLite) never needs it.
   */
  appendUpdates(
    draftId: string,
    updates: readonly Uint8Array[],
    attribution?: readonly UpdateAttribution[],
    locksVersion?: number,
  ): Promise<number>;
  /**
   * What was logged after update `afterSeq`, for an instance that holds the document up to it
   * and missed what other instances appended since: every update after it, in order, with its
   * number. If a compaction folded part of that into the snapshot, the snapshot comes first and
   * the updates after it follow. Read in one snapshot of the database.
   */
  loadUpdatesAfter(draftId: string, afterSeq: number): Promise<UpdatesAfter>;
  /**
   * Binds client ids to an author outside an update: the ids the server itself writes with
   * (a room's doc before its change to the clause list is stored). An id already bound keeps its binding.
   */
  bindClients(draftId: string, clients: readonly number[], author: StoredAuthor): Promise<void>;
  /** Every client id of the draft with the author it is bound to. */
  loadClientBindings(draftId: string): Promise<ClientBinding[]>;
  /**
   * The most recent `limit` recorded edits of a clause, oldest first, and whether older ones
   * exist. Edits are kept apart from the log: compaction removes none.
   */
  loadClauseEdits(
    draftId: string,
    clauseId: string,
    limit: number,
  ): Promise<{ edits: StoredClauseEdit[]; more: boolean }>;
  /**
   * Who edited each of `clauseIds` after `window.after` and up to `window.upTo` (ISO times), as
   * the recorded edits say: one entry per clause and author (role and delegation: two officials
   * of one delegation are one author), with the time of their first edit in the window, in the
   * order of those first edits. What a compare names; every edit of the window counts, however many.
   */
  loadClauseAuthors(
    draftId: string,
    clauseIds: readonly string[],
    window: { after: string; upTo: string },
  ): Promise<ClauseAuthor[]>;
  /**
   * Replaces the log up to and including `uptoSeq` by `snapshot` in one transaction: a crash at
   * any point leaves either the old log or the new snapshot, never neither. A snapshot up to an
   * earlier update than the stored one is not kept (another instance compacted further already).
   */
  compact(draftId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
}

/**
 * Who sent an update, as the server knows it from the session: never from the update itself.
 * `sessionIdHash` is null for the server's own writing.
 */
export interface StoredAuthor {
  sessionIdHash: string | null;
  role: EditAuthor['role'];
  delegation: string | null;
}

/** The server's own author: a draft's initial text, changes to the clause list, the demo. */
export const SERVER_AUTHOR: StoredAuthor = { sessionIdHash: null, role: 'server', delegation: null };

/**
 * What the server knows of one update beside its bytes, stored in the same transaction:
 * its author, the client ids it binds to that author (first seen in it), and its clause edits.
 */
export interface UpdateAttribution {
  author: StoredAuthor;
  newClients: readonly number[];
  edits: readonly TextEdit[];
  at: string;
}

export interface ClientBinding {
  client: number;
  author: StoredAuthor;
}

export interface StoredClauseEdit extends TextEdit {
  author: StoredAuthor;
  at: string;
  /** The update's place in the log. */
  seq: number;
}

/** An author of a clause's edits within a window, with the time of their first edit in it. */
export interface ClauseAuthor {
  clauseId: string;
  author: Pick<StoredAuthor, 'role' | 'delegation'>;
  firstAt: string;
}

export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Sequence number of the last update covered (snapshot or log); 0 if none. */
  lastSeq: number;
}

/** See `DocumentStore.loadUpdatesAfter`. */
export interface UpdatesAfter {
  /** The snapshot, when the log after the asked number was compacted into it; apply it first. */
  snapshot: { uptoSeq: number; data: Uint8Array } | null;
  updates: { seq: number; data: Uint8Array }[];
}

/** What one update did to one clause's text at one place (see server/collab/clause-edits.ts). */
export interface TextEdit {
  clauseId: string;
  kind: 'insert' | 'delete';
  /** Where in the clause's raw visible text, paragraphs joined by "\n". */
  offset: number;
  text: string;
}

/**
 * An append bound a client id as new that another instance had bound meanwhile (a client that
 * moved between instances keeps its id): nothing of it is stored. The room reads the bindings
 * again and judges the same updates by them: the same session goes on, another is refused.
 */
export class ClientsBoundElsewhereError extends Error {
  constructor(draftId: string) {
    super(`Draft ${draftId}: a client id of the append was bound on another instance; nothing was stored.`);
    this.name = 'ClientsBoundElsewhereError';
  }
}

/**
 * An append was judged by locks older than the stored ones: nothing of it is stored. The room
 * reads the locks again and judges the same updates by them.
 */
export class LocksMovedError extends Error {
  constructor(draftId: string, judgedBy: number) {
    super(`Draft ${draftId}: its text locks changed since version ${judgedBy}; nothing of the append was stored.`);
    this.name = 'LocksMovedError';
  }
}
