import type { Role } from '../../shared/roles.ts';
import { createId, createToken, hashToken } from '../auth/tokens.ts';
import type { DraftRecord, DraftStore, LinkRecord } from '../storage/draft-store.ts';

/**
 * How long a link opens its draft. Long enough for a negotiation and the meetings around it; the
 * chair issues a fresh one (and the old one stops) whenever a link may have gone astray.
 */
export const LINK_VALID_DAYS = 90;

/** The capability tokens of a new draft. They exist only in this answer; storage keeps hashes. */
export interface DraftTokens {
  chair: string;
  secretariat: string;
  observer: string;
  delegations: Record<string, string>;
}

/** One new link for a role (and delegation) of a draft, and the token that opens it. */
export function newLink(
  draft: Pick<DraftRecord, 'id'>,
  role: Role,
  delegation: string | null,
  now: Date,
): { link: LinkRecord; token: string } {
  const token = createToken();
  const expires = new Date(now.getTime() + LINK_VALID_DAYS * 24 * 3600 * 1000);
  const link: LinkRecord = {
    id: createId(),
    draftId: draft.id,
    role,
    delegation,
    tokenHash: hashToken(token),
    createdAt: now.toISOString(),
    expiresAt: expires.toISOString(),
    revokedAt: null,
  };
  return { link, token };
}

/** A link for every role of a draft and one per delegation. */
export function issueLinks(draft: DraftRecord, now: Date): { links: LinkRecord[]; tokens: DraftTokens } {
  const links: LinkRecord[] = [];
  const issue = (role: Role, delegation: string | null): string => {
    const { link, token } = newLink(draft, role, delegation, now);
    links.push(link);
    return token;
  };
  const tokens: DraftTokens = {
    chair: issue('chair', null),
    secretariat: issue('secretariat', null),
    observer: issue('observer', null),
    delegations: Object.fromEntries(draft.delegations.map((code) => [code, issue('delegation', code)])),
  };
  return { links, tokens };
}

/** New links for every role of an existing draft; earlier links keep working. */
export async function issueFreshLinks(drafts: DraftStore, draft: DraftRecord, now: Date): Promise<DraftTokens> {
  const { links, tokens } = issueLinks(draft, now);
  await drafts.addLinks(links);
  return tokens;
}

/**
 * Replaces the links of one role (and delegation) of a draft: the old ones stop opening it and
 * their sessions end; answers the new link's token and the ids of the links revoked.
 */
export async function replaceLink(
  drafts: DraftStore,
  draft: Pick<DraftRecord, 'id'>,
  who: { role: Role; delegation: string | null },
  now: Date,
): Promise<{ token: string; revoked: string[] }> {
  const revoked = await drafts.revokeLinks(draft.id, who, now.toISOString());
  const { link, token } = newLink(draft, who.role, who.delegation, now);
  await drafts.addLinks([link]);
  return { token, revoked };
}
