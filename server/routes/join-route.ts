import type { Hono } from 'hono';
import { html } from 'hono/html';
import { setSessionCookie, startSession } from '../auth/sessions.ts';
import type { DraftStore } from '../storage/draft-store.ts';

/**
 * `GET /join/:token`: what a person opens from an invitation. Exchanges the token for a session
 * cookie and redirects into the draft, so that the token leaves the address bar at once.
 */
export function registerJoinRoute(
  app: Hono,
  deps: { drafts: DraftStore; now: () => Date; publicUrl: string | undefined },
): void {
  app.get('/join/:token', async (c) => {
    const token = c.req.param('token');
    const started = token.length <= 128 ? await startSession(deps.drafts, token, deps.now()) : null;
    if (started === null) {
      return c.html(
        html`<!doctype html>
          <html lang="en">
            <head><meta charset="utf-8" /><title>Link not valid — Mufakat</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; line-height: 1.5">
              <h1>This link is not valid</h1>
              <p>It may have been mistyped or cut off when it was copied.</p>
              <p>Ask the chair or the secretariat of your meeting to send you your delegation’s link again.</p>
            </body>
          </html>`,
        404,
      );
    }
    setSessionCookie(c, started.link.draftId, started.sessionToken, deps.publicUrl);
    c.header('Referrer-Policy', 'no-referrer');
    return c.redirect(`/drafts/${started.link.draftId}`, 303);
  });
}
