import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ErrorCode } from '../../shared/errors.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import {
  CreateDraftRequest,
  type CreateDraftResponse,
  DraftId,
  type DraftSummary,
  type SessionInfo,
  SessionRequest,
} from '../../shared/schemas/draft.ts';
import { findLiveLink, INVALID_LINK_MESSAGE, lookupSession, setSessionCookie, startSession } from '../auth/sessions.ts';
import { createDraft } from '../drafts/create-draft.ts';
import type { DraftTokens } from '../drafts/issue-links.ts';
import { HttpError, parseOr400, readJson } from '../http-error.ts';
import type { DraftRecord, DraftStore, LinkRecord } from '../storage/draft-store.ts';
import type { Stores } from '../storage/stores.ts';

export interface ApiRouteDeps {
  stores: Stores;
  /** Lets only the operator start a draft. */
  operator: MiddlewareHandler;
  /** The origin links are built with; default: the origin of the request. */
  publicUrl: string | undefined;
  now: () => Date;
}

/** Big enough for a 1,000-clause draft, small enough that no body can exhaust memory. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new HttpError(413, ErrorCode.payloadTooLarge, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
  },
});

export function registerApiRoutes(app: Hono, deps: ApiRouteDeps): void {
  app.get('/api/health', (c) => {
    const problem = deps.stores.problem();
    if (problem !== null) throw new HttpError(503, ErrorCode.storageUnavailable, problem);
    return c.json({ ok: true });
  });

  app.post('/api/drafts', deps.operator, limitBody, async (c) => {
    const input = parseOr400(CreateDraftRequest, await readJson(c), 'draft');
    const { draft, tokens } = await createDraft(deps.stores, input, deps.now());
    const body: CreateDraftResponse = { id: draft.id, links: linksFor(baseUrl(c, deps), tokens) };
    return c.json(body, 201);
  });

  app.get('/api/drafts/:id', async (c) => {
    const { draft, actor } = await participant(c, deps);
    const body: DraftSummary = {
      id: draft.id,
      title: draft.title,
      kind: draft.kind,
      delegations: draft.delegations,
      consensus: draft.consensus,
      createdAt: draft.createdAt,
      you: { draftId: draft.id, role: actor.role, delegation: actor.delegation },
    };
    return c.json(body);
  });

  app.post('/api/session', limitBody, async (c) => {
    const { token } = parseOr400(SessionRequest, await readJson(c), 'session request');
    const found = await findLiveLink(deps.stores.drafts, token, deps.now());
    if (!found.ok) throw new HttpError(404, ErrorCode.invalidLink, INVALID_LINK_MESSAGE[found.why], { why: found.why });
    const started = await startSession(deps.stores.drafts, found.link, deps.now());
    setSessionCookie(c, started.link.draftId, started.sessionToken, deps.publicUrl);
    return c.json(sessionInfo(started.link));
  });
}

/** The session behind a request: its stored hash, the link it was opened with, when it ends. */
export interface ParticipantSession {
  idHash: string;
  linkId: string;
  expiresAt: string;
}

/** What a route needs to tell who is asking. */
export interface ParticipantDeps {
  stores: { drafts: DraftStore };
  now: () => Date;
}

/** The participant behind the request's session for this draft, or a 401/403. */
export async function requireSession(
  c: Context,
  deps: ParticipantDeps,
  draftId: string,
): Promise<LinkRecord & { sessionIdHash: string; expiresAt: string }> {
  const session = await lookupSession(c, deps.stores.drafts, draftId, deps.now());
  if (session.status === 'ok') {
    return { ...session.link, sessionIdHash: session.sessionIdHash, expiresAt: session.expiresAt };
  }
  if (session.status === 'other-draft') {
    throw new HttpError(403, ErrorCode.forbidden, 'Your session belongs to another draft. Open this draft’s link.');
  }
  throw new HttpError(
    401,
    ErrorCode.notAuthenticated,
    'You are not signed in to this draft. Open the link you were given.',
  );
}

/** How many hex digits of a session's stored hash name it in the audit log: enough to tell officials apart. */
const ACTOR_SESSION_DIGITS = 12;

/**
 * The draft named in the path and who is asking, for every route of one draft: an unknown draft
 * answers 404 before the session is checked (401/403). The actor comes only from the session.
 */
export async function participant(
  c: Context,
  deps: ParticipantDeps,
): Promise<{ draft: DraftRecord; actor: Actor; session: ParticipantSession }> {
  const draftId = parseOr400(DraftId, c.req.param('id'), 'draft id');
  const draft = await deps.stores.drafts.getDraft(draftId);
  if (draft === null) throw new HttpError(404, ErrorCode.notFound, 'No draft with this id exists.');
  const link = await requireSession(c, deps, draftId);
  const actor = {
    session: link.sessionIdHash.slice(0, ACTOR_SESSION_DIGITS),
    role: link.role,
    delegation: link.delegation,
  };
  return { draft, actor, session: { idHash: link.sessionIdHash, linkId: link.id, expiresAt: link.expiresAt } };
}

function sessionInfo(link: LinkRecord): SessionInfo {
  return { draftId: link.draftId, role: link.role, delegation: link.delegation };
}

export function baseUrl(c: Context, deps: Pick<ApiRouteDeps, 'publicUrl'>): string {
  return (deps.publicUrl ?? new URL(c.req.url).origin).replace(/\/$/, '');
}

export function linksFor(base: string, tokens: DraftTokens): CreateDraftResponse['links'] {
  const link = (token: string) => `${base}/join/${token}`;
  return {
    chair: link(tokens.chair),
    secretariat: link(tokens.secretariat),
    observer: link(tokens.observer),
    delegations: Object.fromEntries(Object.entries(tokens.delegations).map(([code, token]) => [code, link(token)])),
  };
}
