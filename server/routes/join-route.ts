import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { participantName } from '../../shared/delegation-names.ts';
import {
  findLiveLink,
  INVALID_LINK_MESSAGE,
  type InvalidLink,
  lookupSession,
  setSessionCookie,
  startSession,
} from '../auth/sessions.ts';
import type { DraftStore, LinkRecord } from '../storage/draft-store.ts';

export interface JoinRouteDeps {
  drafts: DraftStore;
  now: () => Date;
  publicUrl: string | undefined;
}

/**
 * `GET /join/:token`: what a person opens from an invitation. Exchanges the token for a session
 * cookie and redirects into the draft, so that the token leaves the address bar at once.
 *
 * A link never switches who a browser already is in a draft by itself (a delegate tricked into
 * another state's link would act for that state unawares): the page says who they are now and
 * who the link would make them, and only `POST /join/:token` from that page switches.
 */
export function registerJoinRoute(app: Hono, deps: JoinRouteDeps): void {
  app.get('/join/:token', async (c) => {
    const found = await findLiveLink(deps.drafts, c.req.param('token'), deps.now());
    if (!found.ok) return invalidLinkPage(c, found.why);
    const { link } = found;
    const current = await lookupSession(c, deps.drafts, link.draftId, deps.now());
    if (current.status === 'ok' && !sameParticipant(current.link, link)) {
      const draft = await deps.drafts.getDraft(link.draftId);
      return switchPage(c, draft?.title ?? 'this draft', current.link, link);
    }
    // Already this participant: nothing to exchange, straight into the room.
    if (current.status === 'ok') return c.redirect(`/drafts/${link.draftId}`, 303);
    return enter(c, deps, link);
  });

  // The switch, confirmed on the page above (its origin is checked with every POST).
  app.post('/join/:token', async (c) => {
    const found = await findLiveLink(deps.drafts, c.req.param('token'), deps.now());
    if (!found.ok) return invalidLinkPage(c, found.why);
    return enter(c, deps, found.link);
  });
}

async function enter(c: Context, deps: JoinRouteDeps, link: LinkRecord): Promise<Response> {
  const started = await startSession(deps.drafts, link, deps.now());
  setSessionCookie(c, link.draftId, started.sessionToken, deps.publicUrl);
  return c.redirect(`/drafts/${link.draftId}`, 303);
}

function sameParticipant(a: LinkRecord, b: LinkRecord): boolean {
  return a.role === b.role && a.delegation === b.delegation;
}

const PAGE_STYLE = 'font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; line-height: 1.5';

function invalidLinkPage(c: Context, why: InvalidLink): Response | Promise<Response> {
  const title =
    why === 'unknown' ? 'This link is not valid' : `This link has ${why === 'expired' ? 'expired' : 'been replaced'}`;
  return c.html(
    html`<!doctype html>
      <html lang="en">
        <head><meta charset="utf-8" /><title>${title} — Mufakat</title></head>
        <body style="${PAGE_STYLE}">
          <h1>${title}</h1>
          <p>${INVALID_LINK_MESSAGE[why]}</p>
        </body>
      </html>`,
    404,
  );
}

function switchPage(
  c: Context,
  draftTitle: string,
  now: LinkRecord,
  offered: LinkRecord,
): Response | Promise<Response> {
  const current = participantName(now.role, now.delegation);
  const next = participantName(offered.role, offered.delegation);
  return c.html(
    html`<!doctype html>
      <html lang="en">
        <head><meta charset="utf-8" /><title>Switch to ${next}? — Mufakat</title></head>
        <body style="${PAGE_STYLE}">
          <h1>You are already in this draft as ${current}</h1>
          <p>You are signed in to <strong>${draftTitle}</strong> as <strong>${current}</strong>. The link you opened would sign you in as <strong>${next}</strong> instead: your positions would then be taken for ${next}.</p>
          <p>Only switch if you act for ${next}. If you did not expect this link, stay as you are and tell the chair or the secretariat.</p>
          <form method="post">
            <button type="submit">Switch to ${next}</button>
            <a href="/drafts/${now.draftId}">Stay as ${current}</a>
          </form>
        </body>
      </html>`,
    200,
  );
}
