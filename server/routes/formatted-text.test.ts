import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashClauseRoot } from '../../shared/consensus/clause-hash.ts';
import { TextFormatBits } from '../../shared/doc-schema.ts';
import { AdoptionRecord } from '../../shared/schemas/adoption.ts';
import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { clauseRoot, connectClient, waitFor } from '../testing/collab-client.ts';
import { fetchState, sendCommand } from '../testing/commands.ts';
import { formatWord } from '../testing/format-word.ts';
import { createTestDraft, sessionCookieFor, startTestServer, type TestServer } from '../testing/test-server.ts';

let server: TestServer;
let draft: CreateDraftResponse;
let cookies: Record<'chair' | 'MYS' | 'PHL', string>;

beforeAll(async () => {
  server = await startTestServer();
  draft = await createTestDraft(server.url);
  const cookie = (link: string | undefined) => sessionCookieFor(server.url, link ?? '');
  cookies = {
    chair: await cookie(draft.links.chair),
    MYS: await cookie(draft.links.delegations.MYS),
    PHL: await cookie(draft.links.delegations.PHL),
  };
});

afterAll(async () => {
  await server.stop();
});

const get = async (path: string, cookie: string) => {
  const response = await fetch(`${server.url}${path}`, { headers: { cookie } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
};

describe('a word made bold after a delegation endorsed its clause', () => {
  let clauseId = '';
  let endorsedOn = '';
  let boldHash = '';

  beforeAll(async () => {
    const state = await fetchState(server.url, draft.id, cookies.chair);
    clauseId = state.clauses[1]?.id ?? '';
    endorsedOn = state.clauses[1]?.textHash ?? '';
    const endorsed = await sendCommand(server.url, draft.id, cookies.PHL, {
      type: 'position',
      clauseId,
      stance: 'endorsed',
      textHash: endorsedOn,
    });
    expect(endorsed.status).toBe(200);
    const chair = connectClient(server.url, draft.id, cookies.chair);
    try {
      await chair.synced;
      formatWord(chair.doc, clauseId, 'work', TextFormatBits.bold);
      boldHash = hashClauseRoot(clauseRoot(chair.doc, clauseId));
      await waitFor(
        async () => (await fetchState(server.url, draft.id, cookies.chair)).clauses[1]?.textHash === boldHash,
        'the bold word to reach the server',
      );
    } finally {
      chair.destroy();
    }
  });

  it('changes the clause’s hash, so the endorsement is stale, though the words are the same', async () => {
    expect(boldHash).not.toBe(endorsedOn);
    const clause = (await fetchState(server.url, draft.id, cookies.PHL)).clauses[1];
    expect(clause?.positions.find((p) => p.delegation === 'PHL')).toMatchObject({ textHash: endorsedOn, stale: true });
    expect(clause?.endorsedCount).toBe(0);
  });

  it('still gives the text the endorsement was taken on, which a stale note compares with', async () => {
    const { status, bytes } = await get(`/api/drafts/${draft.id}/texts/${endorsedOn}`, cookies.PHL);
    expect(status).toBe(200);
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({
      textHash: endorsedOn,
      text: 'COMMEND the work of the drafting committee;',
    });
  });

  it('shows the bold word in the export of the current text', async () => {
    const markdown = (await get(`/api/drafts/${draft.id}/export?format=md`, cookies.PHL)).bytes.toString('utf8');
    expect(markdown).toContain('1. COMMEND the **work** of the drafting committee;');
    const html = (await get(`/api/drafts/${draft.id}/export?format=html`, cookies.PHL)).bytes.toString('utf8');
    expect(html).toContain('COMMEND the <strong>work</strong> of the drafting committee;');
  });

  it('is adopted with its emphasis: the record keeps the runs, and the adopted Word file has a bold run', async () => {
    const state = await fetchState(server.url, draft.id, cookies.chair);
    for (const clause of state.clauses) {
      for (const delegation of ['MYS', 'PHL'] as const) {
        const command = { type: 'position', clauseId: clause.id, stance: 'endorsed', textHash: clause.textHash };
        expect((await sendCommand(server.url, draft.id, cookies[delegation], command)).status).toBe(200);
      }
      const freeze = { type: 'freeze', clauseId: clause.id, textHash: clause.textHash };
      expect((await sendCommand(server.url, draft.id, cookies.chair, freeze)).status).toBe(200);
    }
    const adopt = { type: 'adopt', place: 'Kuala Lumpur, Malaysia', date: new Date().toISOString().slice(0, 10) };
    expect((await sendCommand(server.url, draft.id, cookies.chair, adopt)).status).toBe(200);

    const record = AdoptionRecord.parse(
      JSON.parse((await get(`/api/drafts/${draft.id}/adoption`, cookies.PHL)).bytes.toString('utf8')),
    );
    expect(record.clauses[1]).toMatchObject({ textHash: boldHash });
    expect(record.clauses[1]?.runs).toEqual([
      { text: 'COMMEND the ', format: '' },
      { text: 'work', format: 'b' },
      { text: ' of the drafting committee;', format: '' },
    ]);
    expect(record.clauses[0]?.runs).toBeUndefined();

    const docx = await get(`/api/drafts/${draft.id}/export?format=docx&version=adopted`, cookies.PHL);
    const xml = (await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toMatch(/<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">work<\/w:t><\/w:r>/);
  });
});
