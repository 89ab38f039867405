import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readClauseText } from '../../shared/clause-text.ts';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import { alternativeRootName, alternativeTextRoot, clauseOrder } from '../../shared/doc-layout.ts';
import { CloseCode } from '../../shared/protocol.ts';
import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { DecisionEvent } from '../../shared/schemas/events.ts';
import { type CollabClient, clauseRoot, connectClient, waitFor } from '../testing/collab-client.ts';
import { errorCode, fetchState, sendCommand } from '../testing/commands.ts';
import { openEventStream } from '../testing/event-stream.ts';
import { createTestDraft, sessionCookieFor, startTestServer, type TestServer } from '../testing/test-server.ts';

type Who = 'chair' | 'MYS' | 'PHL' | 'secretariat' | 'observer';
const EVERYONE: readonly Who[] = ['chair', 'MYS', 'PHL', 'secretariat', 'observer'];

let server: TestServer;
let draft: CreateDraftResponse;
let cookies: Record<Who, string>;
let clients: CollabClient[];
let clauseId: string;

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
  clauseId = (await state()).clauses[1]?.id ?? '';
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
const alternativesNow = async () => (await state()).clauses.find((c) => c.id === clauseId)?.alternatives ?? [];

/** Types at the end of the first paragraph of an alternative, as a Lexical editor would store it. */
function typeIntoAlternative(doc: Y.Doc, n: number, text: string): void {
  const first = alternativeTextRoot(doc, clauseId, n).toDelta()[0] as { insert: unknown } | undefined;
  if (first === undefined || !(first.insert instanceof Y.XmlText)) throw new Error(`Alt ${n} has no paragraph`);
  first.insert.insert(first.insert.length, text);
}

/** The properties of the first text node of an alternative's first paragraph. */
function firstTextNode(doc: Y.Doc, n: number): Y.Map<unknown> {
  const paragraph = alternativeTextRoot(doc, clauseId, n).toDelta()[0]?.insert;
  const node = paragraph instanceof Y.XmlText ? paragraph.toDelta()[0]?.insert : undefined;
  if (!(node instanceof Y.Map)) throw new Error(`Alt ${n} has no text node`);
  return node as Y.Map<unknown>;
}

async function altHash(n: number): Promise<string> {
  return (await alternativesNow()).find((a) => a.n === n)?.textHash ?? '';
}

describe('alternatives, enforced by the server', () => {
  it('lets each role send only its alternative commands', async () => {
    const expected: Record<string, Record<Who, number>> = {
      propose: { chair: 403, MYS: 200, PHL: 200, secretariat: 403, observer: 403 },
    };
    for (const who of EVERYONE) {
      const answer = await command(who, { type: 'propose-alternative', clauseId });
      expect([who, answer.status]).toEqual([who, expected.propose?.[who]]);
    }
    // Alt 1 is MYS's, Alt 2 PHL's.
    for (const who of EVERYONE) {
      const answer = await command(who, { type: 'sponsor-alternative', clauseId, alternative: 1 });
      expect([who, answer.status]).toEqual([who, who === 'PHL' ? 200 : who === 'MYS' ? 409 : 403]);
    }
    // MYS leaves PHL as its only sponsor, who cannot leave it then (it withdraws it instead).
    for (const who of EVERYONE) {
      const answer = await command(who, { type: 'leave-alternative', clauseId, alternative: 1 });
      expect([who, answer.status]).toEqual([who, who === 'MYS' ? 200 : who === 'PHL' ? 409 : 403]);
    }
    const hash = await altHash(1);
    for (const who of EVERYONE) {
      const answer = await command(who, {
        type: 'position',
        clauseId,
        alternative: 1,
        stance: 'endorsed',
        textHash: hash,
      });
      expect([who, answer.status]).toEqual([who, who === 'MYS' || who === 'PHL' ? 200 : 403]);
    }
    typeIntoAlternative((await rawClient('MYS')).doc, 1, 'NOTE the report.');
    await waitFor(async () => (await altHash(1)) !== hash, 'the edit of Alt 1 on the server');
    const edited = await altHash(1);
    for (const who of ['MYS', 'PHL', 'secretariat', 'observer'] as const) {
      const answer = await command(who, { type: 'freeze', clauseId, alternative: 1, textHash: edited });
      expect([who, answer.status]).toEqual([who, 403]);
    }
    for (const who of ['MYS', 'secretariat', 'observer'] as const) {
      const answer = await command(who, { type: 'withdraw-alternative', clauseId, alternative: 1 });
      expect([who, answer.status]).toEqual([who, 403]);
    }
    expect((await command('chair', { type: 'withdraw-alternative', clauseId, alternative: 2 })).status).toBe(200);
    expect((await command('chair', { type: 'freeze', clauseId, alternative: 1, textHash: edited })).status).toBe(200);
    expect((await alternativesNow()).map((a) => [a.n, a.state])).toEqual([
      [1, 'retained'],
      [2, 'withdrawn'],
    ]);
  });

  it('writes a proposed alternative’s root itself, seeded with the clause’s words, and pushes the event', async () => {
    const watcher = await rawClient('observer');
    const events = await openEventStream(`${server.url}/api/drafts/${draft.id}/events`, cookies.PHL);
    const answer = await command('MYS', { type: 'propose-alternative', clauseId, copyText: true });
    expect(answer.status).toBe(200);
    const words = readClauseText(clauseRoot(watcher.doc, clauseId));
    await waitFor(() => readClauseText(alternativeTextRoot(watcher.doc, clauseId, 1)) === words, 'Alt 1 in the doc');
    expect(await alternativesNow()).toEqual([
      expect.objectContaining({
        n: 1,
        proposedBy: 'MYS',
        sponsors: ['MYS'],
        state: 'open',
        textHash: hashClauseText(words),
      }),
    ]);
    const event = DecisionEvent.parse(JSON.parse((await events.next()).data));
    expect(event.change).toMatchObject({ type: 'alternative', change: 'proposed', alternative: { n: 1 } });
    events.close();
  });

  it('refuses a raw client that creates an alternative root the server has no record of', async () => {
    const forger = await rawClient('MYS');
    const root = forger.doc.get(alternativeRootName(clauseId, 1), Y.XmlText) as Y.XmlText;
    root.insertEmbed(0, new Y.XmlText());
    await waitFor(() => forger.closeCodes.includes(CloseCode.forbidden), 'close 4403 for a forged alternative');
    const reader = await rawClient('observer');
    expect(reader.doc.share.has(alternativeRootName(clauseId, 1))).toBe(false);
  });

  it('holds an open alternative to the clause text’s allow-list: a hidden style is refused', async () => {
    await command('MYS', { type: 'propose-alternative', clauseId, copyText: true });
    const sneaky = await rawClient('PHL');
    await waitFor(() => alternativeTextRoot(sneaky.doc, clauseId, 1).length > 0, 'Alt 1 in the doc');
    firstTextNode(sneaky.doc, 1).set('__style', 'font-size:0');
    await waitFor(() => sneaky.closeCodes.includes(CloseCode.forbidden), 'close 4403 for a hidden style');
    const reader = await rawClient('observer');
    expect(firstTextNode(reader.doc, 1).get('__style')).toBe('');
  });

  it('accepts edits of an open alternative and refuses them once it is not retained or its clause is frozen', async () => {
    await command('MYS', { type: 'propose-alternative', clauseId });
    await command('PHL', { type: 'propose-alternative', clauseId, copyText: true });
    const editor = await rawClient('secretariat');
    await waitFor(() => alternativeTextRoot(editor.doc, clauseId, 2).length > 0, 'Alt 2 in the doc');
    typeIntoAlternative(editor.doc, 1, 'NOTE the report.');
    await waitFor(
      async () => (await alternativesNow())[0]?.textHash === hashClauseText('NOTE the report.'),
      'Alt 1 edited',
    );

    // A plain freeze locks the open alternatives with the clause.
    const clauseHash = (await state()).clauses.find((c) => c.id === clauseId)?.textHash;
    expect((await command('chair', { type: 'freeze', clauseId, textHash: clauseHash })).status).toBe(200);
    const locked = await rawClient('MYS');
    typeIntoAlternative(locked.doc, 1, ' More.');
    await waitFor(
      () => locked.closeCodes.includes(CloseCode.forbidden),
      'close 4403 for an alternative of a frozen clause',
    );
    const refused = await command('PHL', {
      type: 'position',
      clauseId,
      alternative: 1,
      stance: 'endorsed',
      textHash: await altHash(1),
    });
    expect(errorCode(refused.body)).toBe('frozen');

    await command('chair', { type: 'reopen', clauseId, reason: 'Alt 1 is preferred' });
    const freeze = await command('chair', { type: 'freeze', clauseId, alternative: 1, textHash: await altHash(1) });
    expect(freeze.status).toBe(200);
    const reader = await rawClient('observer');
    expect(readClauseText(clauseRoot(reader.doc, clauseId))).toBe('NOTE the report.');
    expect((await state()).clauses.find((c) => c.id === clauseId)).toMatchObject({
      status: 'frozen',
      textHash: hashClauseText('NOTE the report.'),
    });

    await command('chair', { type: 'reopen', clauseId, reason: 'one more look' });
    const late = await rawClient('PHL');
    typeIntoAlternative(late.doc, 2, ' Late.');
    await waitFor(() => late.closeCodes.includes(CloseCode.forbidden), 'close 4403 for a not-retained alternative');
    expect(readClauseText(alternativeTextRoot((await rawClient('observer')).doc, clauseId, 2))).not.toContain('Late');
  });

  it('keeps alternatives, their positions and their locks across a restart', async () => {
    await command('MYS', { type: 'propose-alternative', clauseId, copyText: true });
    await command('PHL', { type: 'sponsor-alternative', clauseId, alternative: 1 });
    await command('MYS', { type: 'propose-alternative', clauseId, copyText: true });
    await command('PHL', {
      type: 'position',
      clauseId,
      alternative: 1,
      stance: 'reserved',
      reason: 'Awaiting instructions',
      textHash: await altHash(1),
    });
    await command('chair', { type: 'freeze', clauseId, alternative: 2, textHash: await altHash(2) });
    const before = await alternativesNow();
    for (const client of clients.splice(0)) client.destroy();
    const { dataDir } = server;
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir });
    expect(await alternativesNow()).toEqual(before);
    expect(before.map((a) => [a.n, a.sponsors, a.state, a.positions.map((p) => p.stance)])).toEqual([
      [1, ['MYS', 'PHL'], 'not-retained', ['reserved']],
      [2, ['MYS'], 'retained', []],
    ]);
    await command('chair', { type: 'reopen', clauseId, reason: 'again' });
    const client = await rawClient('MYS');
    expect(clauseOrder(client.doc)).toContain(clauseId);
    typeIntoAlternative(client.doc, 1, ' After the restart.');
    await waitFor(() => client.closeCodes.includes(CloseCode.forbidden), 'close 4403 after the restart');
  });
});
