import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol.ts';
import { type CreateDraftResponse, DraftSummary, ReplacedLink } from '../../shared/schemas/draft.ts';
import { createApp } from '../app.ts';
import { ServerConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createSqliteStores } from '../storage/sqlite/sqlite-stores.ts';
import { openRawSocket } from '../testing/collab-client.ts';
import { openEventStream } from '../testing/event-stream.ts';
import {
  createTestDraft,
  OPERATOR_HEADERS,
  sessionCookieFor,
  startTestServer,
  TEST_OPERATOR_TOKEN,
  type TestServer,
} from '../testing/test-server.ts';

let server: TestServer;
let draft: CreateDraftResponse;

beforeEach(async () => {
  server = await startTestServer();
  draft = await createTestDraft(server.url);
});

afterEach(async () => {
  await server.stop();
});

const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);

async function whoIs(cookie: string): Promise<string | null> {
  const response = await fetch(`${server.url}/api/drafts/${draft.id}`, { headers: { cookie } });
  if (!response.ok) return `${response.status}`;
  return DraftSummary.parse(await response.json()).you.delegation;
}

describe('opening another link of the same draft', () => {
  it('does not switch who the browser is, but asks, naming both', async () => {
    const mys = await sessionCookieFor(server.url, draft.links.delegations.MYS ?? '');
    const response = await fetch(`${server.url}/join/${tokenOf(draft.links.delegations.PHL ?? '')}`, {
      headers: { cookie: mys },
      redirect: 'manual',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBeNull();
    const page = await response.text();
    expect(page).toContain('You are already in this draft as Malaysia (MYS)');
    expect(page).toContain('Switch to the Philippines (PHL)');
    expect(await whoIs(mys)).toBe('MYS');
  });

  it('switches on the confirmation posted from the page itself, and only then', async () => {
    const mys = await sessionCookieFor(server.url, draft.links.delegations.MYS ?? '');
    const url = `${server.url}/join/${tokenOf(draft.links.delegations.PHL ?? '')}`;
    const form = { cookie: mys, 'content-type': 'application/x-www-form-urlencoded' };
    const foreign = await fetch(url, {
      method: 'POST',
      headers: { ...form, origin: 'https://evil.example' },
      redirect: 'manual',
    });
    expect(foreign.status).toBe(403);
    const own = await fetch(url, { method: 'POST', headers: { ...form, origin: server.url }, redirect: 'manual' });
    expect(own.status).toBe(303);
    const phl = (own.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(await whoIs(phl)).toBe('PHL');
  });

  it('goes straight into the room when the link is for who the browser already is', async () => {
    const mys = await sessionCookieFor(server.url, draft.links.delegations.MYS ?? '');
    const response = await fetch(`${server.url}/join/${tokenOf(draft.links.delegations.MYS ?? '')}`, {
      headers: { cookie: mys },
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/drafts/${draft.id}`);
  });
});

describe('the chair replacing a link', () => {
  async function replace(cookie: string, body: unknown) {
    return fetch(`${server.url}/api/drafts/${draft.id}/links`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  it('ends the old link and its sessions at once, sockets and events channels included', async () => {
    const chair = await sessionCookieFor(server.url, draft.links.chair);
    const mys = await sessionCookieFor(server.url, draft.links.delegations.MYS ?? '');
    const socket = await openRawSocket(server.url, draft.id, mys);
    const events = await openEventStream(`${server.url}/api/drafts/${draft.id}/events`, mys);
    const response = await replace(chair, { role: 'delegation', delegation: 'MYS' });
    expect(response.status).toBe(201);
    const { link, revoked } = ReplacedLink.parse(await response.json());
    expect(revoked).toBe(1);
    expect(await socket.closed).toBe(CloseCode.notAuthenticated);
    await expect(events.next(5000)).rejects.toThrow(/closed/);
    expect(await whoIs(mys)).toBe('401');
    const old = await fetch(`${server.url}/join/${tokenOf(draft.links.delegations.MYS ?? '')}`);
    expect(old.status).toBe(404);
    expect(await old.text()).toContain('replaced by the chair');
    expect(await whoIs(await sessionCookieFor(server.url, link))).toBe('MYS');
    // Nobody else was touched.
    expect(await whoIs(await sessionCookieFor(server.url, draft.links.delegations.PHL ?? ''))).toBe('PHL');
  });

  it('is the chair’s alone, and only for the draft’s own delegations', async () => {
    const mys = await sessionCookieFor(server.url, draft.links.delegations.MYS ?? '');
    expect((await replace(mys, { role: 'delegation', delegation: 'PHL' })).status).toBe(403);
    const chair = await sessionCookieFor(server.url, draft.links.chair);
    expect((await replace(chair, { role: 'delegation', delegation: 'USA' })).status).toBe(400);
    expect((await replace(chair, { role: 'chair' })).status).toBe(400);
  });
});

describe('links and sessions in time', () => {
  it('end: a link after 90 days, a session after 30 or with its link', async () => {
    const stores = createSqliteStores({ file: ':memory:' });
    let now = new Date('2026-12-01T09:00:00.000Z');
    const app = createApp({
      stores,
      logger: createLogger('silent'),
      config: { ...ServerConfig.parse({ clientDir: '' }), operatorToken: TEST_OPERATOR_TOKEN },
      now: () => now,
    }).app;
    const post = (path: string, body: unknown) =>
      app.request(`http://mufakat.test${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...OPERATOR_HEADERS },
        body: JSON.stringify(body),
      });
    const created = (await (
      await post('/api/drafts', { title: 'T', kind: 'joint-statement', delegations: ['MYS'] })
    ).json()) as CreateDraftResponse;
    const token = tokenOf(created.links.delegations.MYS ?? '');
    const session = await post('/api/session', { token });
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const summary = () => app.request(`http://mufakat.test/api/drafts/${created.id}`, { headers: { cookie } });
    expect((await summary()).status).toBe(200);
    now = new Date('2027-01-01T09:00:00.000Z');
    expect((await summary()).status).toBe(401);
    expect((await post('/api/session', { token })).status).toBe(200);
    now = new Date('2027-03-02T09:00:01.000Z');
    const expired = await post('/api/session', { token });
    expect(expired.status).toBe(404);
    expect(JSON.stringify(await expired.json())).toContain('expired');
    await stores.close();
  });
});
