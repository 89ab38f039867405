import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clauseOrder } from '../../shared/doc-layout.ts';
import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { connectClient } from '../testing/collab-client.ts';
import { createTestDraft, sessionCookieFor, startTestServer, type TestServer } from '../testing/test-server.ts';

type Who = 'chair' | 'MYS' | 'PHL';
let server: TestServer;
let draft: CreateDraftResponse;
let cookies: Record<Who, string>;
let clauseId = '';

async function comment(as: Who, body: unknown): Promise<string> {
  const response = await fetch(`${server.url}/api/drafts/${draft.id}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookies[as] },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return String(((await response.json()) as { threadId: string }).threadId);
}

async function exported(as: Who, query: string): Promise<Response> {
  return fetch(`${server.url}/api/drafts/${draft.id}/export?${query}`, { headers: { cookie: cookies[as] } });
}

async function docxText(as: Who, query: string): Promise<string> {
  const zip = await JSZip.loadAsync(new Uint8Array(await (await exported(as, query)).arrayBuffer()));
  return (await zip.file('word/document.xml')?.async('string')) ?? '';
}

beforeEach(async () => {
  server = await startTestServer();
  draft = await createTestDraft(server.url);
  cookies = {
    chair: await sessionCookieFor(server.url, draft.links.chair),
    MYS: await sessionCookieFor(server.url, draft.links.delegations.MYS ?? ''),
    PHL: await sessionCookieFor(server.url, draft.links.delegations.PHL ?? ''),
  };
  const client = connectClient(server.url, draft.id, cookies.chair);
  await client.synced;
  clauseId = clauseOrder(client.doc)[0] ?? '';
  client.destroy();
  await comment('MYS', { type: 'start-thread', clauseId, text: 'Our capital <objects>', visibility: 'delegation' });
  const done = await comment('PHL', { type: 'start-thread', clauseId, text: 'Settled point' });
  await comment('chair', { type: 'resolve', threadId: done });
  await comment('PHL', { type: 'start-thread', clauseId, text: 'Still open' });
});

afterEach(async () => {
  await server.stop();
});

describe('the comments annex of an export', () => {
  it('puts a delegation’s private notes in its own export only, escaped', async () => {
    const mine = await (await exported('MYS', 'format=html&comments=all')).text();
    expect(mine).toContain('Our capital &lt;objects&gt;');
    expect(mine).toContain('private note of MYS');
    for (const as of ['PHL', 'chair'] as const) {
      const theirs = await (await exported(as, 'format=html&comments=all')).text();
      expect(theirs).toContain('Still open');
      expect(theirs).not.toContain('Our capital');
    }
  });

  it('leaves resolved threads out of an annex of the unresolved ones', async () => {
    const html = await (await exported('PHL', 'format=html&comments=unresolved')).text();
    expect(html).toContain('Still open');
    expect(html).not.toContain('Settled point');
    expect(await (await exported('PHL', 'format=html')).text()).not.toContain('Still open');
  });

  it('appends the annex to the Word export, private notes only for their delegation', async () => {
    expect(await docxText('MYS', 'format=docx&comments=all')).toContain('Our capital');
    const theirs = await docxText('PHL', 'format=docx&comments=all');
    expect(theirs).toContain('Settled point');
    expect(theirs).not.toContain('Our capital');
  });

  it('refuses a comments annex with a format that has none', async () => {
    expect((await exported('PHL', 'format=md&comments=all')).status).toBe(400);
  });
});
