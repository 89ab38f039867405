import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { DraftStore, LinkRecord } from '../storage/draft-store.ts';
import { createToken, hashToken } from './tokens.ts';

const COOKIE_PREFIX = 'mufakat_';
const SESSION_DAYS = 30;
/** A request carrying more Mufakat cookies than this is not looked at further. */
const MAX_COOKIES_CHECKED = 20;

/**
 * One session cookie per draft, so that a person can sit in several drafts from one browser
 * (the joint statement and the chair's report of the same meeting).
 */
export function sessionCookieName(draftId: string): string {
  return `${COOKIE_PREFIX}${draftId}`;
}

/** Why a link does not open its draft. */
export type InvalidLink = 'unknown' | 'expired' | 'revoked';

/** The link a token opens, or why it opens nothing. */
export async function findLiveLink(
  storage: DraftStore,
  token: string,
  now: Date,
): Promise<{ ok: true; link: LinkRecord } | { ok: false; why: InvalidLink }> {
  const link = token.length <= 128 ? await storage.findLinkByTokenHash(hashToken(token)) : null;
  if (link === null) return { ok: false, why: 'unknown' };
  if (link.revokedAt !== null) return { ok: false, why: 'revoked' };
  if (link.expiresAt !== null && link.expiresAt <= now.toISOString()) return { ok: false, why: 'expired' };
  return { ok: true, link };
}

/** What a person is told about a link that opens nothing, and what they can do about it. */
export const INVALID_LINK_MESSAGE: Record<InvalidLink, string> = {
  // Only the chair issues links (the room's Links dialog, in a moment): say so, not "ask anyone".
  unknown:
    'This link is not valid: it may have been mistyped or cut off when it was copied. Open it again from the message it came in, whole. If it still fails, ask the chair of your meeting for a new link: the chair issues one from the room (Links…) in a moment.',
  expired:
    'This link has expired: links last 90 days. Ask the chair of your meeting for a new one: the chair issues it from the room (Links…) in a moment.',
  revoked:
    'This link was replaced by the chair and no longer opens the room. Use the new link the chair sent your delegation, or ask the chair for it: the chair can issue another from the room (Links…) in a moment.',
};

/**
 * Exchanges a live link's token for a new session, which ends after `SESSION_DAYS` or with its
 * link, whichever comes first.
 */
export async function startSession(
  storage: DraftStore,
  link: LinkRecord,
  now: Date,
): Promise<{ sessionToken: string; link: LinkRecord; expiresAt: string }> {
  const sessionToken = createToken();
  const days = new Date(now.getTime() + SESSION_DAYS * 24 * 3600 * 1000).toISOString();
  const expiresAt = link.expiresAt !== null && link.expiresAt < days ? link.expiresAt : days;
  await storage.createSession({
    idHash: hashToken(sessionToken),
    linkId: link.id,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { sessionToken, link, expiresAt };
}

/**
 * Sets the HttpOnly, SameSite session cookie of a draft. It is Secure when the public address is
 * HTTPS, which behind a TLS-terminating proxy the request's own URL does not show.
 */
export function setSessionCookie(c: Context, draftId: string, sessionToken: string, publicUrl?: string): void {
  setCookie(c, sessionCookieName(draftId), sessionToken, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(publicUrl ?? c.req.url).protocol === 'https:',
    path: '/',
    maxAge: SESSION_DAYS * 24 * 3600,
  });
}

export type SessionLookup =
  /** `sessionIdHash` is the stored hash of the session id: safe to show, useless to replay. */
  | { status: 'ok'; link: LinkRecord; sessionIdHash: string; expiresAt: string }
  /** Signed in, but to other drafts only. */
  | { status: 'other-draft' }
  | { status: 'none' };

/**
 * Who the request is, for `draftId`, from its session cookies alone: never from anything the
 * client claims in a body or a URL.
 */
export async function lookupSession(
  c: Context,
  storage: DraftStore,
  draftId: string,
  now: Date,
): Promise<SessionLookup> {
  const cookies = getCookie(c);
  const own = cookies[sessionCookieName(draftId)];
  if (own !== undefined) {
    const found = await storage.findSession(hashToken(own), now);
    if (found !== null) {
      return found.link.draftId === draftId
        ? { status: 'ok', link: found.link, sessionIdHash: found.session.idHash, expiresAt: found.session.expiresAt }
        : { status: 'other-draft' };
    }
  }
  const others = Object.entries(cookies)
    .filter(([name]) => name.startsWith(COOKIE_PREFIX) && name !== sessionCookieName(draftId))
    .slice(0, MAX_COOKIES_CHECKED);
  for (const [, value] of others) {
    if ((await storage.findSession(hashToken(value), now)) !== null) return { status: 'other-draft' };
  }
  return { status: 'none' };
}
