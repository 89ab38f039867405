import type { MiddlewareHandler } from 'hono';

/**
 * What the app's own pages may load and do: only the server's own scripts, styles, images and
 * connections (the collaboration socket included), no plugins, no framing by any other page, no
 * form sent elsewhere. A style smuggled into a clause can then fetch nothing foreign.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // React and Lexical set styles through the DOM (cursors, layout), which style attributes need.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Headers on every answer: no content sniffing, no referrer (a join link carries its token), no
 * framing; and on HTML pages the content security policy above, unless a route set its own (the
 * exports set a stricter, sandboxed one).
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // A WebSocket upgrade's answer is the socket's, not a page's.
    if (c.req.header('upgrade') !== undefined) return;
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    c.res.headers.set('X-Frame-Options', 'DENY');
    const type = c.res.headers.get('content-type') ?? '';
    if (type.startsWith('text/html') && !c.res.headers.has('content-security-policy')) {
      c.res.headers.set('Content-Security-Policy', PAGE_CSP);
    }
  };
}
