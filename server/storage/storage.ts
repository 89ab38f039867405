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

  /** The decisions on a draft: current positions, frozen clauses and the adoption, if any. */
  loadDecisions(draftId: string): Promise<DraftDecisions>;
  /**
   * Applies one accepted command's effect and appends its audit entry in one transaction:
   * the record of decisions and the log can never disagree.
   */
  recordDecision(draftId: string, effect: DecisionEffect, audit: AuditEntryInput): Promise<AuditEntry>;
  /**
   * The clause text whose hash is `textHash`, if a position or a freeze was ever taken on it in
   * this draft: what a stale position's delegation compares the current words with.
   */
  getClauseText(draftId: string, textHash: string): Promise<string | null>;
  /** The audit log of a draft, oldest first. Nothing in it is ever updated or deleted. */
  listAudit(draftId: string): Promise<AuditEntry[]>;

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

export interface StoredPosition {
  clauseId: string;
  delegation: string;
  stance: 'endorsed' | 'reserved';
  reason: string | null;
  textHash: string;
  at: string;
}

export interface FrozenClause {
  clauseId: string;
  textHash: string;
  frozenBy: string;
  at: string;
}

/** Who did something: the person's session, their role and delegation. */
export interface Actor {
  /** A short, stable, non-secret id of the session (a prefix of its hash). */
  session: string;
  role: string;
  delegation: string | null;
}

export interface DraftDecisions {
  positions: StoredPosition[];
  frozen: FrozenClause[];
  adoption: StoredAdoption | null;
}

export interface StoredAdoption {
  /** The adoption record as JSON, exactly as adopted. */
  record: string;
  /** The SHA-256 of the canonical adopted text. */
  textHash: string;
  at: string;
}

export type DecisionEffect =
  /** `text` is the clause text the position was taken on (its hash is the position's). */
  | { kind: 'set-position'; position: StoredPosition; text: string }
  | { kind: 'withdraw-position'; clauseId: string; delegation: string }
  | { kind: 'freeze'; frozen: FrozenClause; text: string }
  | { kind: 'reopen'; clauseId: string }
  | { kind: 'adopt'; adoption: StoredAdoption };

export interface AuditEntryInput {
  at: string;
  actor: Actor;
  command: string;
  clauseId: string | null;
  textHash: string | null;
  /** The command's other fields (stance, reason, place, date), as JSON. */
  details: Record<string, unknown>;
}

export interface AuditEntry extends AuditEntryInput {
  seq: number;
}
