import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode, MessageType } from '../../shared/protocol.ts';
import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { type CollabClient, connectClient, openRawSocket, waitFor } from '../testing/collab-client.ts';
import { openEventStream } from '../testing/event-stream.ts';
import { createTestDraft, sessionCookieFor, startTestServer, type TestServer } from '../testing/test-server.ts';

let server: TestServer;
let draft: CreateDraftResponse;
let clients: CollabClient[];

beforeEach(async () => {
  clients = [];
  server = await startTestServer();
  draft = await createTestDraft(server.url);
});

afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.stop();
});

async function client(link: string): Promise<CollabClient> {
  const joined = connectClient(server.url, draft.id, await sessionCookieFor(server.url, link));
  clients.push(joined);
  await joined.synced;
  return joined;
}

/** An awareness message with these entries, as a hostile client writes it. */
function awarenessMessage(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MessageType.awareness);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

describe('presence', () => {
  it('lets one message claim no more client ids than a connection may hold', async () => {
    const watcher = await client(draft.links.chair);
    const raw = await openRawSocket(server.url, draft.id, await sessionCookieFor(server.url, draft.links.secretariat));
    const claims = Array.from({ length: 1000 }, (_, i) => ({ clientId: 900_000 + i, clock: 1, state: { name: 'x' } }));
    raw.socket.send(awarenessMessage(claims));
    await waitFor(() => watcher.provider.awareness.getStates().size > 1, 'the claimed presences to arrive');
    const marker = await client(draft.links.observer);
    marker.provider.awareness.setLocalStateField('user', { name: 'last' });
    await waitFor(() => watcher.provider.awareness.getStates().has(marker.doc.clientID), 'a later presence');
    const claimed = [...watcher.provider.awareness.getStates().keys()].filter((id) => id >= 900_000 && id < 901_000);
    expect(claimed.length).toBe(4);
  });

  it('shows a presence under its session’s name and role, whatever the client claims', async () => {
    const watcher = await client(draft.links.chair);
    const observer = await client(draft.links.observer);
    observer.provider.awareness.setLocalState({ name: 'USA', role: 'chair', color: '#ff0000', focusing: true });
    await waitFor(() => watcher.provider.awareness.getStates().has(observer.doc.clientID), 'the observer’s presence');
    expect(watcher.provider.awareness.getStates().get(observer.doc.clientID)).toMatchObject({
      name: 'observer',
      role: 'observer',
      focusing: true,
    });
    const mys = await client(draft.links.delegations.MYS ?? '');
    mys.provider.awareness.setLocalState({ name: 'CHAIR' });
    await waitFor(() => watcher.provider.awareness.getStates().has(mys.doc.clientID), 'MYS’s presence');
    expect(watcher.provider.awareness.getStates().get(mys.doc.clientID)).toMatchObject({
      name: 'MYS',
      role: 'delegation',
    });
  });

  it('refuses a presence state of more than a few kilobytes with 4413', async () => {
    const raw = await openRawSocket(server.url, draft.id, await sessionCookieFor(server.url, draft.links.observer));
    raw.socket.send(awarenessMessage([{ clientId: 12345, clock: 1, state: { name: 'x', padding: 'p'.repeat(5000) } }]));
    expect(await raw.closed).toBe(CloseCode.tooLarge);
  });

  it('keeps a stock y-websocket client, which echoes every presence it sees, connected in a busy room', async () => {
    await server.stop();
    server = await startTestServer({ messagesPerSecond: 20, messageBurst: 40 });
    draft = await createTestDraft(server.url);
    const stock = await client(draft.links.chair);
    const movers = await Promise.all(Array.from({ length: 6 }, () => client(draft.links.secretariat)));
    // Six others move their carets 20 times a second each for two seconds: the stock client
    // receives 240 changes a second and echoes each, six times what its session may send.
    for (let tick = 0; tick < 40; tick++) {
      for (const [i, mover] of movers.entries()) mover.provider.awareness.setLocalStateField('cursor', { tick, i });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitFor(
      () => stock.provider.awareness.getStates().get(movers[5]?.doc.clientID ?? 0)?.cursor?.tick === 39,
      'the last caret move to reach the stock client',
    );
    expect(stock.closeCodes).toEqual([]);
  });
});

describe('limits per session', () => {
  it('refuses a session more sockets than it may hold, with 4429, and more events channels, with 429', async () => {
    await server.stop();
    server = await startTestServer({ maxSocketsPerSession: 2, maxStreamsPerSession: 1 });
    draft = await createTestDraft(server.url);
    const cookie = await sessionCookieFor(server.url, draft.links.observer);
    const sockets = await Promise.all([1, 2, 3].map(() => openRawSocket(server.url, draft.id, cookie)));
    expect(await sockets[2]?.closed).toBe(CloseCode.tooManyMessages);
    const url = `${server.url}/api/drafts/${draft.id}/events`;
    const stream = await openEventStream(url, cookie);
    const second = await fetch(url, { headers: { cookie } });
    expect(second.status).toBe(429);
    stream.close();
    for (const socket of sockets) socket?.socket.close();
  });

  it('keeps a session’s spent budget when it reconnects after 4429', async () => {
    await server.stop();
    server = await startTestServer({ messagesPerSecond: 5, messageBurst: 20 });
    draft = await createTestDraft(server.url);
    const cookie = await sessionCookieFor(server.url, draft.links.chair);
    const query = new Uint8Array([MessageType.queryAwareness]);
    const first = await openRawSocket(server.url, draft.id, cookie);
    for (let i = 0; i < 30; i++) first.socket.send(query);
    expect(await first.closed).toBe(CloseCode.tooManyMessages);
    // A fresh socket of the same session gets no fresh budget: it is turned away before the upgrade.
    await expect(openRawSocket(server.url, draft.id, cookie)).rejects.toThrow(/429/);
    // Once the budget has refilled (5 messages a second), the session is welcome again.
    const opened: Array<Awaited<ReturnType<typeof openRawSocket>>> = [];
    await waitFor(async () => {
      const later = await openRawSocket(server.url, draft.id, cookie).catch(() => null);
      if (later !== null) opened.push(later);
      return later !== null;
    }, 'the session’s budget to refill');
    for (const socket of opened) socket.socket.close();
  });
});
