/**
 * The text of every draft as Yjs keeps it: an append-only log of updates, folded now and then
 * into a snapshot. The only store a room sees.
 *
 * Durability contract: when `appendUpdates` resolves, the updates are committed and survive a
 * crash of the process. Rooms broadcast an update only after that.
 */
export interface DocumentStore {
  /** Stores a new draft's initial document (its draft record must exist). */
  createDocument(draftId: string, initialState: Uint8Array): Promise<void>;
  /** The latest snapshot and every logged update after it, in order. */
  loadDocument(draftId: string): Promise<StoredDocument>;
  /**
   * Appends updates to the draft's log in order and commits them in one transaction (a group
   * commit: one sync to disk for all); resolves with the sequence number of the last.
   */
  appendUpdates(draftId: string, updates: readonly Uint8Array[]): Promise<number>;
  /**
   * Replaces the log up to and including `uptoSeq` by `snapshot` in one transaction: a crash at
   * any point leaves either the old log or the new snapshot, never neither.
   */
  compact(draftId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
}

export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Sequence number of the last update covered (snapshot or log); 0 if none. */
  lastSeq: number;
}
