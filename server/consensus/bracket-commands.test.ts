import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { readClauseText } from '../../shared/clause-text.ts';
import { anchorAtOffset, encodeAnchor, resolveBracketSpan } from '../../shared/consensus/bracket-anchors.ts';
import { hashClauseRoot } from '../../shared/consensus/clause-hash.ts';
import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { type CollabClient, clauseRoot, connectClient, typeIntoClause, waitFor } from '../testing/collab-client.ts';
import { errorCode, fetchState, sendCommand } from '../testing/commands.ts';
import { createTestDraft, sessionCookieFor, startTestServer, type TestServer } from '../testing/test-server.ts';

let server: TestServer;
let draft: CreateDraftResponse;
let cookies: Record<'chair' | 'MYS' | 'PHL' | 'secretariat' | 'observer', string>;
let clients: CollabClient[];

beforeEach(async () => {
  clients = [];
  server = await startTestServer();
  draft = await createTestDraft(server.url);
  const cookie = (link: string | undefined) => sessionCookieFor(server.url, link ?? '');
  cookies = {
    chair: await cookie(draft.links.chair),
    MYS: await cookie(draft.links.delegations.MYS),
    PHL: await cookie(draft.links.delegations.PHL),
    secretariat: await cookie(draft.links.secretariat),
    observer: await cookie(draft.links.observer),
  };
});

afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.stop();
});

async function rawClient(as: keyof typeof cookies = 'secretariat'): Promise<CollabClient> {
  const client = connectClient(server.url, draft.id, cookies[as]);
  clients.push(client);
  await client.synced;
  return client;
}

async function command(as: keyof typeof cookies | null, body: unknown) {
  return sendCommand(server.url, draft.id, as === null ? null : cookies[as], body);
}

async function firstClause(): Promise<{ clauseId: string; textHash: string }> {
  const clause = (await fetchState(server.url, draft.id, cookies.chair)).clauses[0];
  if (clause === undefined) throw new Error('no clause');
  return { clauseId: clause.id, textHash: clause.textHash };
}

/** The place-bracket command over the first `words` of the clause, as a client computes it from its doc. */
function bracketOver(doc: Y.Doc, clauseId: string, words: string) {
  const root = clauseRoot(doc, clauseId);
  const text = readClauseText(root);
  const from = text.indexOf(words);
  if (from === -1) throw new Error(`"${words}" is not in "${text}"`);
  return {
    type: 'place-bracket',
    clauseId,
    textHash: hashClauseRoot(root),
    start: encodeAnchor(anchorAtOffset(root, from, 0)),
    end: encodeAnchor(anchorAtOffset(root, from + words.length, -1)),
    quote: words,
    kind: 'contested',
  };
}

async function brackets(clauseId: string) {
  const state = await fetchState(server.url, draft.id, cookies.observer);
  return state.clauses.find((c) => c.id === clauseId)?.brackets ?? [];
}

describe('bracket commands', () => {
  it('answers every bracket command as every role as the rules say', async () => {
    const { clauseId } = await firstClause();
    const doc = (await rawClient()).doc;
    const place = bracketOver(doc, clauseId, 'importance');
    const as = async (who: keyof typeof cookies | null, body: unknown) => (await command(who, body)).status;
    const matrix: Record<string, number[]> = {};
    for (const who of ['secretariat', 'observer', null, 'chair', 'MYS', 'PHL'] as const) {
      const bracket = { clauseId, bracketId: 'b1' };
      matrix[who ?? 'no session'] = [
        await as(who, place),
        await as(who, { type: 'join-bracket', ...bracket }),
        await as(who, { type: 'leave-bracket', ...bracket }),
        await as(who, { type: 'propose-deletion', clauseId }),
        await as(who, { type: 'lift-bracket', ...bracket }),
      ];
    }
    expect(matrix).toEqual({
      secretariat: [403, 403, 403, 403, 403],
      observer: [403, 403, 403, 403, 403],
      'no session': [401, 401, 401, 401, 401],
      // The chair places nothing; b1 does not exist yet when it tries to lift it.
      chair: [403, 403, 403, 403, 404],
      // MYS places b1 (joining its own is refused, leaving lifts it), proposes deletion as b2, lifts nothing open.
      MYS: [200, 409, 200, 200, 409],
      // PHL places b3; b1 was lifted by MYS; b2 is MYS's deletion, which PHL may not propose again.
      PHL: [200, 409, 409, 409, 409],
    });
    expect((await brackets(clauseId)).map((b) => [b.id, b.kind, b.holders, b.lifted === null])).toEqual([
      ['b1', 'contested', [], false],
      ['b2', 'deletion', ['MYS'], true],
      ['b3', 'contested', ['PHL'], true],
    ]);
  });

  it('checks the anchors against its own text: words quoted wrong, or in another clause, are refused', async () => {
    const state = await fetchState(server.url, draft.id, cookies.chair);
    const [first, second] = state.clauses;
    if (first === undefined || second === undefined) throw new Error('clauses missing');
    const doc = (await rawClient()).doc;
    const wrongQuote = { ...bracketOver(doc, first.id, 'importance'), quote: 'insignificance' };
    const refused = await command('MYS', wrongQuote);
    expect(refused.status).toBe(409);
    expect(errorCode(refused.body)).toBe('bracket_anchor');
    expect(JSON.stringify(refused.body)).toContain('importance');
    const elsewhere = { ...bracketOver(doc, second.id, 'drafting'), clauseId: first.id, textHash: first.textHash };
    expect(errorCode((await command('MYS', elsewhere)).body)).toBe('bracket_anchor');
    const longNote = { ...bracketOver(doc, first.id, 'importance'), note: 'x'.repeat(501) };
    expect((await command('MYS', longNote)).status).toBe(400);
  });

  it('refuses to freeze bracketed text until the bracket is lifted, then freezes it', async () => {
    const { clauseId, textHash } = await firstClause();
    const doc = (await rawClient()).doc;
    expect((await command('MYS', bracketOver(doc, clauseId, 'dialogue'))).status).toBe(200);
    expect((await command('PHL', { type: 'join-bracket', clauseId, bracketId: 'b1' })).status).toBe(200);
    const refused = await command('chair', { type: 'freeze', clauseId, textHash });
    expect(refused.status).toBe(409);
    expect(errorCode(refused.body)).toBe('bracketed');
    expect(JSON.stringify(refused.body)).toContain('MYS, PHL');
    expect((await command('chair', { type: 'lift-bracket', clauseId, bracketId: 'b1' })).status).toBe(200);
    expect((await command('chair', { type: 'freeze', clauseId, textHash })).status).toBe(200);
    const lifted = (await brackets(clauseId))[0];
    expect(lifted?.lifted?.by).toBe('chair');
    const place = await command('PHL', bracketOver(doc, clauseId, 'importance'));
    expect(errorCode(place.body)).toBe('frozen');
  });

  it('keeps brackets and their anchors across a restart, and through concurrent edits', async () => {
    const { clauseId } = await firstClause();
    const writer = await rawClient();
    expect((await command('MYS', bracketOver(writer.doc, clauseId, 'importance of'))).status).toBe(200);
    // Two people edit at once, before the bracket and right after it.
    const other = await rawClient();
    typeIntoClause(writer.doc, clauseId, 'FIRMLY ', 'start');
    const paragraph = clauseRoot(other.doc, clauseId).toDelta()[0]?.insert as Y.XmlText;
    paragraph.insert(1 + 'RECOGNISING the importance of'.length, ' sincere');
    const expected = 'FIRMLY RECOGNISING the importance of sincere dialogue;';
    for (const client of [writer, other]) {
      await waitFor(async () => readClauseText(clauseRoot(client.doc, clauseId)) === expected, 'both edits');
    }
    for (const client of clients) client.destroy();
    clients = [];
    const dataDir = server.dataDir;
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir });

    const [bracket] = await brackets(clauseId);
    if (bracket?.start == null || bracket.end == null) throw new Error('no anchored bracket after restart');
    const fresh = await rawClient();
    expect(resolveBracketSpan(fresh.doc, clauseId, bracket.start, bracket.end)).toMatchObject({
      ok: true,
      words: 'importance of',
    });
    // The server reads the same span: a bracket quoting these words in it is accepted there.
    expect((await command('PHL', { type: 'join-bracket', clauseId, bracketId: bracket.id })).status).toBe(200);
  });

  it('exports brackets as printed, and refuses a clean-text export while one is open, naming where', async () => {
    const { clauseId } = await firstClause();
    const doc = (await rawClient()).doc;
    expect((await command('MYS', bracketOver(doc, clauseId, 'importance'))).status).toBe(200);
    const exportOf = (query: string) =>
      fetch(`${server.url}/api/drafts/${draft.id}/export?${query}`, { headers: { cookie: cookies.PHL } });
    const html = await exportOf('format=html');
    expect(await html.text()).toContain('RECOGNISING the [importance] of dialogue;');
    const akn = await (await exportOf('format=akn')).text();
    expect(akn).toContain('<inline name="bracket" refersTo="#mys" class="contested">[importance]</inline>');
    const clean = await exportOf('format=docx&clean=true');
    expect(clean.status).toBe(409);
    const body = await clean.json();
    expect(errorCode(body)).toBe('bracketed');
    expect(JSON.stringify(body)).toContain('(held by MYS)');
    expect((await command('MYS', { type: 'lift-bracket', clauseId, bracketId: 'b1' })).status).toBe(200);
    expect((await exportOf('format=docx&clean=true')).status).toBe(200);
  });
});
