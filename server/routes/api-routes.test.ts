import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../shared/errors.ts';
import { CreateDraftResponse, DraftSummary, SessionInfo } from '../../shared/schemas/draft.ts';
import { createApp, type MufakatApp } from '../app.ts';
import { ServerConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import { createSqliteStores } from '../storage/sqlite/sqlite-stores.ts';
import type { Stores } from '../storage/stores.ts';
import { OPERATOR_HEADERS, TEST_OPERATOR_TOKEN, TWO_DELEGATION_DRAFT } from '../testing/test-server.ts';

let stores: Stores;
let mufakat: MufakatApp;
let logLines: string[];

const captureLogger: Logger = {
  info: (msg, fields) => logLines.push(JSON.stringify({ msg, ...fields })),
  warn: (msg, fields) => logLines.push(JSON.stringify({ msg, ...fields })),
  error: (msg, fields) => logLines.push(JSON.stringify({ msg, ...fields })),
};

const BASE = 'http://mufakat.test';

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return mufakat.app.request(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...OPERATOR_HEADERS, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function createDraft() {
  const response = await post('/api/drafts', TWO_DELEGATION_DRAFT);
  expect(response.status).toBe(201);
  return CreateDraftResponse.parse(await response.json());
}

function tokenOf(link: string): string {
  return link.slice(link.lastIndexOf('/') + 1);
}

async function cookieFor(link: string): Promise<string> {
  const response = await post('/api/session', { token: tokenOf(link) });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = ErrorBody.parse(await response.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body;
}

beforeEach(() => {
  logLines = [];
  stores = createSqliteStores({ file: ':memory:' });
  mufakat = createApp({
    stores,
    logger: captureLogger,
    config: { ...ServerConfig.parse({ clientDir: '' }), operatorToken: TEST_OPERATOR_TOKEN },
  });
});

afterEach(async () => {
  await mufakat.close();
  await stores.close();
});

describe('HTTP API', () => {
  it('answers the health check', async () => {
    const response = await mufakat.app.request(`${BASE}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('creates a draft with one link per role and delegation', async () => {
    const created = await createDraft();
    expect(Object.keys(created.links.delegations).sort()).toEqual(['MYS', 'PHL']);
    const all = [
      created.links.chair,
      created.links.secretariat,
      created.links.observer,
      ...Object.values(created.links.delegations),
    ];
    expect(new Set(all).size).toBe(5);
    for (const link of all) {
      expect(link).toMatch(/^http:\/\/mufakat\.test\/join\/[A-Za-z0-9_-]{32}$/);
    }
  });

  it('stores only hashes of the tokens', async () => {
    const created = await createDraft();
    const token = tokenOf(created.links.chair);
    expect(await stores.drafts.findLinkByTokenHash(token)).toBeNull();
  });

  it('refuses an invalid draft with 400 and the zod issues', async () => {
    const body = await expectError(
      await post('/api/drafts', { ...TWO_DELEGATION_DRAFT, delegations: ['MYS', 'MYS', 'malaysia'] }),
      400,
      'invalid_request',
    );
    expect(JSON.stringify(body.error.details)).toContain('delegations');
  });

  it('refuses a body that is not JSON with 400', async () => {
    await expectError(await post('/api/drafts', '{not json'), 400, 'invalid_request');
  });

  it('refuses text holding U+0000 with 400, however deep in the body', async () => {
    const nul = String.fromCharCode(0);
    const bodies: unknown[] = [
      { ...TWO_DELEGATION_DRAFT, title: `Joint${nul}Statement` },
      { ...TWO_DELEGATION_DRAFT, delegations: ['MYS', `PHL${nul}`] },
      { ...TWO_DELEGATION_DRAFT, extra: [[{ [`key${nul}`]: 1 }]] },
      // 20,000 arrays deep: the walk keeps its own stack, so this is a 400, not a stack overflow.
      `${'['.repeat(20_000)}"\\u0000"${']'.repeat(20_000)}`,
    ];
    for (const body of bodies) {
      const answer = await expectError(await post('/api/drafts', body), 400, 'invalid_request');
      expect(answer.error.message).toContain('U+0000');
    }
  });

  it('refuses an oversized body with 413', async () => {
    const huge = { ...TWO_DELEGATION_DRAFT, title: 'x'.repeat(5 * 1024 * 1024) };
    await expectError(await post('/api/drafts', huge), 413, 'payload_too_large');
  });

  it('exchanges a token for a session cookie that is HttpOnly and SameSite', async () => {
    const created = await createDraft();
    const response = await post('/api/session', { token: tokenOf(created.links.delegations.PHL ?? '') });
    expect(response.status).toBe(200);
    expect(SessionInfo.parse(await response.json())).toEqual({
      draftId: created.id,
      role: 'delegation',
      delegation: 'PHL',
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('marks the cookie Secure when the public address is HTTPS, as behind a TLS proxy', async () => {
    await mufakat.close();
    mufakat = createApp({
      stores,
      logger: captureLogger,
      config: {
        ...ServerConfig.parse({ clientDir: '', publicUrl: 'https://mufakat.example.org' }),
        operatorToken: TEST_OPERATOR_TOKEN,
      },
    });
    const created = await createDraft();
    expect(created.links.chair.startsWith('https://mufakat.example.org/join/')).toBe(true);
    const response = await post('/api/session', { token: tokenOf(created.links.chair) });
    expect(response.headers.get('set-cookie')).toContain('Secure');
  });

  it('refuses an unknown token with 404 and says how to get a new link', async () => {
    const body = await expectError(await post('/api/session', { token: 'x'.repeat(32) }), 404, 'invalid_link');
    // Only the chair can issue a link: the message says who, and that it takes a moment.
    expect(body.error.message).toContain(
      'ask the chair of your meeting for a new link: the chair issues one from the room',
    );
    expect(body.error.message).not.toContain('secretariat');
  });

  it('redirects a join link into the draft with a session cookie', async () => {
    const created = await createDraft();
    const response = await mufakat.app.request(created.links.chair);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/drafts/${created.id}`);
    expect(response.headers.get('set-cookie')).toContain(`mufakat_${created.id}=`);
  });

  it('answers an invalid join link with a page that says what to do', async () => {
    const response = await mufakat.app.request(`${BASE}/join/${'y'.repeat(32)}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('ask the chair of your meeting for a new link');
  });

  it('shows a draft summary to its participants only', async () => {
    const created = await createDraft();
    const other = await createDraft();
    const path = `${BASE}/api/drafts/${created.id}`;

    await expectError(await mufakat.app.request(path), 401, 'not_authenticated');
    const otherCookie = await cookieFor(other.links.chair);
    await expectError(await mufakat.app.request(path, { headers: { cookie: otherCookie } }), 403, 'forbidden');

    const response = await mufakat.app.request(path, { headers: { cookie: await cookieFor(created.links.observer) } });
    expect(response.status).toBe(200);
    const summary = DraftSummary.parse(await response.json());
    expect(summary.title).toBe(TWO_DELEGATION_DRAFT.title);
    expect(summary.consensus).toEqual({ rule: 'unanimous' });
    expect(summary.you).toEqual({ draftId: created.id, role: 'observer', delegation: null });
  });

  it('answers 404 for an unknown draft and 400 for a malformed id', async () => {
    await expectError(await mufakat.app.request(`${BASE}/api/drafts/nosuchdraft0`), 404, 'not_found');
    await expectError(await mufakat.app.request(`${BASE}/api/drafts/a!b`), 400, 'invalid_request');
  });

  it('answers unknown routes with a JSON 404', async () => {
    await expectError(await mufakat.app.request(`${BASE}/api/nothing`), 404, 'not_found');
  });

  it('never writes a token into a log line', async () => {
    const created = await createDraft();
    await mufakat.app.request(created.links.chair);
    const token = tokenOf(created.links.delegations.MYS ?? '');
    await post('/api/session', { token });
    await mufakat.app.request(`${BASE}/join/${token}`);
    expect(logLines.length).toBeGreaterThan(3);
    const logs = logLines.join('\n');
    for (const link of [created.links.chair, created.links.delegations.MYS ?? '']) {
      expect(logs).not.toContain(tokenOf(link));
    }
    expect(logs).toContain('/join/:token');
  });
});

describe('requests from other pages', () => {
  const position = (cookie: string, headers: Record<string, string>, body = '{}') =>
    mufakat.app.request(`${BASE}/api/drafts/someDraft01/commands`, {
      method: 'POST',
      headers: { host: 'mufakat.test', cookie, ...headers },
      body,
    });

  it('refuses a command posted by a page of a sibling subdomain or another port, with 403', async () => {
    const created = await createDraft();
    const cookie = await cookieFor(created.links.delegations.MYS ?? '');
    for (const origin of ['https://evil.mufakat.test', 'http://mufakat.test:8081', 'null']) {
      const response = await position(cookie, { origin, 'content-type': 'application/json' });
      await expectError(response, 403, 'forbidden');
    }
  });

  it('refuses a form body, the one a page of the same site could send without CORS, with 415', async () => {
    const created = await createDraft();
    const cookie = await cookieFor(created.links.delegations.MYS ?? '');
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await position(cookie, { origin: 'http://mufakat.test', 'content-type': type });
      await expectError(response, 415, 'unsupported_file');
    }
  });

  it('takes JSON from its own pages and from programs that send no Origin', async () => {
    for (const headers of [{ origin: 'http://mufakat.test' }, {}] as Array<Record<string, string>>) {
      const response = await post('/api/drafts', TWO_DELEGATION_DRAFT, { host: 'mufakat.test', ...headers });
      expect(response.status).toBe(201);
    }
  });
});

describe('the headers of every answer', () => {
  it('forbid sniffing, referrers and framing, on JSON, CSV and pages alike', async () => {
    const created = await createDraft();
    const cookie = await cookieFor(created.links.observer);
    const draftId = created.id;
    for (const path of ['/api/health', `/api/drafts/${draftId}/audit?format=csv`, '/join/not-a-valid-token-at-all']) {
      const response = await mufakat.app.request(`${BASE}${path}`, { headers: { cookie } });
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('give the app’s pages a policy that loads nothing foreign and lets no page frame them', async () => {
    const response = await mufakat.app.request(`${BASE}/join/not-a-valid-token-at-all`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});

describe('starting a draft', () => {
  it('needs the operator token, and says where to get it', async () => {
    const without = await mufakat.app.request(`${BASE}/api/drafts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(TWO_DELEGATION_DRAFT),
    });
    expect((await expectError(without, 401, 'not_authenticated')).error.message).toContain('operator token');
    const wrong = await post('/api/drafts', TWO_DELEGATION_DRAFT, {
      authorization: 'Bearer not-the-operator-token-at-all',
    });
    await expectError(wrong, 401, 'not_authenticated');
    const reading = await mufakat.app.request(`${BASE}/api/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'RECOGNISING x;' }),
    });
    await expectError(reading, 401, 'not_authenticated');
  });

  it('is rate-limited even with the token', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 70; i++) answers.push((await post('/api/drafts', TWO_DELEGATION_DRAFT)).status);
    expect(answers.filter((status) => status === 201).length).toBeLessThanOrEqual(61);
    expect(answers.at(-1)).toBe(429);
  });
});
