import type { Role } from '../../shared/roles.ts';
import type { ConsensusRule, DraftKind } from '../../shared/schemas/draft.ts';

/**
 * Drafts and who may enter them: the draft records, their capability links and the sessions
 * opened with them. Read on every request, written when a draft is created or a link opened.
 */
export interface DraftStore {
  /** Stores a new draft with its capability links, atomically. Its document is stored apart. */
  createDraft(draft: DraftRecord, links: LinkRecord[]): Promise<void>;
  getDraft(draftId: string): Promise<DraftRecord | null>;
  /** Adds links to an existing draft (the demo issues fresh ones on each start). */
  addLinks(links: LinkRecord[]): Promise<void>;
  /** The link with this token hash, whatever its state (expired and revoked ones included). */
  findLinkByTokenHash(tokenHash: string): Promise<LinkRecord | null>;
  /** Every link of a draft, oldest first. */
  listLinks(draftId: string): Promise<LinkRecord[]>;
  /**
   * Revokes, as of `at`, every live link of the draft for this role and delegation; answers the
   * ids of the links revoked. Their sessions end with them.
   */
  revokeLinks(draftId: string, who: { role: Role; delegation: string | null }, at: string): Promise<string[]>;

  createSession(session: SessionRecord): Promise<void>;
  /**
   * The session with this hashed id and the link it came from, if it exists, has not expired, and
   * its link is neither expired nor revoked.
   */
  findSession(sessionIdHash: string, now: Date): Promise<SessionWithLink | null>;

  /** Settings of the installation itself, such as which draft is the demo. */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
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
  /** When the link stops opening the draft (ISO); null: never. */
  expiresAt: string | null;
  /** When the chair replaced it (ISO); null while it is live. */
  revokedAt: string | null;
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
