import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clientSpans } from '../../shared/attribution/clause-items.ts';
import { readClauseText } from '../../shared/clause-text.ts';
import { ORDER_ROOT } from '../../shared/doc-layout.ts';
import { CloseCode, CloseMessage } from '../../shared/protocol.ts';
import { authorLabel, ClauseHistory, DraftAuthors } from '../../shared/schemas/attribution.ts';
import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';
import {
  type CollabClient,
  clauseRoot,
  connectClient,
  deleteFromClause,
  openRawSocket,
  typeIntoClause,
  waitFor,
} from '../testing/collab-client.ts';
import { sendCommand } from '../testing/commands.ts';
import { createTestDraft, sessionCookieFor, startTestServer, type TestServer } from '../testing/test-server.ts';
import { encodeUpdateMessage } from './sync-messages.ts';

let server: TestServer;
let draft: CreateDraftResponse;
let clients: CollabClient[];
const cookies = new Map<string, string>();

async function cookieOf(link: string): Promise<string> {
  let cookie = cookies.get(link);
  if (cookie === undefined) {
    cookie = await sessionCookieFor(server.url, link);
    cookies.set(link, cookie);
  }
  return cookie;
}

async function join(link: string, doc?: Y.Doc): Promise<CollabClient> {
  const client = connectClient(server.url, draft.id, await cookieOf(link), doc === undefined ? {} : { doc });
  clients.push(client);
  await client.synced;
  return client;
}

function firstClause(doc: Y.Doc): string {
  const id = doc.getArray<string>(ORDER_ROOT).get(0);
  if (id === undefined) throw new Error('no clause');
  return id;
}

/** Types `text` one character per update, as a person at a keyboard does. */
function typeSlowly(doc: Y.Doc, clauseId: string, text: string): void {
  for (const char of text) typeIntoClause(doc, clauseId, char);
}

async function history(clauseId: string, link: string): Promise<ClauseHistory> {
  const response = await fetch(`${server.url}/api/drafts/${draft.id}/clauses/${clauseId}/history`, {
    headers: { cookie: await cookieOf(link) },
  });
  expect(response.status).toBe(200);
  return ClauseHistory.parse(await response.json());
}

async function restartServer(overrides: { compactAfterUpdates?: number } = {}): Promise<void> {
  for (const client of clients.splice(0)) client.destroy();
  const { dataDir } = server;
  await server.stop({ keepData: true });
  server = await startTestServer({ dataDir, ...overrides });
}

beforeEach(async () => {
  clients = [];
  cookies.clear();
  server = await startTestServer();
  draft = await createTestDraft(server.url);
});

afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.stop();
});

describe('client id bindings', () => {
  it('refuses with 4403 an update written under a client id bound to another session; the honest client is unharmed', async () => {
    const mys = await join(draft.links.delegations.MYS ?? '');
    const watcher = await join(draft.links.observer);
    const clauseId = firstClause(mys.doc);
    typeIntoClause(mys.doc, clauseId, ' by MYS');
    await waitFor(() => readClauseText(clauseRoot(watcher.doc, clauseId)).endsWith(' by MYS'), 'the honest edit');

    // PHL forges MYS's authorship: its doc takes MYS's client id and writes on after MYS's clock.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(mys.doc));
    forged.clientID = mys.doc.clientID;
    const updates: Uint8Array[] = [];
    forged.on('update', (update: Uint8Array) => updates.push(update));
    typeIntoClause(forged, clauseId, ' forged');
    const raw = await openRawSocket(server.url, draft.id, await cookieOf(draft.links.delegations.PHL ?? ''));
    const reason = new Promise<string>((resolve) =>
      raw.socket.on('close', (_code, why: Buffer) => resolve(why.toString())),
    );
    raw.socket.send(encodeUpdateMessage(updates[0] ?? new Uint8Array()));
    expect(await raw.closed).toBe(CloseCode.forbidden);
    expect(await reason).toBe(CloseMessage.clientIdTaken);

    typeIntoClause(mys.doc, clauseId, ' again');
    await waitFor(
      () => readClauseText(clauseRoot(watcher.doc, clauseId)).endsWith(' by MYS again'),
      'the next honest edit',
    );
    expect(readClauseText(clauseRoot(watcher.doc, clauseId))).not.toContain('forged');
    expect(mys.closeCodes).toEqual([]);
  });

  it('refuses with 4403 an update written under the server’s client id (the draft’s original text)', async () => {
    const mys = await join(draft.links.delegations.MYS ?? '');
    const clauseId = firstClause(mys.doc);
    const [seeded] = clientSpans(clauseRoot(mys.doc, clauseId));
    if (seeded === undefined) throw new Error('the clause has no text');
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(mys.doc));
    forged.clientID = seeded.client;
    const updates: Uint8Array[] = [];
    forged.on('update', (update: Uint8Array) => updates.push(update));
    typeIntoClause(forged, clauseId, ' as if original');
    const raw = await openRawSocket(server.url, draft.id, await cookieOf(draft.links.delegations.MYS ?? ''));
    raw.socket.send(encodeUpdateMessage(updates[0] ?? new Uint8Array()));
    expect(await raw.closed).toBe(CloseCode.forbidden);
    const record = await history(clauseId, draft.links.observer);
    expect(record.runs.map((run) => authorLabel(run.author))).toEqual(['Original text']);
    expect(record.runs[0]?.text).not.toContain('as if original');
  });

  it('shows text stored before bindings existed as not recorded, and lets no session write on under its id', async () => {
    // Written as an older server stored it: the update alone, no binding.
    const stored = await server.stores.documents.loadDocument(draft.id);
    const legacy = new Y.Doc();
    for (const part of [stored.snapshot, ...stored.updates]) if (part !== null) Y.applyUpdate(legacy, part);
    const clauseId = firstClause(legacy);
    const before = Y.encodeStateVector(legacy);
    typeIntoClause(legacy, clauseId, ' of old');
    await server.stores.documents.appendUpdates(draft.id, [Y.encodeStateAsUpdate(legacy, before)]);

    const record = await history(clauseId, draft.links.observer);
    expect(record.runs.map((run) => [authorLabel(run.author), run.text])).toEqual([
      ['Original text', 'RECOGNISING the importance of dialogue;'],
      ['Not recorded', ' of old'],
    ]);
    const updates: Uint8Array[] = [];
    legacy.on('update', (update: Uint8Array) => updates.push(update));
    typeIntoClause(legacy, clauseId, ' claimed');
    const raw = await openRawSocket(server.url, draft.id, await cookieOf(draft.links.delegations.MYS ?? ''));
    raw.socket.send(encodeUpdateMessage(updates[0] ?? new Uint8Array()));
    expect(await raw.closed).toBe(CloseCode.forbidden);
  });

  it('binds the server’s own client id before it changes the clause list, and refuses a client writing under it', async () => {
    const mys = await join(draft.links.delegations.MYS ?? '');
    const added = await sendCommand(server.url, draft.id, await cookieOf(draft.links.delegations.MYS ?? ''), {
      type: 'add-clause',
      clauseId: 'mysProposal01',
      kind: 'operative',
      after: null,
    });
    expect(added.status).toBe(200);
    await waitFor(() => clauseRoot(mys.doc, 'mysProposal01').length === 1, 'the new clause');
    const serverClient = clauseRoot(mys.doc, 'mysProposal01')._start?.id.client;
    const authors = DraftAuthors.parse(
      await (
        await fetch(`${server.url}/api/drafts/${draft.id}/authors`, {
          headers: { cookie: await cookieOf(draft.links.observer) },
        })
      ).json(),
    );
    expect(authors.clients).toContainEqual({ client: serverClient, author: { role: 'server', delegation: null } });

    typeIntoClause(mys.doc, 'mysProposal01', 'PROPOSE a new clause');
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(mys.doc));
    forged.clientID = serverClient ?? 0;
    const updates: Uint8Array[] = [];
    forged.on('update', (update: Uint8Array) => updates.push(update));
    typeIntoClause(forged, 'mysProposal01', ' by the server?');
    const raw = await openRawSocket(server.url, draft.id, await cookieOf(draft.links.delegations.PHL ?? ''));
    raw.socket.send(encodeUpdateMessage(updates[0] ?? new Uint8Array()));
    expect(await raw.closed).toBe(CloseCode.forbidden);
    await waitFor(
      async () => (await history('mysProposal01', draft.links.observer)).runs.length === 1,
      'the proposal’s text stored',
    );
    const record = await history('mysProposal01', draft.links.observer);
    expect(record.runs).toEqual([{ text: 'PROPOSE a new clause', author: { role: 'delegation', delegation: 'MYS' } }]);
  });

  it('lets a client that reconnects after a restart go on writing under the client id it had', async () => {
    const doc = new Y.Doc();
    const mys = await join(draft.links.delegations.MYS ?? '', doc);
    const clauseId = firstClause(mys.doc);
    typeIntoClause(doc, clauseId, ' before');
    await waitFor(async () => (await history(clauseId, draft.links.observer)).entries.length === 1, 'the edit stored');
    await restartServer();
    // Edited while the server was away, sent under the same client id by the same session.
    typeIntoClause(doc, clauseId, ' after');
    const again = await join(draft.links.delegations.MYS ?? '', doc);
    const watcher = await join(draft.links.observer);
    await waitFor(
      () => readClauseText(clauseRoot(watcher.doc, clauseId)).endsWith(' before after'),
      'the edit to arrive',
    );
    expect(again.closeCodes).toEqual([]);
    const authors = DraftAuthors.parse(
      await (
        await fetch(`${server.url}/api/drafts/${draft.id}/authors`, {
          headers: { cookie: await cookieOf(draft.links.observer) },
        })
      ).json(),
    );
    expect(authors.clients).toContainEqual({ client: doc.clientID, author: { role: 'delegation', delegation: 'MYS' } });
  });
});

describe('clause history', () => {
  it('attributes each run and each edit to its delegation, through compaction and a restart', async () => {
    await server.stop();
    server = await startTestServer({ compactAfterUpdates: 10 });
    draft = await createTestDraft(server.url);
    cookies.clear();
    const mys = await join(draft.links.delegations.MYS ?? '');
    const phl = await join(draft.links.delegations.PHL ?? '');
    const clauseId = firstClause(mys.doc);
    typeSlowly(mys.doc, clauseId, ' including freedom of navigation');
    const typed = readClauseText(clauseRoot(mys.doc, clauseId));
    await waitFor(() => readClauseText(clauseRoot(phl.doc, clauseId)) === typed, 'PHL to see the words');
    // PHL deletes "the importance of " (RECOGNISING |the importance of |dialogue), backwards.
    const start = 'RECOGNISING '.length;
    for (let i = 'the importance of '.length - 1; i >= 0; i--) deleteFromClause(phl.doc, clauseId, start + i, 1);
    await waitFor(
      () => readClauseText(clauseRoot(mys.doc, clauseId)) === 'RECOGNISING dialogue; including freedom of navigation',
      'MYS to see the deletion',
    );
    await waitFor(async () => (await server.stores.documents.loadDocument(draft.id)).updates.length < 10, 'compaction');
    await restartServer({ compactAfterUpdates: 10 });

    const record = await history(clauseId, draft.links.observer);
    expect(record.runs.map((run) => [authorLabel(run.author), run.text])).toEqual([
      ['Original text', 'RECOGNISING dialogue;'],
      ['MYS', ' including freedom of navigation'],
    ]);
    expect(record.entries.map((entry) => [authorLabel(entry.author), entry.kind, entry.text])).toEqual([
      ['PHL', 'delete', 'the importance of '],
      ['MYS', 'insert', ' including freedom of navigation'],
    ]);
    expect(record.truncated).toBe(false);
  });

  it('answers 404 for a clause the draft never had, 400 for a malformed id, 401 without a session', async () => {
    const cookie = await cookieOf(draft.links.observer);
    const get = (clauseId: string, headers: Record<string, string> = { cookie }) =>
      fetch(`${server.url}/api/drafts/${draft.id}/clauses/${clauseId}/history`, { headers });
    expect((await get('nosuchclause')).status).toBe(404);
    expect((await get('x')).status).toBe(400);
    expect((await get('nosuchclause', {})).status).toBe(401);
  });
});
