import type { Hono } from 'hono';
import { ErrorCode } from '../../shared/errors.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { type ReplacedLink, ReplaceLinkRequest } from '../../shared/schemas/draft.ts';
import type { SessionLimits } from '../auth/session-limits.ts';
import { replaceLink } from '../drafts/issue-links.ts';
import { HttpError, parseOr400, readJson } from '../http-error.ts';
import type { DraftStore } from '../storage/draft-store.ts';
import { baseUrl, participant } from './api-routes.ts';

export interface LinkRouteDeps {
  stores: { drafts: DraftStore };
  sessionLimits: SessionLimits;
  publicUrl: string | undefined;
  now: () => Date;
}

/** The close reason of a socket whose link was replaced (at most 123 bytes). */
const LINK_REPLACED = 'Your link was replaced by the chair: ask the chair for the new one.';

/** The chair's control over the draft's links. */
export function registerLinkRoutes(app: Hono, deps: LinkRouteDeps): void {
  app.post('/api/drafts/:id/links', async (c) => {
    const { draft, actor } = await participant(c, deps);
    if (actor.role !== 'chair') {
      throw new HttpError(403, ErrorCode.forbidden, 'Only the chair can issue new links for the draft.');
    }
    const request = parseOr400(ReplaceLinkRequest, await readJson(c), 'link request');
    const delegation = request.role === 'delegation' ? request.delegation : null;
    if (delegation !== null && !draft.delegations.includes(delegation)) {
      throw new HttpError(400, ErrorCode.invalidRequest, `${delegation} is not a delegation of this draft.`);
    }
    const { token, revoked } = await replaceLink(
      deps.stores.drafts,
      draft,
      { role: request.role, delegation },
      deps.now(),
    );
    // Whoever holds the old link is out at once, not at their next request.
    deps.sessionLimits.closeLinks(new Set(revoked), CloseCode.notAuthenticated, LINK_REPLACED);
    const body: ReplacedLink = { link: `${baseUrl(c, deps)}/join/${token}`, revoked: revoked.length };
    return c.json(body, 201);
  });
}
