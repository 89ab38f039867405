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

/** Exchanges a capability token for a new session; null if the token is unknown. */
export async function startSession(
  storage: DraftStore,
  token: string,
  now: Date,
): Promise<{ sessionToken: string; link: LinkRecord } | null> {
  const link = await storage.findLinkByTokenHash(hashToken(token));
  if (link === null) return null;
  const sessionToken = createToken();
  const expires = new Date(now.getTime() + SESSION_DAYS * 24 * 3600 * 1000);
  await storage.createSession({
    idHash: hashToken(sessionToken),
    linkId: link.id,
    createdAt: now.toISOString(),
    expiresAt: expires.toISOString(),
  });
  return { sessionToken, link };
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
