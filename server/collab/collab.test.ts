import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readClauseText } from '../../shared/clause-text.ts';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import { ORDER_ROOT } from '../../shared/doc-layout.ts';
import { CloseCode, MessageType, SyncMessageType } from '../../shared/protocol.ts';
import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { DraftState } from '../../shared/schemas/state.ts';
import { createToken, hashToken } from '../auth/tokens.ts';
import type { ServerConfigInput } from '../config.ts';
import {
  type CollabClient,
  clauseRoot,
  connectClient,
  deleteFromClause,
  openRawSocket,
  typeIntoClause,
  waitFor,
} from '../testing/collab-client.ts';
import { encodeCraftedUpdate, layoutBaseDoc, updateWithClockGap } from '../testing/crafted-updates.ts';
import { createTestDraft, sessionCookieFor, startTestServer, type TestServer } from '../testing/test-server.ts';
import { encodeUpdateMessage } from './sync-messages.ts';

let server: TestServer;
let draft: CreateDraftResponse;
let clients: CollabClient[];

function clauseIds(doc: Y.Doc): string[] {
  return doc.getArray<string>(ORDER_ROOT).toArray();
}

async function join(link: string, options: { draftId?: string } = {}): Promise<CollabClient> {
  const client = connectClient(server.url, options.draftId ?? draft.id, await sessionCookieFor(server.url, link));
  clients.push(client);
  return client;
}

/** Stops the server, keeping its data, and starts a new one on the same directory. */
async function restartServer(): Promise<void> {
  for (const client of clients.splice(0)) client.destroy();
  const dataDir = server.dataDir;
  await server.stop({ keepData: true });
  server = await startTestServer({ dataDir });
}

/** Starts a fresh server (with `overrides`) in place of this test's, whose warnings are kept. */
async function restartServerCountingWarnings(overrides: ServerConfigInput = {}): Promise<string[]> {
  const warnings: string[] = [];
  const ignore = () => {};
  await server.stop();
  server = await startTestServer(overrides, { info: ignore, error: ignore, warn: (msg) => warnings.push(msg) });
  return warnings;
}

beforeEach(async () => {
  clients = [];
  server = await startTestServer();
  draft = await createTestDraft(server.url);
});

afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.stop();
});

describe('collaboration', () => {
  it('gives a new client the seeded clauses in order on first sync', async () => {
    const client = await join(draft.links.chair);
    await client.synced;
    const ids = clauseIds(client.doc);
    expect(ids).toHaveLength(3);
    expect(ids.map((id) => readClauseText(clauseRoot(client.doc, id)))).toEqual([
      'RECOGNISING the importance of dialogue;',
      'COMMEND the work of the drafting committee;',
      'WELCOME the next meeting.',
    ]);
  });

  it('gives each joiner that has nothing the document as it is now, not as an earlier joiner got it', async () => {
    const first = await join(draft.links.observer);
    await first.synced;
    const writer = await join(draft.links.delegations.MYS ?? '');
    await writer.synced;
    const [clauseId] = clauseIds(writer.doc);
    typeIntoClause(writer.doc, clauseId ?? '', ' now');
    await waitFor(() => readClauseText(clauseRoot(first.doc, clauseId ?? '')).endsWith(' now'), 'the edit to arrive');
    // The full-state answer is encoded once per version of the document: this joiner's must
    // carry the edit made after the first joiner's answer was encoded.
    const late = await join(draft.links.observer);
    await late.synced;
    expect(readClauseText(clauseRoot(late.doc, clauseId ?? ''))).toBe('RECOGNISING the importance of dialogue; now');
  });

  it('makes three clients editing the same and different clauses converge', async () => {
    const [a, b, c] = await Promise.all([
      join(draft.links.delegations.MYS ?? ''),
      join(draft.links.delegations.PHL ?? ''),
      join(draft.links.secretariat),
    ]);
    if (a === undefined || b === undefined || c === undefined) throw new Error('clients missing');
    await Promise.all([a.synced, b.synced, c.synced]);
    const [first, second] = clauseIds(a.doc);
    if (first === undefined || second === undefined) throw new Error('clauses missing');

    typeIntoClause(a.doc, first, ' [MYS]');
    typeIntoClause(b.doc, first, ' [PHL]');
    typeIntoClause(c.doc, second, ' [SEC]');
    typeIntoClause(b.doc, second, 'Further, ', 'start');

    const texts = (client: CollabClient) =>
      clauseIds(client.doc).map((id) => readClauseText(clauseRoot(client.doc, id)));
    await waitFor(() => {
      const expected = JSON.stringify(texts(a));
      return JSON.stringify(texts(b)) === expected && JSON.stringify(texts(c)) === expected;
    }, 'three clients to converge');
    const converged = texts(a);
    expect(converged[0]).toContain('[MYS]');
    expect(converged[0]).toContain('[PHL]');
    expect(converged[1]).toBe('Further, COMMEND the work of the drafting committee; [SEC]');
  });

  it('writes its own frames to every socket of the real server (not through ws) and edits still arrive', async () => {
    const warnings = await restartServerCountingWarnings();
    draft = await createTestDraft(server.url);
    const [a, b] = await Promise.all([join(draft.links.chair), join(draft.links.delegations.MYS ?? '')]);
    if (a === undefined || b === undefined) throw new Error('clients missing');
    await Promise.all([a.synced, b.synced]);
    const [first] = clauseIds(a.doc);
    if (first === undefined) throw new Error('no clause');
    typeIntoClause(a.doc, first, ' framed once');
    await waitFor(() => readClauseText(clauseRoot(b.doc, first)).endsWith(' framed once'), 'the edit to arrive');
    expect(warnings).not.toContain('collaboration socket framed by ws');
  });

  it('gives a late joiner the full current state', async () => {
    const early = await join(draft.links.chair);
    await early.synced;
    const [first] = clauseIds(early.doc);
    if (first === undefined) throw new Error('no clause');
    for (let i = 0; i < 20; i++) typeIntoClause(early.doc, first, ` ${i}`);
    const expected = readClauseText(clauseRoot(early.doc, first));

    const late = await join(draft.links.observer);
    await late.synced;
    await waitFor(() => readClauseText(clauseRoot(late.doc, first)) === expected, 'late joiner to see every edit');
  });

  it('loses nothing across a restart of the server', async () => {
    const writer = await join(draft.links.chair);
    await writer.synced;
    const [first] = clauseIds(writer.doc);
    if (first === undefined) throw new Error('no clause');
    typeIntoClause(writer.doc, first, ' before restart');
    const expected = readClauseText(clauseRoot(writer.doc, first));
    const watcher = await join(draft.links.observer);
    await waitFor(() => readClauseText(clauseRoot(watcher.doc, first)) === expected, 'the edit to propagate');
    await restartServer();

    const reader = await join(draft.links.secretariat);
    await reader.synced;
    expect(readClauseText(clauseRoot(reader.doc, first))).toBe(expected);
  });

  it('removes the awareness entries of a closed connection for everyone', async () => {
    const a = await join(draft.links.delegations.MYS ?? '');
    const b = await join(draft.links.delegations.PHL ?? '');
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalStateField('user', { delegation: 'MYS' });
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), 'b to see a');
    a.destroy();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'a to disappear from b');
  });
});

describe('refusals', () => {
  it('closes with 4401 when there is no session', async () => {
    const client = connectClient(server.url, draft.id, null);
    clients.push(client);
    await waitFor(() => client.closeCodes.includes(CloseCode.notAuthenticated), 'close 4401');
    // The y-websocket client gives up on 44xx codes instead of retrying forever.
    expect(client.provider.shouldConnect).toBe(false);
  });

  it('closes with 4403 when the session belongs to another draft', async () => {
    const other = await createTestDraft(server.url);
    const client = connectClient(server.url, draft.id, await sessionCookieFor(server.url, other.links.chair));
    clients.push(client);
    await waitFor(() => client.closeCodes.includes(CloseCode.forbidden), 'close 4403');
  });

  it('closes with 4404 for an unknown draft', async () => {
    const client = connectClient(server.url, 'nosuchdraft0', await sessionCookieFor(server.url, draft.links.chair));
    clients.push(client);
    await waitFor(() => client.closeCodes.includes(CloseCode.unknownDraft), 'close 4404');
  });

  it('closes with 4403 when a browser page of another origin opens the socket', async () => {
    const cookie = await sessionCookieFor(server.url, draft.links.chair);
    const client = connectClient(server.url, draft.id, cookie, { origin: 'https://evil.example' });
    clients.push(client);
    await waitFor(() => client.closeCodes.includes(CloseCode.forbidden), 'close 4403');
  });

  it('refuses a malformed frame with 4400, leaves the document as it was and other clients undisturbed', async () => {
    const good = await join(draft.links.chair);
    await good.synced;
    const before = Y.encodeStateVector(good.doc);
    const raw = await openRawSocket(server.url, draft.id, await sessionCookieFor(server.url, draft.links.secretariat));
    // A sync update whose payload claims 1,000 bytes but carries three.
    raw.socket.send(new Uint8Array([MessageType.sync, SyncMessageType.update, 0xe8, 0x07, 1, 2, 3]));
    expect(await raw.closed).toBe(CloseCode.malformed);

    const [first] = clauseIds(good.doc);
    if (first === undefined) throw new Error('no clause');
    typeIntoClause(good.doc, first, ' still editing');
    const watcher = await join(draft.links.observer);
    await watcher.synced;
    await waitFor(
      () => readClauseText(clauseRoot(watcher.doc, first)).endsWith('still editing'),
      'the good client to go on',
    );
    expect(good.closeCodes).toEqual([]);
    expect(Y.encodeStateVector(good.doc)).not.toEqual(before);
  });

  it("refuses an item whose origins are not neighbours with 4400, and every client keeps the server's text", async () => {
    const [mys, phl] = await Promise.all([
      join(draft.links.delegations.MYS ?? ''),
      join(draft.links.delegations.PHL ?? ''),
    ]);
    if (mys === undefined || phl === undefined) throw new Error('clients missing');
    await Promise.all([mys.synced, phl.synced]);
    const [first] = clauseIds(mys.doc);
    if (first === undefined) throw new Error('no clause');
    const paragraph = (clauseRoot(mys.doc, first).toDelta()[0] as { insert: Y.XmlText }).insert;
    let words = paragraph._start;
    while (words !== null && !(words.content instanceof Y.ContentString)) words = words.right;
    if (words === null || words.length < 12) throw new Error('no text to forge against');
    const at = (offset: number) => Y.createID(words.id.client, words.id.clock + offset);
    // "ab" named as going between the 3rd and the 11th character, as if the 8 between were unseen.
    const forged = encodeCraftedUpdate([
      {
        client: 0x7fff_0042,
        clock: 0,
        origin: at(2),
        rightOrigin: at(10),
        parent: { root: '', key: null },
        content: { string: 'ab' },
      },
    ]);
    const cookie = await sessionCookieFor(server.url, draft.links.secretariat);
    const raw = await openRawSocket(server.url, draft.id, cookie);
    raw.socket.send(encodeUpdateMessage(forged));
    expect(await raw.closed).toBe(CloseCode.malformed);

    typeIntoClause(mys.doc, first, ' [MYS]');
    typeIntoClause(phl.doc, first, ' [PHL]');
    const serverHash = async () => {
      const response = await fetch(`${server.url}/api/drafts/${draft.id}/state`, { headers: { cookie } });
      const state = DraftState.parse(await response.json());
      return state.clauses.find((clause) => clause.id === first)?.textHash;
    };
    const textOf = (client: CollabClient) => readClauseText(clauseRoot(client.doc, first));
    await waitFor(
      async () =>
        textOf(mys).includes('[PHL]') &&
        textOf(mys) === textOf(phl) &&
        (await serverHash()) === hashClauseText(textOf(mys)),
      'both clients and the server to read the same text',
    );
    expect(textOf(mys)).not.toContain('ab ');
    expect(mys.closeCodes).toEqual([]);
    expect(phl.closeCodes).toEqual([]);
  });

  it('drops a socket that stops reading once what waits unsent on it passes the cap, and nobody else notices', async () => {
    const warnings = await restartServerCountingWarnings({ maxUnsentBytes: 256 * 1024 });
    // About 1 MB of text: every sync request from an empty doc is answered with all of it.
    const long = 'x'.repeat(19_000);
    draft = await createTestDraft(server.url, {
      title: 'Long',
      kind: 'joint-statement',
      delegations: ['MYS', 'PHL'],
      clauses: Array.from({ length: 50 }, () => ({ kind: 'operative' as const, text: long })),
    });
    const good = await join(draft.links.chair);
    await good.synced;
    const raw = await openRawSocket(server.url, draft.id, await sessionCookieFor(server.url, draft.links.observer));
    raw.socket.pause();
    const syncRequest = encoding.createEncoder();
    encoding.writeVarUint(syncRequest, MessageType.sync);
    encoding.writeVarUint(syncRequest, SyncMessageType.step1);
    encoding.writeVarUint8Array(syncRequest, Y.encodeStateVector(new Y.Doc()));
    // Forty answers, about 40 MB: more than the kernel's buffers on both ends hold.
    for (let i = 0; i < 40; i++) raw.socket.send(encoding.toUint8Array(syncRequest));
    await waitFor(() => warnings.includes('dropped a collaboration socket that does not read'), 'the socket dropped');
    // Reading again, the client gets what the kernel held, then the end: no close frame came.
    raw.socket.resume();
    expect(await raw.closed).toBe(1006);

    const [first] = clauseIds(good.doc);
    if (first === undefined) throw new Error('no clause');
    typeIntoClause(good.doc, first, ' still here');
    const watcher = await join(draft.links.observer);
    await watcher.synced;
    await waitFor(() => readClauseText(clauseRoot(watcher.doc, first)).endsWith(' still here'), 'the room to go on');
  });

  it('refuses an update Yjs cannot decode with 4400', async () => {
    const raw = await openRawSocket(server.url, draft.id, await sessionCookieFor(server.url, draft.links.chair));
    raw.socket.send(encodeUpdateMessage(new Uint8Array([5, 200, 1, 77, 3, 9, 9, 9])));
    expect(await raw.closed).toBe(CloseCode.malformed);
  });

  it('refuses a frame over the size limit with 4413', async () => {
    await server.stop();
    server = await startTestServer({ maxMessageBytes: 64 * 1024 });
    draft = await createTestDraft(server.url);
    const raw = await openRawSocket(server.url, draft.id, await sessionCookieFor(server.url, draft.links.chair));
    raw.socket.send(new Uint8Array(100 * 1024));
    expect(await raw.closed).toBe(CloseCode.tooLarge);
  });

  it('refuses a flood of messages with 4429', async () => {
    await server.stop();
    server = await startTestServer({ messagesPerSecond: 5, messageBurst: 10 });
    draft = await createTestDraft(server.url);
    const raw = await openRawSocket(server.url, draft.id, await sessionCookieFor(server.url, draft.links.chair));
    const queryAwareness = new Uint8Array([MessageType.queryAwareness]);
    for (let i = 0; i < 50; i++) raw.socket.send(queryAwareness);
    expect(await raw.closed).toBe(CloseCode.tooManyMessages);
  });

  it('lets observers read and announce presence but refuses their edits with 4403', async () => {
    const chair = await join(draft.links.chair);
    const observer = await join(draft.links.observer);
    await Promise.all([chair.synced, observer.synced]);
    const [first] = clauseIds(chair.doc);
    if (first === undefined) throw new Error('no clause');

    observer.provider.awareness.setLocalStateField('user', { role: 'observer' });
    await waitFor(() => chair.provider.awareness.getStates().has(observer.doc.clientID), 'observer presence');
    typeIntoClause(chair.doc, first, ' chair edit');
    await waitFor(() => readClauseText(clauseRoot(observer.doc, first)).endsWith('chair edit'), 'observer to read');

    typeIntoClause(observer.doc, first, ' OBSERVER EDIT');
    await waitFor(() => observer.closeCodes.includes(CloseCode.forbidden), 'close 4403');
    const fresh = await join(draft.links.secretariat);
    await fresh.synced;
    expect(readClauseText(clauseRoot(fresh.doc, first))).not.toContain('OBSERVER EDIT');
    expect(readClauseText(clauseRoot(chair.doc, first))).not.toContain('OBSERVER EDIT');
  });
});

describe('loading', () => {
  it('serves no connection before the room is loaded and loads it once for concurrent first connections', async () => {
    await server.stop();
    let loads = 0;
    server = await startTestServer({}, undefined, (stores) => ({
      ...stores,
      documents: {
        ...stores.documents,
        loadDocument: async (draftId) => {
          loads += 1;
          const stored = await stores.documents.loadDocument(draftId);
          // A slow disk: the first connections all arrive while the room is still loading.
          await new Promise((resolve) => setTimeout(resolve, 150));
          return stored;
        },
      },
    }));
    draft = await createTestDraft(server.url);
    const cookies = await Promise.all(
      [draft.links.chair, draft.links.secretariat, draft.links.observer].map((link) =>
        sessionCookieFor(server.url, link),
      ),
    );
    const clauseCountAtFirstSync: number[] = [];
    const connecting = cookies.map((cookie) => {
      const client = connectClient(server.url, draft.id, cookie);
      clients.push(client);
      client.provider.once('sync', () => clauseCountAtFirstSync.push(clauseIds(client.doc).length));
      return client.synced;
    });
    await Promise.all(connecting);
    expect(loads).toBe(1);
    expect(clauseCountAtFirstSync).toEqual([3, 3, 3]);
  });

  it('unloads an idle room and loads it again, with every edit, on the next connection', async () => {
    const writer = await join(draft.links.chair);
    await writer.synced;
    const [first] = clauseIds(writer.doc);
    if (first === undefined) throw new Error('no clause');
    typeIntoClause(writer.doc, first, ' kept');
    const expected = readClauseText(clauseRoot(writer.doc, first));
    const watcher = await join(draft.links.observer);
    await waitFor(() => readClauseText(clauseRoot(watcher.doc, first)) === expected, 'the edit to arrive');
    for (const client of clients.splice(0)) client.destroy();
    await waitFor(() => server.mufakat.registry.loadedCount === 0, 'the idle room to unload');

    const reader = await join(draft.links.secretariat);
    await reader.synced;
    expect(readClauseText(clauseRoot(reader.doc, first))).toBe(expected);
  });

  it('compacts a long log into a snapshot while clients edit, and loses nothing across a restart', async () => {
    await server.stop();
    server = await startTestServer({ compactAfterUpdates: 10 });
    draft = await createTestDraft(server.url);
    const writer = await join(draft.links.chair);
    const watcher = await join(draft.links.observer);
    await Promise.all([writer.synced, watcher.synced]);
    const [first, second] = clauseIds(writer.doc);
    if (first === undefined || second === undefined) throw new Error('clauses missing');
    for (let i = 0; i < 45; i++) typeIntoClause(writer.doc, i % 2 === 0 ? first : second, ` ${i}`);
    const expected = [first, second].map((id) => readClauseText(clauseRoot(writer.doc, id)));
    await waitFor(
      () => readClauseText(clauseRoot(watcher.doc, second)) === expected[1],
      'the watcher to see every edit',
    );
    await waitFor(async () => (await server.stores.documents.loadDocument(draft.id)).updates.length < 10, 'compaction');

    await restartServer();
    const reader = await join(draft.links.secretariat);
    await reader.synced;
    expect([first, second].map((id) => readClauseText(clauseRoot(reader.doc, id)))).toEqual(expected);
  });
});

describe('hostile requests', () => {
  it('survives an upgrade request whose target cannot be parsed', async () => {
    const { port } = new URL(server.url);
    const { connect } = await import('node:net');
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('GET http://[/ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  });

  /** A draft whose document is exactly `doc`, seeded straight into storage; a secretariat cookie. */
  async function seedDraft(doc: Y.Doc): Promise<{ draftId: string; cookie: string; observerCookie: string }> {
    const draftId = 'craftedDraft1';
    const at = new Date().toISOString();
    const link = (id: string, role: 'secretariat' | 'observer', token: string) => ({
      id,
      draftId,
      role,
      delegation: null,
      tokenHash: hashToken(token),
      createdAt: at,
      expiresAt: null,
      revokedAt: null,
    });
    const editorToken = createToken();
    const observerToken = createToken();
    await server.stores.drafts.createDraft(
      {
        id: draftId,
        title: 'Crafted',
        kind: 'joint-statement',
        delegations: ['MYS'],
        consensus: { rule: 'unanimous' },
        createdAt: at,
      },
      [link('link-editor', 'secretariat', editorToken), link('link-observer', 'observer', observerToken)],
    );
    await server.stores.documents.createDocument(draftId, Y.encodeStateAsUpdate(doc));
    return {
      draftId,
      cookie: await sessionCookieFor(server.url, `/join/${editorToken}`),
      observerCookie: await sessionCookieFor(server.url, `/join/${observerToken}`),
    };
  }

  it('refuses an update with a gap in its clock with 4400 once no step 2 brings what it lacks, and never stores or sends it', async () => {
    const base = layoutBaseDoc();
    const { draftId, cookie } = await seedDraft(base);
    const [clauseId = ''] = clauseIds(base);
    const raw = await openRawSocket(server.url, draftId, cookie);
    raw.socket.send(encodeUpdateMessage(updateWithClockGap(base, clauseId)));
    expect(await raw.closed).toBe(CloseCode.malformed);

    const reader = connectClient(server.url, draftId, cookie);
    clients.push(reader);
    await reader.synced;
    expect(readClauseText(clauseRoot(reader.doc, clauseId))).toBe('hello world');
    expect(reader.doc.store.pendingStructs).toBeNull();
    const stored = await server.stores.documents.loadDocument(draftId);
    expect(stored.updates).toHaveLength(0);
  });

  it('holds an update that builds on what the client sends in its sync step 2 until that comes, as after a reconnect', async () => {
    const base = layoutBaseDoc();
    const { draftId, cookie } = await seedDraft(base);
    const [clauseId = ''] = clauseIds(base);
    const watcher = connectClient(server.url, draftId, cookie);
    clients.push(watcher);
    await watcher.synced;
    // What the client typed offline (its step 2 brings it) and what it types as the socket opens.
    const source = new Y.Doc();
    Y.applyUpdate(source, Y.encodeStateAsUpdate(base));
    const offline: Uint8Array[] = [];
    source.on('update', (update: Uint8Array) => offline.push(update));
    typeIntoClause(source, clauseId, ' offline');
    typeIntoClause(source, clauseId, ' typed-at-once');
    const [typedOffline, typedAtOnce] = offline;
    if (typedOffline === undefined || typedAtOnce === undefined) throw new Error('two updates');
    const raw = await openRawSocket(server.url, draftId, cookie);
    raw.socket.send(encodeUpdateMessage(typedAtOnce));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, MessageType.sync);
    encoding.writeVarUint(step2, SyncMessageType.step2);
    encoding.writeVarUint8Array(step2, typedOffline);
    raw.socket.send(encoding.toUint8Array(step2));
    await waitFor(
      () => readClauseText(clauseRoot(watcher.doc, clauseId)) === 'hello world offline typed-at-once',
      'both edits to reach the other client',
    );
    const reader = connectClient(server.url, draftId, cookie);
    clients.push(reader);
    await reader.synced;
    expect(readClauseText(clauseRoot(reader.doc, clauseId))).toBe('hello world offline typed-at-once');
    expect(raw.socket.readyState).toBe(raw.socket.OPEN);
    raw.socket.close();
  });

  it('lets an observer reconnect after text was deleted', async () => {
    const base = layoutBaseDoc();
    const { draftId, cookie, observerCookie } = await seedDraft(base);
    const [clauseId = ''] = clauseIds(base);
    const editor = connectClient(server.url, draftId, cookie);
    const observer = connectClient(server.url, draftId, observerCookie);
    clients.push(editor, observer);
    await Promise.all([editor.synced, observer.synced]);
    const observed = () => readClauseText(clauseRoot(observer.doc, clauseId));
    deleteFromClause(editor.doc, clauseId, 0, 6);
    await waitFor(() => observed() === 'world', 'the deletion to reach the observer');

    // Its sync step 2 now carries a delete set: nothing new, and no reason to refuse it.
    observer.provider.disconnect();
    const resynced = new Promise<void>((resolve) => observer.provider.once('sync', () => resolve()));
    observer.provider.connect();
    await resynced;
    typeIntoClause(editor.doc, clauseId, 'hello ', 'start');
    await waitFor(() => observed() === 'hello world', 'the observer to follow again');
    expect(observer.closeCodes.filter((code) => code >= 4400)).toEqual([]);
  });

  it("keeps one connection from taking over or removing another connection's presence", async () => {
    const { draftId, cookie } = await seedDraft(layoutBaseDoc());
    const alice = connectClient(server.url, draftId, cookie);
    const watcher = connectClient(server.url, draftId, cookie);
    clients.push(alice, watcher);
    await Promise.all([alice.synced, watcher.synced]);
    alice.provider.awareness.setLocalStateField('user', { name: 'alice' });
    const aliceId = alice.doc.clientID;
    await waitFor(() => watcher.provider.awareness.getStates().get(aliceId)?.user?.name === 'alice', 'alice to appear');

    const mallory = await openRawSocket(server.url, draftId, cookie);
    const forged = encoding.createEncoder();
    encoding.writeVarUint(forged, 1);
    encoding.writeVarUint(forged, aliceId);
    encoding.writeVarUint(forged, 50);
    encoding.writeVarString(forged, JSON.stringify({ user: { name: 'mallory-as-alice' } }));
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, MessageType.awareness);
    encoding.writeVarUint8Array(message, encoding.toUint8Array(forged));
    mallory.socket.send(encoding.toUint8Array(message));
    mallory.socket.close();
    await new Promise((resolve) => mallory.socket.once('close', resolve));

    alice.provider.awareness.setLocalStateField('user', { name: 'alice, renewed' });
    await waitFor(
      () => watcher.provider.awareness.getStates().get(aliceId)?.user?.name === 'alice, renewed',
      'alice to stay herself',
    );
  });

  it('skips the other participants’ entries that a stock client echoes, without closing it', async () => {
    const { draftId, cookie } = await seedDraft(layoutBaseDoc());
    const present = Array.from({ length: 6 }, () => connectClient(server.url, draftId, cookie));
    clients.push(...present);
    await Promise.all(present.map((client) => client.synced));
    for (const [i, client] of present.entries())
      client.provider.awareness.setLocalStateField('user', { name: `p${i}` });
    // A newcomer learns six presences at once; y-websocket sends all six back with its own.
    const newcomer = connectClient(server.url, draftId, cookie);
    clients.push(newcomer);
    await waitFor(() => newcomer.provider.awareness.getStates().size >= 7, 'the newcomer to see everyone');
    newcomer.provider.awareness.setLocalStateField('user', { name: 'newcomer' });
    const [first] = present;
    await waitFor(
      () => first?.provider.awareness.getStates().get(newcomer.doc.clientID)?.user?.name === 'newcomer',
      'the newcomer to appear to the others',
    );
    expect(newcomer.closeCodes).toEqual([]);
  });
});
