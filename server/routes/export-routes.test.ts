import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashClauseRoot } from '../../shared/consensus/clause-hash.ts';
import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { clauseRoot, connectClient, typeIntoClause, waitFor } from '../testing/collab-client.ts';
import { errorCode, fetchState, sendCommand } from '../testing/commands.ts';
import { child, readXml, textOf } from '../testing/read-xml.ts';
import {
  createTestDraft,
  sessionCookieFor,
  startTestServer,
  type TestServer,
  TWO_DELEGATION_DRAFT,
} from '../testing/test-server.ts';

/** Adoption is dated the day it happens: never before the draft was created. */
const TODAY = new Date().toISOString().slice(0, 10);

const FORMATS = {
  md: { type: 'text/markdown; charset=utf-8', extension: 'md' },
  html: { type: 'text/html; charset=utf-8', extension: 'html' },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  akn: { type: 'application/akn+xml; charset=utf-8', extension: 'akn.xml' },
} as const;
type Format = keyof typeof FORMATS;
const SLUG = 'test-joint-statement';

let server: TestServer;
let draft: CreateDraftResponse;
let cookies: Record<'chair' | 'MYS' | 'PHL' | 'SGP' | 'observer', string>;

async function exportDraft(query: string, cookie: string | null = cookies.observer, id = draft.id) {
  const response = await fetch(`${server.url}/api/drafts/${id}/export?${query}`, {
    headers: cookie === null ? {} : { cookie },
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

function json(bytes: Buffer): unknown {
  return JSON.parse(bytes.toString('utf8'));
}

beforeAll(async () => {
  server = await startTestServer();
  draft = await createTestDraft(server.url, {
    ...TWO_DELEGATION_DRAFT,
    delegations: ['MYS', 'PHL', 'SGP'],
    consensus: { rule: 'minus-x', x: 1 },
  });
  const cookie = (link: string | undefined) => sessionCookieFor(server.url, link ?? '');
  cookies = {
    chair: await cookie(draft.links.chair),
    MYS: await cookie(draft.links.delegations.MYS),
    PHL: await cookie(draft.links.delegations.PHL),
    SGP: await cookie(draft.links.delegations.SGP),
    observer: await cookie(draft.links.observer),
  };
});

afterAll(async () => {
  await server.stop();
});

/** Every delegation takes its position, PHL reserving the first operative clause; all frozen. */
async function agreeAndFreeze(): Promise<void> {
  const state = await fetchState(server.url, draft.id, cookies.chair);
  for (const [index, { id: clauseId, textHash }] of state.clauses.entries()) {
    for (const delegation of ['MYS', 'PHL', 'SGP'] as const) {
      const reserve = delegation === 'PHL' && index === 1;
      const position = reserve
        ? { stance: 'reserved', reason: 'awaiting <instructions> & advice' }
        : { stance: 'endorsed' };
      const sent = await sendCommand(server.url, draft.id, cookies[delegation], {
        type: 'position',
        clauseId,
        textHash,
        ...position,
      });
      expect(sent.status).toBe(200);
    }
    expect(
      (await sendCommand(server.url, draft.id, cookies.chair, { type: 'freeze', clauseId, textHash })).status,
    ).toBe(200);
  }
}

// The tests below run in order on one draft: before adoption, then adopted.
describe('GET /api/drafts/:id/export before adoption', () => {
  it('answers 401 without a session and 404 for an unknown draft', async () => {
    const anonymous = await exportDraft('format=md', null);
    expect(anonymous.response.status).toBe(401);
    expect(errorCode(json(anonymous.bytes))).toBe('not_authenticated');
    const unknown = await exportDraft('format=md', cookies.observer, 'noSuchDraft01');
    expect(unknown.response.status).toBe(404);
    expect(errorCode(json(unknown.bytes))).toBe('not_found');
  });

  it('answers 403 to a session of another draft', async () => {
    const other = await createTestDraft(server.url);
    const otherCookie = await sessionCookieFor(server.url, other.links.chair);
    expect((await exportDraft('format=md', otherCookie)).response.status).toBe(403);
  });

  it('answers 400 for a missing or unknown format or version', async () => {
    for (const query of ['', 'format=pdf', 'format=MD', 'format=md&version=final']) {
      const { response, bytes } = await exportDraft(query);
      expect(response.status, query).toBe(400);
      expect(errorCode(json(bytes))).toBe('invalid_request');
    }
  });

  it('answers 404 for the adopted version of a draft not adopted yet', async () => {
    const { response, bytes } = await exportDraft('format=html&version=adopted');
    expect(response.status).toBe(404);
    expect(JSON.stringify(json(bytes))).toContain('has not been adopted yet');
  });

  it('exports the current text in every format to every participant, as an attachment of its type', async () => {
    for (const [format, { type, extension }] of Object.entries(FORMATS) as Array<[Format, (typeof FORMATS)[Format]]>) {
      const { response } = await exportDraft(`format=${format}`);
      expect(response.status, format).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${SLUG}-current.${extension}"`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const asDelegation = await exportDraft('format=md&version=current', cookies.PHL);
    expect(asDelegation.bytes.toString('utf8')).toContain('> DRAFT — not adopted');
  });

  it('exports the live text, with the edit just made', async () => {
    const state = await fetchState(server.url, draft.id, cookies.chair);
    const clauseId = state.clauses[2]?.id ?? '';
    const editor = connectClient(server.url, draft.id, cookies.chair);
    try {
      await editor.synced;
      typeIntoClause(editor.doc, clauseId, ' in Manila');
      const hash = hashClauseRoot(clauseRoot(editor.doc, clauseId));
      await waitFor(
        async () => (await fetchState(server.url, draft.id, cookies.chair)).clauses[2]?.textHash === hash,
        'the edit to reach the server',
      );
    } finally {
      editor.destroy();
    }
    const markdown = (await exportDraft('format=md')).bytes.toString('utf8');
    expect(markdown).toContain('2. WELCOME the next meeting. in Manila\n');
  });

  it('shows a current reservation as a footnote of the draft', async () => {
    await agreeAndFreeze();
    const markdown = (await exportDraft('format=md')).bytes.toString('utf8');
    expect(markdown).toContain('1. COMMEND the work of the drafting committee;[^1]');
    // A tag-like "<" is written as "&lt;" in Markdown; nothing else in the reason is escaped.
    expect(markdown).toContain('[^1]: PHL reserves its position on paragraph 1: awaiting &lt;instructions> & advice');
  });
});

describe('GET /api/drafts/:id/export after adoption', () => {
  let textHash = '';

  beforeAll(async () => {
    const adopted = await sendCommand(server.url, draft.id, cookies.chair, {
      type: 'adopt',
      place: 'Kuala Lumpur, Malaysia',
      date: TODAY,
    });
    expect(adopted.status).toBe(200);
    textHash = (await fetchState(server.url, draft.id, cookies.chair)).adoption?.textHash ?? '';
    expect(textHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same bytes twice for each format, named by the adopted version', async () => {
    for (const [format, { extension }] of Object.entries(FORMATS) as Array<[Format, (typeof FORMATS)[Format]]>) {
      const first = await exportDraft(`format=${format}&version=adopted`);
      // A zip entry's date has a 2-second resolution: cross it, so that a date from the clock would show.
      if (format === 'docx') await new Promise((resolve) => setTimeout(resolve, 2_100));
      const second = await exportDraft(`format=${format}&version=adopted`, cookies.MYS);
      expect(first.response.status, format).toBe(200);
      expect(first.response.headers.get('content-disposition')).toBe(
        `attachment; filename="${SLUG}-adopted.${extension}"`,
      );
      expect(second.bytes.equals(first.bytes), `${format} twice`).toBe(true);
    }
  });

  it('names the adoption hash in every format', async () => {
    for (const format of ['md', 'html', 'akn'] as const) {
      const text = (await exportDraft(`format=${format}&version=adopted`)).bytes.toString('utf8');
      expect(text, format).toContain(textHash);
      expect(text, format).not.toContain('DRAFT — not adopted');
    }
    const zip = await JSZip.loadAsync((await exportDraft('format=docx&version=adopted')).bytes);
    expect(await zip.file('word/document.xml')?.async('string')).toContain(textHash);
    const core = readXml((await zip.file('docProps/core.xml')?.async('string')) ?? '');
    expect(textOf(child(core, 'dc:description'))).toContain(textHash);
  });

  it('gives the adopted document for the current version of an adopted draft', async () => {
    const current = await exportDraft('format=akn');
    expect(current.response.headers.get('content-disposition')).toBe(`attachment; filename="${SLUG}-adopted.akn.xml"`);
    expect(current.bytes.equals((await exportDraft('format=akn&version=adopted')).bytes)).toBe(true);
    const statement = child(readXml(current.bytes.toString('utf8')), 'statement');
    const note = textOf(child(child(child(child(statement, 'mainBody'), 'paragraph'), 'content'), 'p'));
    expect(note).toContain('PHL reserves its position on paragraph 1: awaiting <instructions> & advice');
  });

  it('still refuses an unknown format', async () => {
    const { response, bytes } = await exportDraft('format=pdf&version=adopted');
    expect(response.status).toBe(400);
    expect(errorCode(json(bytes))).toBe('invalid_request');
  });
});
