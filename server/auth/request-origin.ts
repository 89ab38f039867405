import type { Context } from 'hono';

export interface OriginPolicy {
  /** The server's public address, when it is configured: then only its origin is its own. */
  publicUrl: string | undefined;
  /** Other origins that may act on it (a dev server, a front proxy). */
  allowedOrigins: readonly string[];
}

/**
 * Whether a request's `Origin` is the server's own or an allowed one. Browsers send `Origin` on
 * every WebSocket upgrade and on every POST, so a page of another site, of a sibling subdomain or
 * of another port of this host cannot act with a participant's cookie (SameSite=Lax counts those
 * as the same site). Programs send no `Origin` and authenticate by their cookie alone.
 */
export function originAllowed(c: Context, policy: OriginPolicy): boolean {
  const origin = c.req.header('origin');
  if (origin === undefined) return true;
  if (policy.allowedOrigins.includes(origin)) return true;
  let sent: URL;
  try {
    sent = new URL(origin);
  } catch {
    return false;
  }
  // Behind a TLS proxy the request reaches the server as plain HTTP: with a public address the
  // whole origin is compared, without one the host and port the browser addressed.
  if (policy.publicUrl !== undefined) return sent.origin === new URL(policy.publicUrl).origin;
  return sent.host === c.req.header('host');
}
