import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { readClauseText } from '../../shared/clause-text.ts';
import { hashClauseRoot } from '../../shared/consensus/clause-hash.ts';
import { ClauseHistory, DraftAuthors } from '../../shared/schemas/attribution.ts';
import { AuditEntry } from '../../shared/schemas/audit.ts';
import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { Comparison, Version, VersionList } from '../../shared/schemas/versions.ts';
import {
  type CollabClient,
  clauseRoot,
  connectClient,
  deleteFromClause,
  typeIntoClause,
  waitFor,
} from '../testing/collab-client.ts';
import { errorCode, fetchState, sendCommand } from '../testing/commands.ts';
import { docxRuns } from '../testing/docx-runs.ts';
import { createTestDraft, sessionCookieFor, startTestServer, type TestServer } from '../testing/test-server.ts';

type Who = 'chair' | 'MYS' | 'PHL' | 'secretariat' | 'observer';

let server: TestServer;
let draft: CreateDraftResponse;
let cookies: Record<Who, string>;
let clients: CollabClient[];

async function join(): Promise<void> {
  draft = await createTestDraft(server.url);
  const cookie = (link: string | undefined) => sessionCookieFor(server.url, link ?? '');
  cookies = {
    chair: await cookie(draft.links.chair),
    MYS: await cookie(draft.links.delegations.MYS),
    PHL: await cookie(draft.links.delegations.PHL),
    secretariat: await cookie(draft.links.secretariat),
    observer: await cookie(draft.links.observer),
  };
}

async function rawClient(as: Who): Promise<CollabClient> {
  const client = connectClient(server.url, draft.id, cookies[as]);
  clients.push(client);
  await client.synced;
  return client;
}

async function get(path: string, as: Who = 'observer'): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/api/drafts/${draft.id}${path}`, { headers: { cookie: cookies[as] } });
  return { status: response.status, body: await response.json() };
}

async function versions(): Promise<VersionList['versions']> {
  const { status, body } = await get('/versions');
  expect(status).toBe(200);
  return VersionList.parse(body).versions;
}

async function version(n: number): Promise<Version> {
  const { status, body } = await get(`/versions/${n}`);
  expect(status).toBe(200);
  return Version.parse(body);
}

async function compare(from: number, to: number | 'current'): Promise<Comparison> {
  const { status, body } = await get(`/compare?from=${from}&to=${to}`);
  expect(status).toBe(200);
  return Comparison.parse(body);
}

const nameVersion = (as: Who, label: unknown) =>
  sendCommand(server.url, draft.id, cookies[as], { type: 'name-version', label });

async function restartServer(overrides: { compactAfterUpdates?: number } = {}): Promise<void> {
  for (const client of clients.splice(0)) client.destroy();
  const { dataDir } = server;
  await server.stop({ keepData: true });
  server = await startTestServer({ dataDir, ...overrides });
}

beforeEach(async () => {
  clients = [];
  server = await startTestServer();
  await join();
});

afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.stop();
});

describe('naming a version', () => {
  it('is the chair’s alone: delegations, the secretariat and observers are refused, and nothing is recorded', async () => {
    for (const who of ['MYS', 'secretariat', 'observer'] as const) {
      const refused = await nameVersion(who, 'Rev.1');
      expect(refused.status).toBe(403);
      expect(errorCode(refused.body)).toBe('forbidden');
    }
    expect(await versions()).toEqual([]);
    expect((await nameVersion('chair', 'Rev.1')).status).toBe(200);
    expect((await versions()).map((v) => [v.n, v.label, v.kind, v.actor.role])).toEqual([
      [1, 'Rev.1', 'named', 'chair'],
    ]);
  });

  it('refuses an empty label and one over 100 characters', async () => {
    expect((await nameVersion('chair', '   ')).status).toBe(400);
    expect((await nameVersion('chair', 'x'.repeat(101))).status).toBe(400);
    expect((await nameVersion('chair', 'x'.repeat(100))).status).toBe(200);
  });

  it('is audited, and holds every clause’s words and hash in reading order', async () => {
    expect((await nameVersion('chair', "Chair's text")).status).toBe(200);
    const audit = await get('/audit');
    const entries = AuditEntry.array().parse((audit.body as { entries: unknown }).entries);
    expect(entries.at(-1)).toMatchObject({ command: 'name-version', details: { label: "Chair's text" } });
    const state = await fetchState(server.url, draft.id, cookies.observer);
    const named = await version(1);
    expect(named.clauses.map((c) => [c.id, c.textHash])).toEqual(state.clauses.map((c) => [c.id, c.textHash]));
    expect(named.clauses.map((c) => c.text)).toEqual([
      'RECOGNISING the importance of dialogue;',
      'COMMEND the work of the drafting committee;',
      'WELCOME the next meeting.',
    ]);
    expect(named.auditSeq).toBe(entries.at(-1)?.seq);
  });

  it('answers 404 for a version the draft does not have, 400 for a malformed number', async () => {
    expect((await get('/versions/7')).status).toBe(404);
    expect((await get('/versions/abc')).status).toBe(400);
    expect((await get('/compare?from=1&to=current')).status).toBe(404);
    expect((await get('/compare?from=x')).status).toBe(400);
  });
});

describe('versions the server records', () => {
  it('records one at a freeze and at a re-opening, labelled with the clause', async () => {
    const state = await fetchState(server.url, draft.id, cookies.chair);
    const clause = state.clauses[1];
    if (clause === undefined) throw new Error('no clause');
    const freeze = await sendCommand(server.url, draft.id, cookies.chair, {
      type: 'freeze',
      clauseId: clause.id,
      textHash: clause.textHash,
    });
    expect(freeze.status).toBe(200);
    const reopen = await sendCommand(server.url, draft.id, cookies.chair, {
      type: 'reopen',
      clauseId: clause.id,
      reason: 'More work needed.',
    });
    expect(reopen.status).toBe(200);
    expect((await versions()).map((v) => [v.kind, v.label])).toEqual([
      ['freeze', 'Frozen: paragraph 1'],
      ['reopen', 'Re-opened: paragraph 1'],
    ]);
  });
});

describe('versions at silence and adoption', () => {
  it('records one when the text is circulated under silence, and one at adoption, each of the whole text', async () => {
    const state = await fetchState(server.url, draft.id, cookies.chair);
    const textHashes = Object.fromEntries(state.clauses.map((c) => [c.id, c.textHash]));
    const chair = (body: unknown) => sendCommand(server.url, draft.id, cookies.chair, body);
    const circulated = await chair({
      type: 'circulate-silence',
      clauseIds: null,
      deadline: new Date(Date.now() + 3_600_000).toISOString(),
      textHashes,
      place: 'Kuala Lumpur',
    });
    expect(circulated.status, JSON.stringify(circulated.body)).toBe(200);
    const running = (await fetchState(server.url, draft.id, cookies.chair)).silences?.find(
      (s) => s.state === 'running',
    );
    expect((await chair({ type: 'withdraw-silence', silenceId: running?.id })).status).toBe(200);
    for (const who of ['MYS', 'PHL'] as const) {
      for (const clause of state.clauses) {
        const endorsed = await sendCommand(server.url, draft.id, cookies[who], {
          type: 'position',
          clauseId: clause.id,
          stance: 'endorsed',
          textHash: clause.textHash,
        });
        expect(endorsed.status, JSON.stringify(endorsed.body)).toBe(200);
      }
    }
    for (const clause of state.clauses) {
      expect((await chair({ type: 'freeze', clauseId: clause.id, textHash: clause.textHash })).status).toBe(200);
    }
    const adopted = await chair({ type: 'adopt', place: 'Kuala Lumpur', date: new Date().toISOString().slice(0, 10) });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    // Naming a version changes nothing: still allowed once adopted.
    expect((await nameVersion('chair', 'As adopted')).status).toBe(200);
    const list = await versions();
    expect(list.map((v) => [v.kind, v.label])).toEqual([
      ['silence', 'Circulated under silence'],
      ['freeze', 'Frozen: preambular paragraph 1'],
      ['freeze', 'Frozen: paragraph 1'],
      ['freeze', 'Frozen: paragraph 2'],
      ['adoption', 'Adopted'],
      ['named', 'As adopted'],
    ]);
    for (const v of list) {
      expect((await version(v.n)).clauses.map((c) => c.textHash)).toEqual(state.clauses.map((c) => c.textHash));
    }
  });
});

describe('compare', () => {
  it('shows a delegation’s words inserted and deleted since a version, and names the delegation', async () => {
    expect((await nameVersion('chair', 'Rev.1')).status).toBe(200);
    const mys = await rawClient('MYS');
    const state = await fetchState(server.url, draft.id, cookies.chair);
    const clauseId = state.clauses[1]?.id ?? '';
    // "COMMEND the work of the drafting committee;": "drafting " out, " excellent" in.
    deleteFromClause(mys.doc, clauseId, 'COMMEND the work of the '.length, 'drafting '.length);
    typeIntoClause(mys.doc, clauseId, ' and its chair');
    const expected = 'COMMEND the work of the committee; and its chair';
    await waitFor(
      async () =>
        (await fetchState(server.url, draft.id, cookies.chair)).clauses[1]?.textHash !== state.clauses[1]?.textHash,
      'the edit to be stored',
    );
    expect(readClauseText(clauseRoot(mys.doc, clauseId))).toBe(expected);
    const result = await compare(1, 'current');
    expect(result.to).toBeNull();
    const changed = result.clauses.find((c) => c.clauseId === clauseId);
    expect(changed?.change).toBe('changed');
    expect(changed?.parts.filter((p) => p.op === 'deleted').map((p) => p.text.trim())).toEqual(['drafting']);
    expect(changed?.parts.filter((p) => p.op === 'inserted').map((p) => p.text.trim())).toEqual(['and its chair']);
    expect(changed?.authors).toEqual([{ role: 'delegation', delegation: 'MYS' }]);
    expect(result.clauses.filter((c) => c.clauseId !== clauseId).every((c) => c.change === 'unchanged')).toBe(true);

    // Two versions compare the same way, either way round.
    expect((await nameVersion('chair', 'Rev.2')).status).toBe(200);
    const between = await compare(1, 2);
    expect(between.clauses.find((c) => c.clauseId === clauseId)?.parts).toEqual(changed?.parts);
    expect((await compare(2, 1)).clauses.find((c) => c.clauseId === clauseId)?.parts).toEqual(changed?.parts);
  });

  it('downloads as a DOCX whose runs are bold for the words typed since and struck through for those deleted', async () => {
    expect((await nameVersion('chair', 'Rev.1')).status).toBe(200);
    const mys = await rawClient('MYS');
    const state = await fetchState(server.url, draft.id, cookies.chair);
    const clauseId = state.clauses[1]?.id ?? '';
    // "COMMEND the work of the drafting committee;": "drafting " out, " and its chair" in.
    deleteFromClause(mys.doc, clauseId, 'COMMEND the work of the '.length, 'drafting '.length);
    typeIntoClause(mys.doc, clauseId, ' and its chair');
    const typed = hashClauseRoot(clauseRoot(mys.doc, clauseId));
    await waitFor(
      async () => (await fetchState(server.url, draft.id, cookies.chair)).clauses[1]?.textHash === typed,
      'the edits to be stored',
    );
    const response = await fetch(`${server.url}/api/drafts/${draft.id}/compare/export?from=1&format=docx`, {
      headers: { cookie: cookies.PHL },
    });
    expect(response.status).toBe(200);
    const runs = await docxRuns(new Uint8Array(await response.arrayBuffer()));
    const marked = runs.filter((r) => r.bold || r.strike).map((r) => [r.text.trim(), r.bold, r.strike]);
    expect(marked).toContainEqual(['drafting', false, true]);
    expect(marked).toContainEqual(['and its chair', true, false]);
    // The words kept are neither; the unchanged clauses carry no mark at all.
    expect(runs.some((r) => r.text.includes('COMMEND the work of the') && !r.bold && !r.strike)).toBe(true);
    const welcome = runs.filter((r) => r.text.includes('WELCOME the next meeting.'));
    expect(welcome.length).toBeGreaterThan(0);
    expect(welcome.every((r) => !r.bold && !r.strike)).toBe(true);
  });

  it('shows clauses added, deleted and moved through the clause-list commands', async () => {
    expect((await nameVersion('chair', 'Rev.1')).status).toBe(200);
    const [first, second, third] = (await fetchState(server.url, draft.id, cookies.chair)).clauses;
    if (first === undefined || second === undefined || third === undefined) throw new Error('no clauses');
    const chair = (body: unknown) => sendCommand(server.url, draft.id, cookies.chair, body);
    expect((await chair({ type: 'delete-clause', clauseId: second.id })).status).toBe(200);
    expect(
      (await chair({ type: 'add-clause', clauseId: 'newclause1', kind: 'operative', after: third.id })).status,
    ).toBe(200);
    expect((await chair({ type: 'move-clause', clauseId: 'newclause1', after: first.id })).status).toBe(200);
    const result = await compare(1, 'current');
    expect(result.clauses.map((c) => [c.clauseId, c.change])).toEqual([
      [first.id, 'unchanged'],
      // Deleted where it stood: straight after the clause it followed.
      [second.id, 'deleted'],
      ['newclause1', 'added'],
      [third.id, 'unchanged'],
    ]);
    expect(result.clauses.find((c) => c.clauseId === second.id)?.parts).toEqual([
      { op: 'deleted', text: 'COMMEND the work of the drafting committee;' },
    ]);
  });
});

/** One step of a negotiation's life, as the property test draws them. */
type Step =
  | { kind: 'type'; who: 'MYS' | 'PHL'; clause: number; word: string; at: 'start' | 'end' }
  | { kind: 'delete'; who: 'MYS' | 'PHL'; clause: number; from: number; length: number }
  | { kind: 'version' }
  | { kind: 'compact' }
  | { kind: 'restart' };

const who = fc.constantFrom('MYS' as const, 'PHL' as const);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      who,
      clause: fc.nat({ max: 2 }),
      word: fc.constantFrom('maritime ', 'security ', 'and ', 'ASEAN ', 'including '),
      at: fc.constantFrom('start' as const, 'end' as const),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      who,
      clause: fc.nat({ max: 2 }),
      from: fc.nat({ max: 60 }),
      length: fc.integer({ min: 1, max: 4 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.constant({ kind: 'version' as const }), weight: 3 },
  { arbitrary: fc.constant({ kind: 'compact' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'restart' as const }), weight: 1 },
);

/** Each clause's words and hash in a client's doc, in reading order. */
function textsOf(doc: Y.Doc, ids: readonly string[]): Array<[string, string]> {
  return ids.map((id) => [readClauseText(clauseRoot(doc, id)), hashClauseRoot(clauseRoot(doc, id))]);
}

describe('a version’s text, across compaction and restarts', () => {
  // Compaction after 3 updates: the log is folded again and again under the versions.
  const COMPACT_AFTER = 3;

  it('reads back exactly as recorded at N, for every N, whatever edits, versions, compactions and restarts came between', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 12 }), async (steps) => {
        for (const client of clients.splice(0)) client.destroy();
        await server.stop();
        server = await startTestServer({ compactAfterUpdates: COMPACT_AFTER });
        await join();
        const ids = (await fetchState(server.url, draft.id, cookies.chair)).clauses.map((c) => c.id);
        const writers = { MYS: await rawClient('MYS'), PHL: await rawClient('PHL') };
        // The words of the writer who edited last, once the other writer and the server hold them.
        const settled = async (editor: 'MYS' | 'PHL' = 'MYS') => {
          const expected = textsOf(writers[editor].doc, ids);
          const other = writers[editor === 'MYS' ? 'PHL' : 'MYS'];
          await waitFor(async () => {
            const state = await fetchState(server.url, draft.id, cookies.chair);
            return (
              JSON.stringify(textsOf(other.doc, ids)) === JSON.stringify(expected) &&
              state.clauses.every((c, i) => c.textHash === expected[i]?.[1])
            );
          }, 'the writers and the server to agree');
          return expected;
        };
        const recorded: Array<Array<[string, string]>> = [];
        for (const s of steps) {
          if (s.kind === 'type') {
            typeIntoClause(writers[s.who].doc, ids[s.clause] ?? '', s.word, s.at);
            await settled(s.who);
          } else if (s.kind === 'delete') {
            const clauseId = ids[s.clause] ?? '';
            const length = readClauseText(clauseRoot(writers[s.who].doc, clauseId)).length;
            if (length <= s.length) continue;
            deleteFromClause(writers[s.who].doc, clauseId, s.from % (length - s.length), s.length);
            await settled(s.who);
          } else if (s.kind === 'version') {
            const texts = await settled();
            expect((await nameVersion('chair', `Rev.${recorded.length + 1}`)).status).toBe(200);
            recorded.push(texts);
          } else if (s.kind === 'compact') {
            await waitFor(
              async () => (await server.stores.documents.loadDocument(draft.id)).updates.length < COMPACT_AFTER,
              'the log to be compacted',
            );
          } else {
            await restartServer({ compactAfterUpdates: COMPACT_AFTER });
            writers.MYS = await rawClient('MYS');
            writers.PHL = await rawClient('PHL');
          }
        }
        // Each version as recorded, before a restart and after one.
        const readAll = async () => {
          for (const [index, texts] of recorded.entries()) {
            expect((await version(index + 1)).clauses.map((c) => [c.text, c.textHash])).toEqual(texts);
          }
        };
        await readAll();
        await restartServer();
        await readAll();
      }),
      { numRuns: 8 },
    );
    // Each run starts and restarts servers and waits for compactions (a quiet second each).
  }, 120_000);
});

describe('restoring a clause to a version’s words', () => {
  it('writes them back as a new edit, and refuses observers, stale senders and frozen clauses', async () => {
    expect((await nameVersion('chair', 'Rev.1')).status).toBe(200);
    const mys = await rawClient('MYS');
    const before = await fetchState(server.url, draft.id, cookies.chair);
    const clause = before.clauses[1];
    if (clause === undefined) throw new Error('no clause');
    typeIntoClause(mys.doc, clause.id, ' and its chair');
    await waitFor(
      async () => (await fetchState(server.url, draft.id, cookies.chair)).clauses[1]?.textHash !== clause.textHash,
      'the edit to be stored',
    );
    const edited = (await fetchState(server.url, draft.id, cookies.chair)).clauses[1]?.textHash ?? '';
    const restore = (as: Who, textHash: string) =>
      sendCommand(server.url, draft.id, cookies[as], {
        type: 'restore-version-text',
        clauseId: clause.id,
        version: 1,
        textHash,
      });
    expect((await restore('observer', edited)).status).toBe(403);
    const stale = await restore('PHL', clause.textHash);
    expect(stale.status).toBe(409);
    expect(errorCode(stale.body)).toBe('text_changed');

    expect((await restore('PHL', edited)).status).toBe(200);
    const after = await fetchState(server.url, draft.id, cookies.chair);
    expect(after.clauses[1]?.textHash).toBe(clause.textHash);
    await waitFor(
      () => readClauseText(clauseRoot(mys.doc, clause.id)) === 'COMMEND the work of the drafting committee;',
      'MYS to see the restored words',
    );
    const audit = AuditEntry.array().parse(((await get('/audit')).body as { entries: unknown }).entries);
    expect(audit.at(-1)).toMatchObject({
      command: 'restore-version-text',
      clauseId: clause.id,
      actor: { role: 'delegation', delegation: 'PHL' },
      textHash: edited,
    });

    // Written for PHL, who asked: the clause's history and its authorship name PHL, not the server,
    // and so does the compare with the version before the restore.
    const phl = { role: 'delegation', delegation: 'PHL' };
    const history = ClauseHistory.parse((await get(`/clauses/${clause.id}/history`)).body);
    expect(history.runs).toEqual([{ text: 'COMMEND the work of the drafting committee;', author: phl }]);
    expect(history.entries.filter((e) => e.author.delegation === 'PHL').map((e) => [e.kind, e.text])).toEqual(
      expect.arrayContaining([
        ['insert', 'COMMEND the work of the drafting committee;'],
        ['delete', 'COMMEND the work of the drafting committee; and its chair'],
      ]),
    );
    const painted = DraftAuthors.parse((await get('/authors')).body).clients.filter(
      (c) => c.author.delegation === 'PHL',
    );
    expect(painted).toHaveLength(1);

    // Frozen: refused.
    expect((await nameVersion('chair', 'Rev.2')).status).toBe(200);
    typeIntoClause(mys.doc, clause.id, ' again');
    await waitFor(
      async () => (await fetchState(server.url, draft.id, cookies.chair)).clauses[1]?.textHash !== clause.textHash,
      'the second edit to be stored',
    );
    const current = (await fetchState(server.url, draft.id, cookies.chair)).clauses[1]?.textHash ?? '';
    const freeze = await sendCommand(server.url, draft.id, cookies.chair, {
      type: 'freeze',
      clauseId: clause.id,
      textHash: current,
    });
    expect(freeze.status).toBe(200);
    const refused = await restore('chair', current);
    expect(refused.status).toBe(409);
    expect(errorCode(refused.body)).toBe('frozen');
  });
});
