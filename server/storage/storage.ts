import type { Role } from '../../shared/roles.ts';
import type { ConsensusRule, DraftKind } from '../../shared/schemas/draft.ts';

/**
 * Everything the server keeps. Rooms and routes talk only to this interface, so a PostgreSQL
 * adapter (for several server instances) can be added without touching them. Every method is
 * async for that reason; the SQLite adapter answers synchronously inside.
 *
 * Durability contract: when `appendUpdates` resolves, the updates are committed and survive a
 * crash of the process. Rooms broadcast an update only after that.
 */
export interface Storage {
  /** Stores a new draft with its capability links and the initial document state, atomically. */
  createDraft(draft: DraftRecord, links: LinkRecord[], initialState: Uint8Array): Promise<void>;
  getDraft(draftId: string): Promise<DraftRecord | null>;
  /** Adds links to an existing draft (the demo issues fresh ones on each start). */
  addLinks(links: LinkRecord[]): Promise<void>;
  findLinkByTokenHash(tokenHash: string): Promise<LinkRecord | null>;

  createSession(session: SessionRecord): Promise<void>;
  /** The session with this hashed id and the link it came from, if it exists and has not expired. */
  findSession(sessionIdHash: string, now: Date): Promise<SessionWithLink | null>;

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

  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;

  close(): Promise<void>;
}

export interface DraftRecord {
  id: string;
  title: string;
  kind: DraftKind;
  delegations: string[];
  consensus: ConsensusRule;
  createdAt: string;
}

/** A capability link: its token is never stored, only its SHA-256. */
export interface LinkRecord {
  id: string;
  draftId: string;
  role: Role;
  delegation: string | null;
  tokenHash: string;
  createdAt: string;
}

export interface SessionRecord {
  idHash: string;
  linkId: string;
  createdAt: string;
  expiresAt: string;
}

export interface SessionWithLink {
  session: SessionRecord;
  link: LinkRecord;
}

export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Sequence number of the last update covered (snapshot or log); 0 if none. */
  lastSeq: number;
}
