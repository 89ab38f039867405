import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readClauseText } from '../../shared/clause-text.ts';
import { CLAUSES_ROOT, clauseOrder, clauseProposer, ORDER_ROOT } from '../../shared/doc-layout.ts';
import { CloseCode } from '../../shared/protocol.ts';
import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { DecisionEvent } from '../../shared/schemas/events.ts';
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

type Who = 'chair' | 'MYS' | 'PHL' | 'secretariat' | 'observer';

let server: TestServer;
let draft: CreateDraftResponse;
let cookies: Record<Who, string>;
let clients: CollabClient[];

beforeEach(async () => {
  clients = [];
  server = await startTestServer();
  draft = await createTestDraft(server.url, {
    ...TWO_DELEGATION_DRAFT,
    clauses: [
      { kind: 'preamble', text: 'RECOGNISING the importance of dialogue;' },
      { kind: 'lead-in', text: 'WE HEREBY:' },
      { kind: 'operative', text: 'COMMEND the work of the drafting committee;' },
      { kind: 'operative', text: 'WELCOME the next meeting;' },
      { kind: 'operative', text: 'DECIDE to meet again.' },
    ],
  });
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

async function rawClient(as: Who): Promise<CollabClient> {
  const client = connectClient(server.url, draft.id, cookies[as]);
  clients.push(client);
  await client.synced;
  return client;
}

const command = (as: Who, body: unknown) => sendCommand(server.url, draft.id, cookies[as], body);
const state = () => fetchState(server.url, draft.id, cookies.chair);

async function endorseAll(): Promise<void> {
  for (const clause of (await state()).clauses) {
    for (const who of ['MYS', 'PHL'] as const) {
      const done = await command(who, {
        type: 'position',
        clauseId: clause.id,
        stance: 'endorsed',
        textHash: clause.textHash,
      });
      expect(done.status).toBe(200);
    }
  }
}

describe('the clause list, changed by commands', () => {
  it('adds a delegation’s clause as its proposal, numbered bis, seen by every client and pushed as an event', async () => {
    const watcher = await rawClient('observer');
    const events = await openEventStream(`${server.url}/api/drafts/${draft.id}/events`, cookies.PHL);
    const [, , first] = clauseOrder(watcher.doc);
    const added = await command('MYS', {
      type: 'add-clause',
      clauseId: 'mysProposal01',
      kind: 'operative',
      after: first,
    });
    expect(added.status).toBe(200);

    await waitFor(() => clauseOrder(watcher.doc).includes('mysProposal01'), 'the new clause to reach a client');
    expect(clauseOrder(watcher.doc).indexOf('mysProposal01')).toBe(3);
    expect(clauseProposer(watcher.doc, 'mysProposal01')).toBe('MYS');
    // It has its first paragraph, so that anyone can type into it at once.
    expect(clauseRoot(watcher.doc, 'mysProposal01').length).toBe(1);

    const event = DecisionEvent.parse(JSON.parse((await events.next()).data));
    expect(event.actor.delegation).toBe('MYS');
    expect(event.change).toEqual({
      type: 'clause-added',
      clauseId: 'mysProposal01',
      kind: 'operative',
      label: 'paragraph 1 bis',
      proposedBy: 'MYS',
    });
    events.close();
    const clause = (await state()).clauses.find((c) => c.id === 'mysProposal01');
    expect(clause).toMatchObject({ label: 'paragraph 1 bis', proposedBy: 'MYS' });

    // Co-edited like any clause.
    const typist = await rawClient('PHL');
    typeIntoClause(typist.doc, 'mysProposal01', 'ENCOURAGE cooperation;');
    await waitFor(
      () => readClauseText(clauseRoot(watcher.doc, 'mysProposal01')) === 'ENCOURAGE cooperation;',
      'the proposal to be typed into',
    );
  });

  it('lets only the chair and the secretariat move and delete, and records who did it', async () => {
    const [, , first, second, third] = clauseOrder((await rawClient('observer')).doc);
    expect((await command('MYS', { type: 'move-clause', clauseId: third, after: first })).status).toBe(403);
    expect((await command('PHL', { type: 'delete-clause', clauseId: second })).status).toBe(403);
    expect(
      (await command('observer', { type: 'add-clause', clauseId: 'obsClause001', kind: 'operative', after: null }))
        .status,
    ).toBe(403);

    expect((await command('secretariat', { type: 'move-clause', clauseId: third, after: first })).status).toBe(200);
    expect((await command('chair', { type: 'delete-clause', clauseId: second })).status).toBe(200);

    const reader = await rawClient('observer');
    await waitFor(() => clauseOrder(reader.doc).length === 4, 'the deletion to reach a client');
    expect(clauseOrder(reader.doc).slice(2)).toEqual([first, third]);
    // The deleted clause keeps its words, so that it can be restored.
    expect(readClauseText(clauseRoot(reader.doc, second ?? ''))).toBe('WELCOME the next meeting;');

    const audit = await fetch(`${server.url}/api/drafts/${draft.id}/audit`, { headers: { cookie: cookies.chair } });
    const { entries } = (await audit.json()) as {
      entries: Array<{ command: string; actor: { role: string }; details: unknown }>;
    };
    expect(entries.map((e) => [e.command, e.actor.role, e.details])).toEqual([
      ['move-clause', 'secretariat', { kind: 'operative', from: 'paragraph 3', to: 'paragraph 2', index: 3 }],
      ['delete-clause', 'chair', { kind: 'operative', label: 'paragraph 3', withdrawnProposal: false }],
    ]);

    expect((await command('chair', { type: 'restore-clause', clauseId: second, after: third })).status).toBe(200);
    await waitFor(() => clauseOrder(reader.doc).length === 5, 'the restored clause to reach a client');
    expect(clauseOrder(reader.doc).slice(2)).toEqual([first, third, second]);
  });

  it('makes positions stale on the clauses a move renumbers, and says so in the state', async () => {
    await endorseAll();
    const [, , first, second, third] = clauseOrder((await rawClient('observer')).doc);
    expect((await command('chair', { type: 'move-clause', clauseId: first, after: third })).status).toBe(200);
    const stale = (await state()).clauses.filter((c) => c.positions.some((p) => p.stale)).map((c) => [c.id, c.label]);
    // 1, 2, 3 became 3, 1, 2: every operative clause was renumbered; the preamble and lead-in were not.
    expect(stale).toEqual([
      [second, 'paragraph 1'],
      [third, 'paragraph 2'],
      [first, 'paragraph 3'],
    ]);
  });

  it('refuses any client that changes the clause list itself, the chair’s included, and leaves it as it was', async () => {
    for (const who of ['MYS', 'chair', 'secretariat'] as const) {
      const client = await rawClient(who);
      const before = clauseOrder(client.doc);
      client.doc.transact(() => {
        client.doc.getArray<string>(ORDER_ROOT).delete(2, 1);
        client.doc.getArray<string>(ORDER_ROOT).insert(0, [before[2] ?? '']);
      });
      await waitFor(() => client.closeCodes.includes(CloseCode.forbidden), `close 4403 for ${who}`);
    }
    const forger = await rawClient('MYS');
    forger.doc.transact(() => {
      forger.doc.getMap(CLAUSES_ROOT).set('forgedClause1', { kind: 'operative' });
      forger.doc.getArray<string>(ORDER_ROOT).push(['forgedClause1']);
    });
    await waitFor(() => forger.closeCodes.includes(CloseCode.forbidden), 'close 4403 for a forged clause');

    const reader = await rawClient('observer');
    expect(clauseOrder(reader.doc)).toHaveLength(5);
    expect(reader.doc.getMap(CLAUSES_ROOT).has('forgedClause1')).toBe(false);
  });

  it('lets only the proposer or the chair withdraw a proposal, and the chair take it into the text', async () => {
    const [, , first] = clauseOrder((await rawClient('observer')).doc);
    await command('MYS', { type: 'add-clause', clauseId: 'mysProposal02', kind: 'operative', after: first });
    expect(errorCode((await command('PHL', { type: 'delete-clause', clauseId: 'mysProposal02' })).body)).toBe(
      'forbidden',
    );
    expect(errorCode((await command('secretariat', { type: 'delete-clause', clauseId: 'mysProposal02' })).body)).toBe(
      'forbidden',
    );
    const proposal = (await state()).clauses.find((c) => c.id === 'mysProposal02');
    const freeze = await command('chair', { type: 'freeze', clauseId: 'mysProposal02', textHash: proposal?.textHash });
    expect(errorCode(freeze.body)).toBe('proposal');

    expect((await command('chair', { type: 'take-up-clause', clauseId: 'mysProposal02' })).status).toBe(200);
    const taken = (await state()).clauses.find((c) => c.id === 'mysProposal02');
    expect(taken).toMatchObject({ label: 'paragraph 2', proposedBy: null });

    await command('PHL', { type: 'add-clause', clauseId: 'phlProposal01', kind: 'operative', after: null });
    expect((await command('PHL', { type: 'delete-clause', clauseId: 'phlProposal01' })).status).toBe(200);
  });

  it('keeps the clause list and its record together across a restart', async () => {
    const [, , first] = clauseOrder((await rawClient('observer')).doc);
    await command('MYS', { type: 'add-clause', clauseId: 'mysProposal03', kind: 'operative', after: first });
    await command('chair', { type: 'delete-clause', clauseId: first });
    for (const client of clients.splice(0)) client.destroy();
    const { dataDir } = server;
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir });
    const reader = await rawClient('observer');
    expect(clauseOrder(reader.doc)).toContain('mysProposal03');
    expect(clauseOrder(reader.doc)).not.toContain(first);
    const labels = (await state()).clauses.map((c) => c.label);
    expect(labels).toEqual(['preambular paragraph 1', 'the lead-in', 'paragraph 0 bis', 'paragraph 1', 'paragraph 2']);
  });
});
