import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { readClauseText } from '../../shared/clause-text.ts';
import { hashClauseRoot } from '../../shared/consensus/clause-hash.ts';
import { CLAUSES_ROOT, ORDER_ROOT } from '../../shared/doc-layout.ts';
import { CloseCode } from '../../shared/protocol.ts';
import type { CreateDraftRequest, CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { DecisionEvent } from '../../shared/schemas/events.ts';
import { ADMM_PLUS_2025_DEMO } from '../demo/admm-plus-2025.ts';
import { type CollabClient, clauseRoot, connectClient, typeIntoClause, waitFor } from '../testing/collab-client.ts';
import { errorCode, fetchState, sendCommand } from '../testing/commands.ts';
import { openEventStream } from '../testing/event-stream.ts';
import {
  createTestDraft,
  sessionCookieFor,
  startTestServer,
  type TestServer,
  TWO_DELEGATION_DRAFT,
} from '../testing/test-server.ts';

/** Adoption is dated the day it happens: never before the draft was created. */
const TODAY = new Date().toISOString().slice(0, 10);

let server: TestServer;
let draft: CreateDraftResponse;
let cookies: Record<'chair' | 'MYS' | 'PHL' | 'secretariat' | 'observer', string>;
let clients: CollabClient[];

async function setUp(request: CreateDraftRequest = TWO_DELEGATION_DRAFT): Promise<void> {
  draft = await createTestDraft(server.url, request);
  const cookie = (link: string | undefined) => sessionCookieFor(server.url, link ?? '');
  cookies = {
    chair: await cookie(draft.links.chair),
    MYS: await cookie(draft.links.delegations.MYS),
    PHL: await cookie(draft.links.delegations.PHL),
    secretariat: await cookie(draft.links.secretariat),
    observer: await cookie(draft.links.observer),
  };
}

/** A raw Yjs client on the draft: no user interface between it and the server. */
async function rawClient(as: keyof typeof cookies = 'secretariat'): Promise<CollabClient> {
  const client = connectClient(server.url, draft.id, cookies[as]);
  clients.push(client);
  await client.synced;
  return client;
}

function ids(doc: Y.Doc): string[] {
  return doc.getArray<string>(ORDER_ROOT).toArray();
}

async function clauseHashes(): Promise<Map<string, string>> {
  const state = await fetchState(server.url, draft.id, cookies.chair);
  return new Map(state.clauses.map((c) => [c.id, c.textHash]));
}

async function command(as: keyof typeof cookies | null, body: unknown) {
  return sendCommand(server.url, draft.id, as === null ? null : cookies[as], body);
}

/** Freezes every clause at its current text, as the chair. */
async function freezeAll(): Promise<void> {
  for (const [clauseId, textHash] of await clauseHashes()) {
    expect((await command('chair', { type: 'freeze', clauseId, textHash })).status).toBe(200);
  }
}

beforeEach(async () => {
  clients = [];
  server = await startTestServer();
  await setUp();
});

afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.stop();
});

describe('authorisation', () => {
  it('answers every command as every role as the rules say', async () => {
    const [first, second] = [...(await clauseHashes())];
    if (first === undefined || second === undefined) throw new Error('clauses missing');
    const other = await createTestDraft(server.url);
    const otherCookie = await sessionCookieFor(server.url, other.links.chair);
    const position = { type: 'position', clauseId: second[0], stance: 'endorsed', textHash: second[1] };
    const freeze = { type: 'freeze', clauseId: first[0], textHash: first[1] };
    const reopen = { type: 'reopen', clauseId: first[0], reason: 'PHL asked to revisit the wording' };
    const adopt = { type: 'adopt', place: 'Kuala Lumpur, Malaysia', date: TODAY };

    const as = async (cookie: string | null, body: unknown) =>
      (await sendCommand(server.url, draft.id, cookie, body)).status;
    const matrix: Record<string, number[]> = {};
    for (const [role, cookie] of [
      ['MYS', cookies.MYS],
      ['PHL', cookies.PHL],
      ['secretariat', cookies.secretariat],
      ['observer', cookies.observer],
      ['no session', null],
      ['other draft', otherCookie],
      ['chair', cookies.chair],
    ] as const) {
      matrix[role] = [
        await as(cookie, position),
        await as(cookie, freeze),
        await as(cookie, reopen),
        await as(cookie, adopt),
      ];
    }
    expect(matrix).toEqual({
      MYS: [200, 403, 403, 403],
      PHL: [200, 403, 403, 403],
      secretariat: [403, 403, 403, 403],
      observer: [403, 403, 403, 403],
      'no session': [401, 401, 401, 401],
      'other draft': [403, 403, 403, 403],
      // The chair freezes and re-opens; adoption is refused by the rules (409), not the role.
      chair: [403, 200, 200, 409],
    });
  });

  it('refuses a reservation without a reason, and a malformed command, with 400', async () => {
    const [[clauseId, textHash] = ['', '']] = [...(await clauseHashes())];
    const reserve = await command('MYS', { type: 'position', clauseId, stance: 'reserved', textHash });
    expect(reserve.status).toBe(400);
    expect(JSON.stringify(reserve.body)).toContain('reason');
    expect((await command('MYS', { type: 'promote', clauseId })).status).toBe(400);
    expect((await command('MYS', { type: 'position', clauseId, stance: 'endorsed', textHash: 'abc' })).status).toBe(
      400,
    );
  });

  it('answers 404 for a clause that is not in the draft', async () => {
    const [[, textHash] = ['', '']] = [...(await clauseHashes())];
    const response = await command('MYS', { type: 'position', clauseId: 'noSuchClause', stance: 'endorsed', textHash });
    expect(response.status).toBe(404);
  });
});

describe('positions on words', () => {
  it('refuses with 409 text_changed when the text changed between reading and endorsing', async () => {
    const [[clauseId, seenHash] = ['', '']] = [...(await clauseHashes())];
    const editor = await rawClient();
    typeIntoClause(editor.doc, clauseId, ' and cooperation');
    const newHash = hashClauseRoot(clauseRoot(editor.doc, clauseId));
    await waitFor(async () => (await clauseHashes()).get(clauseId) === newHash, 'the edit to reach the server');

    const stale = await command('MYS', { type: 'position', clauseId, stance: 'endorsed', textHash: seenHash });
    expect(stale.status).toBe(409);
    expect(errorCode(stale.body)).toBe('text_changed');
    expect(JSON.stringify(stale.body)).toContain('and cooperation');
    expect((await command('MYS', { type: 'position', clauseId, stance: 'endorsed', textHash: newHash })).status).toBe(
      200,
    );
  });

  it('makes positions stale when the text changes, and the clause no longer agreed', async () => {
    const [[clauseId, textHash] = ['', '']] = [...(await clauseHashes())];
    for (const delegation of ['MYS', 'PHL'] as const) {
      expect((await command(delegation, { type: 'position', clauseId, stance: 'endorsed', textHash })).status).toBe(
        200,
      );
    }
    expect((await fetchState(server.url, draft.id, cookies.observer)).clauses[0]?.status).toBe('agreed');

    const editor = await rawClient();
    typeIntoClause(editor.doc, clauseId, ' (amended)');
    await waitFor(
      async () => (await fetchState(server.url, draft.id, cookies.observer)).clauses[0]?.status === 'open',
      'the clause to fall back to open',
    );
    const clause = (await fetchState(server.url, draft.id, cookies.observer)).clauses[0];
    expect(clause?.positions.map((p) => [p.delegation, p.stale])).toEqual([
      ['MYS', true],
      ['PHL', true],
    ]);
  });

  it('answers the text a stale position was taken on, to participants of the draft only', async () => {
    const [[clauseId, textHash] = ['', '']] = [...(await clauseHashes())];
    const before = readClauseText(clauseRoot((await rawClient()).doc, clauseId));
    expect((await command('MYS', { type: 'position', clauseId, stance: 'endorsed', textHash })).status).toBe(200);
    const url = `${server.url}/api/drafts/${draft.id}/texts/${textHash}`;
    const answer = await fetch(url, { headers: { cookie: cookies.PHL } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ textHash, text: before });
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url.replace(textHash, 'f'.repeat(64)), { headers: { cookie: cookies.PHL } })).status).toBe(404);
    expect((await fetch(url.replace(textHash, 'not-a-hash'), { headers: { cookie: cookies.PHL } })).status).toBe(400);
  });

  it('lets a delegation withdraw its position', async () => {
    const [[clauseId, textHash] = ['', '']] = [...(await clauseHashes())];
    await command('PHL', { type: 'position', clauseId, stance: 'reserved', reason: 'awaiting instructions', textHash });
    expect((await fetchState(server.url, draft.id, cookies.PHL)).clauses[0]?.status).toBe('reserved');
    expect((await command('PHL', { type: 'position', clauseId, stance: 'withdrawn', textHash })).status).toBe(200);
    expect((await fetchState(server.url, draft.id, cookies.PHL)).clauses[0]?.positions).toEqual([]);
  });

  it('takes the endorsements of all 19 ADMM-Plus delegations sent at once', async () => {
    const demo = await createTestDraft(server.url, ADMM_PLUS_2025_DEMO);
    const chair = await sessionCookieFor(server.url, demo.links.chair);
    const state = await fetchState(server.url, demo.id, chair);
    const clause = state.clauses[1];
    if (clause === undefined) throw new Error('no clause');
    const delegationCookies = await Promise.all(
      Object.values(demo.links.delegations).map((link) => sessionCookieFor(server.url, link)),
    );
    const answers = await Promise.all(
      delegationCookies.map((cookie) =>
        sendCommand(server.url, demo.id, cookie, {
          type: 'position',
          clauseId: clause.id,
          stance: 'endorsed',
          textHash: clause.textHash,
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(19).fill(200));
    const after = (await fetchState(server.url, demo.id, chair)).clauses[1];
    expect(after?.status).toBe('agreed');
    expect(after?.endorsedCount).toBe(19);
  });
});

describe('the guard on the text', () => {
  it('refuses an edit of a frozen clause with 4403 and leaves the document as it was', async () => {
    const [[clauseId, textHash] = ['', '']] = [...(await clauseHashes())];
    expect((await command('chair', { type: 'freeze', clauseId, textHash })).status).toBe(200);
    const editor = await rawClient();
    const before = readClauseText(clauseRoot(editor.doc, clauseId));
    typeIntoClause(editor.doc, clauseId, ' SNEAKED IN');
    await waitFor(() => editor.closeCodes.includes(CloseCode.forbidden), 'close 4403');
    editor.destroy();

    const reader = await rawClient('observer');
    expect(readClauseText(clauseRoot(reader.doc, clauseId))).toBe(before);
  });

  it('refuses a whole update that mixes an allowed edit with a forbidden one', async () => {
    const [[frozenId, textHash] = ['', ''], [openId] = ['']] = [...(await clauseHashes())];
    await command('chair', { type: 'freeze', clauseId: frozenId, textHash });
    const editor = await rawClient();
    const openBefore = readClauseText(clauseRoot(editor.doc, openId));
    editor.doc.transact(() => {
      typeIntoClause(editor.doc, openId, ' allowed');
      typeIntoClause(editor.doc, frozenId, ' forbidden');
    });
    await waitFor(() => editor.closeCodes.includes(CloseCode.forbidden), 'close 4403');
    editor.destroy();

    const reader = await rawClient('observer');
    expect(readClauseText(clauseRoot(reader.doc, openId))).toBe(openBefore);
  });

  it('refuses removing a frozen clause from the order or changing its metadata', async () => {
    const [[clauseId, textHash] = ['', '']] = [...(await clauseHashes())];
    await command('chair', { type: 'freeze', clauseId, textHash });

    const remover = await rawClient();
    remover.doc.getArray<string>(ORDER_ROOT).delete(0, 1);
    await waitFor(() => remover.closeCodes.includes(CloseCode.forbidden), 'close 4403 on removal');
    remover.destroy();

    const relabeller = await rawClient();
    relabeller.doc.getMap(CLAUSES_ROOT).set(clauseId, { kind: 'operative' });
    await waitFor(() => relabeller.closeCodes.includes(CloseCode.forbidden), 'close 4403 on metadata');
    relabeller.destroy();

    const reader = await rawClient('observer');
    expect(ids(reader.doc)[0]).toBe(clauseId);
    expect(reader.doc.getMap(CLAUSES_ROOT).get(clauseId)).toEqual({ kind: 'preamble' });
  });

  it('accepts edits of other clauses, and of the clause again once the chair re-opens it', async () => {
    const [[clauseId, textHash] = ['', ''], [otherId] = ['']] = [...(await clauseHashes())];
    await command('chair', { type: 'freeze', clauseId, textHash });
    const editor = await rawClient();
    typeIntoClause(editor.doc, otherId, ' still open');
    await waitFor(async () => {
      const server = (await clauseHashes()).get(otherId);
      const local = hashClauseRoot(clauseRoot(editor.doc, otherId));
      return server === local;
    }, 'edit');

    expect((await command('chair', { type: 'reopen', clauseId, reason: 'PHL proposes new wording' })).status).toBe(200);
    typeIntoClause(editor.doc, clauseId, ' re-opened');
    const expected = hashClauseRoot(clauseRoot(editor.doc, clauseId));
    await waitFor(async () => (await clauseHashes()).get(clauseId) === expected, 'the edit of the re-opened clause');
    expect(editor.closeCodes).toEqual([]);
  });

  it('refuses to freeze an empty clause, or at a text the chair has not seen', async () => {
    await server.stop();
    server = await startTestServer();
    await setUp({
      ...TWO_DELEGATION_DRAFT,
      clauses: [{ kind: 'operative', text: '' }, ...(TWO_DELEGATION_DRAFT.clauses ?? [])],
    });
    const [[emptyId, emptyHash] = ['', ''], [clauseId] = ['']] = [...(await clauseHashes())];
    const empty = await command('chair', { type: 'freeze', clauseId: emptyId, textHash: emptyHash });
    expect(errorCode(empty.body)).toBe('empty_clause');
    const stale = await command('chair', { type: 'freeze', clauseId, textHash: emptyHash });
    expect(errorCode(stale.body)).toBe('text_changed');
  });
});

describe('adoption', () => {
  it('lists what blocks adoption: unfrozen clauses, missing positions, reservations', async () => {
    const [[clauseId, textHash] = ['', '']] = [...(await clauseHashes())];
    await command('PHL', {
      type: 'position',
      clauseId,
      stance: 'reserved',
      reason: 'cannot accept "binding"',
      textHash,
    });
    const refused = await command('chair', { type: 'adopt', place: 'Kuala Lumpur', date: TODAY });
    expect(refused.status).toBe(409);
    expect(errorCode(refused.body)).toBe('adoption_blocked');
    const reasons = (
      refused.body as { error: { details: { blockers: Array<{ reason: string }> } } }
    ).error.details.blockers.map((b) => b.reason);
    expect(new Set(reasons)).toEqual(new Set(['not_frozen', 'missing_positions', 'reservation']));
  });

  it('refuses minus-x adoption when more delegations reserve than the rule allows', async () => {
    await server.stop();
    server = await startTestServer();
    await setUp({ ...TWO_DELEGATION_DRAFT, consensus: { rule: 'minus-x', x: 1 } });
    for (const [clauseId, textHash] of await clauseHashes()) {
      for (const delegation of ['MYS', 'PHL'] as const) {
        await command(delegation, {
          type: 'position',
          clauseId,
          stance: 'reserved',
          reason: 'no instructions',
          textHash,
        });
      }
    }
    await freezeAll();
    const refused = await command('chair', { type: 'adopt', place: 'Manila', date: TODAY });
    expect(errorCode(refused.body)).toBe('adoption_blocked');
    expect(JSON.stringify(refused.body)).toContain('too_many_reservations');
    expect((refused.body as { error: { message: string } }).error.message).toContain('the rule allows at most 1');
  });

  it('adopts under minus-x with the reservation as a footnote, then refuses every edit and command', async () => {
    await server.stop();
    server = await startTestServer();
    await setUp({ ...TWO_DELEGATION_DRAFT, delegations: ['MYS', 'PHL', 'SGP'], consensus: { rule: 'minus-x', x: 1 } });
    const sgp = await sessionCookieFor(server.url, draft.links.delegations.SGP ?? '');
    const hashes = [...(await clauseHashes())];
    for (const [index, [clauseId, textHash]] of hashes.entries()) {
      await command('MYS', { type: 'position', clauseId, stance: 'endorsed', textHash });
      await sendCommand(server.url, draft.id, sgp, { type: 'position', clauseId, stance: 'endorsed', textHash });
      const phl =
        index === 1 ? { stance: 'reserved', reason: 'awaiting instructions from capital' } : { stance: 'endorsed' };
      await command('PHL', { type: 'position', clauseId, textHash, ...phl });
    }
    const tooEarly = await command('chair', { type: 'adopt', place: 'Kuala Lumpur, Malaysia', date: TODAY });
    expect(errorCode(tooEarly.body)).toBe('adoption_blocked');
    await freezeAll();

    const adopted = await command('chair', { type: 'adopt', place: 'Kuala Lumpur, Malaysia', date: TODAY });
    expect(adopted.status).toBe(200);
    const adoptionResponse = await fetch(`${server.url}/api/drafts/${draft.id}/adoption`, {
      headers: { cookie: cookies.observer },
    });
    const record = (await adoptionResponse.json()) as {
      textHash: string;
      delegations: string[];
      clauses: Array<{ textHash: string; frozen: unknown; positions: Array<{ textHash: string }> }>;
    };
    expect(record).toMatchObject({
      place: 'Kuala Lumpur, Malaysia',
      date: TODAY,
      footnotes: ['PHL reserves its position on paragraph 1: awaiting instructions from capital'],
    });
    expect(record.textHash).toMatch(/^[0-9a-f]{64}$/);
    expect(record.clauses).toHaveLength(3);
    expect(record.delegations).toEqual(['MYS', 'PHL', 'SGP']);
    for (const clause of record.clauses) {
      expect(clause.frozen).not.toBeNull();
      expect(clause.positions.every((p) => p.textHash === clause.textHash)).toBe(true);
    }

    const [[clauseId, textHash] = ['', '']] = hashes;
    const late = await command('MYS', { type: 'position', clauseId, stance: 'withdrawn', textHash });
    expect(errorCode(late.body)).toBe('adopted');
    const reopen = await command('chair', { type: 'reopen', clauseId, reason: 'too late' });
    expect(errorCode(reopen.body)).toBe('adopted');

    const editor = await rawClient();
    editor.doc.getArray<string>(ORDER_ROOT).push(['newClause1']);
    await waitFor(() => editor.closeCodes.includes(CloseCode.forbidden), 'close 4403 after adoption');
  });
});

describe('records', () => {
  it('keeps state and the audit log across a restart, as JSON and as CSV', async () => {
    const [[clauseId, textHash] = ['', '']] = [...(await clauseHashes())];
    await command('MYS', { type: 'position', clauseId, stance: 'endorsed', textHash });
    await command('PHL', {
      type: 'position',
      clauseId,
      stance: 'reserved',
      reason: '=cannot, accept "this"',
      textHash,
    });
    await command('chair', { type: 'freeze', clauseId, textHash });

    const dataDir = server.dataDir;
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir });

    const state = await fetchState(server.url, draft.id, cookies.observer);
    expect(state.clauses[0]?.status).toBe('frozen');
    expect(state.clauses[0]?.positions.map((p) => p.stance)).toEqual(['endorsed', 'reserved']);

    const auditResponse = await fetch(`${server.url}/api/drafts/${draft.id}/audit`, {
      headers: { cookie: cookies.observer },
    });
    const audit = (await auditResponse.json()) as {
      entries: Array<{ command: string; actor: { delegation: string | null } }>;
    };
    expect(
      audit.entries.map((e: { command: string; actor: { delegation: string | null } }) => [
        e.command,
        e.actor.delegation,
      ]),
    ).toEqual([
      ['position', 'MYS'],
      ['position', 'PHL'],
      ['freeze', null],
    ]);
    const csv = await (
      await fetch(`${server.url}/api/drafts/${draft.id}/audit?format=csv`, { headers: { cookie: cookies.observer } })
    ).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,role,delegation,session,command,clause,text_hash,details');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain('""reason"":""=cannot, accept \\""this\\""""');
  });
});

describe('live events', () => {
  it('pushes each accepted command to another client, and a reconnecting client gets what it missed', async () => {
    const url = `${server.url}/api/drafts/${draft.id}/events`;
    const [[clauseId, textHash] = ['', '']] = [...(await clauseHashes())];
    const watcher = await openEventStream(url, cookies.observer);

    expect((await command('MYS', { type: 'position', clauseId, stance: 'endorsed', textHash })).status).toBe(200);
    const first = await watcher.next();
    expect(first.event).toBe('decision');
    expect(DecisionEvent.parse(JSON.parse(first.data))).toMatchObject({
      seq: 1,
      command: 'position',
      actor: { delegation: 'MYS', role: 'delegation' },
      change: { type: 'position', clauseId, delegation: 'MYS', position: { stance: 'endorsed', textHash } },
    });
    watcher.close();

    await command('PHL', { type: 'position', clauseId, stance: 'reserved', reason: 'needs consultation', textHash });
    await command('chair', { type: 'freeze', clauseId, textHash });
    const back = await openEventStream(url, cookies.observer, first.id ?? '');
    const missed = [await back.next(), await back.next()].map((event) => JSON.parse(event.data).command);
    expect(missed).toEqual(['position', 'freeze']);
    back.close();
  });

  it('starts after the seq of the state a client loaded, and numbers every event of the draft without gaps', async () => {
    const [[clauseId, textHash] = ['', '']] = [...(await clauseHashes())];
    await command('MYS', { type: 'position', clauseId, stance: 'endorsed', textHash });
    const loaded = await fetchState(server.url, draft.id, cookies.observer);
    expect(loaded.seq).toBe(1);
    const events = await openEventStream(
      `${server.url}/api/drafts/${draft.id}/events?after=${loaded.seq}`,
      cookies.observer,
    );
    await command('PHL', { type: 'position', clauseId, stance: 'endorsed', textHash });
    await command('chair', { type: 'freeze', clauseId, textHash });
    const received = [await events.next(), await events.next()].map((e) => DecisionEvent.parse(JSON.parse(e.data)));
    expect(received.map((e) => [e.seq, e.change.type])).toEqual([
      [2, 'position'],
      [3, 'freeze'],
    ]);
    events.close();
  });

  it('refuses the events of a draft to someone without a session', async () => {
    const response = await fetch(`${server.url}/api/drafts/${draft.id}/events`);
    expect(response.status).toBe(401);
  });
});

describe('the state', () => {
  it('answers while a command holds the room, instead of waiting behind it', async () => {
    await server.stop();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = false;
    server = await startTestServer({}, undefined, (stores) => ({
      ...stores,
      decisions: {
        ...stores.decisions,
        holdDraft: (draftId, task) =>
          stores.decisions.holdDraft(draftId, (recorder) =>
            task({
              ...recorder,
              recordDecision: async (...args) => {
                holding = true;
                await held;
                return recorder.recordDecision(...args);
              },
            }),
          ),
      },
    }));
    await setUp();
    const [[clauseId, textHash] = ['', '']] = [...(await clauseHashes())];
    const pending = command('MYS', { type: 'position', clauseId, stance: 'endorsed', textHash });
    await waitFor(() => holding, 'the command to reach the store');
    const state = await fetchState(server.url, draft.id, cookies.observer);
    expect(state.seq).toBe(0);
    release();
    expect((await pending).status).toBe(200);
    expect((await fetchState(server.url, draft.id, cookies.observer)).seq).toBe(1);
  });
});
