import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { hashClauseRoot } from '../../shared/consensus/clause-hash.ts';
import { clauseOrder, clauseTextRoot } from '../../shared/doc-layout.ts';
import { MessageType, SyncMessageType } from '../../shared/protocol.ts';
import { encodeUpdateMessage } from '../collab/sync-messages.ts';
import { type CollabClient, connectClient, openRawSocket, typeIntoClause, waitFor } from '../testing/collab-client.ts';
import { fetchState } from '../testing/commands.ts';
import { createTestDraft, sessionCookieFor, startTestServer } from '../testing/test-server.ts';

export interface FrameFuzzResult {
  frames: number;
  /** Sockets the fuzzer opened: one, and one more after each refusal. */
  connections: number;
  /** How the fuzzer's sockets were closed, by close code. */
  closes: Record<string, number>;
  /** Honest clients whose socket the server closed (must be none). */
  honestDisconnects: number;
  /** Clauses whose text differs between an honest client, a fresh join and the server (must be none). */
  divergentClauses: number;
  /** The server answered its health check after the run. */
  serverAlive: boolean;
  seconds: number;
}

/**
 * Random, mutated and crafted frames against a room where two honest clients type: the server
 * must survive every one, never close an honest client, and end with every client's text equal
 * to its own. Mutations start from real messages of the honest clients, the most effective seeds
 * for a fuzzer that must get past the decoder.
 */
export async function runFrameFuzz(options: { frames: number; seed: number }): Promise<FrameFuzzResult> {
  const started = performance.now();
  // The limits are not under test here: the fuzzer must reach the decoder, the guards and Yjs.
  const server = await startTestServer({ messagesPerSecond: 1_000_000, messageBurst: 1_000_000 });
  const clients: CollabClient[] = [];
  try {
    const draft = await createTestDraft(server.url);
    const honest = await Promise.all(
      [draft.links.chair, draft.links.secretariat].map(async (link) => {
        const client = connectClient(server.url, draft.id, await sessionCookieFor(server.url, link));
        clients.push(client);
        await client.synced;
        return client;
      }),
    );
    const captured: Uint8Array[] = [];
    for (const client of honest) {
      client.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== client.provider && captured.length < 200) captured.push(encodeUpdateMessage(update));
      });
    }
    const clauseIds = clauseOrder(honest[0]?.doc ?? new Y.Doc());
    let typed = 0;
    const typing = setInterval(() => {
      const client = honest[typed % honest.length];
      if (client !== undefined) typeIntoClause(client.doc, clauseIds[typed % clauseIds.length] ?? '', ` h${typed}`);
      typed += 1;
    }, 10);

    const closes: Record<string, number> = {};
    const frames = fc.sample(
      frameArbitrary(() => captured),
      { numRuns: options.frames, seed: options.seed },
    );
    const fuzzerCookie = await sessionCookieFor(server.url, draft.links.secretariat);
    let socket = await openFuzzer(server.url, draft.id, fuzzerCookie, closes);
    let connections = 1;
    for (const frame of frames) {
      if (socket.isClosed()) {
        socket = await openFuzzer(server.url, draft.id, fuzzerCookie, closes);
        connections += 1;
      }
      socket.send(frame);
      // A turn of the event loop between frames: a refusal's close reaches the fuzzer before
      // its next frame, which then goes to a fresh socket instead of a closing one.
      await new Promise((resolve) => setImmediate(resolve));
    }
    socket.close();
    clearInterval(typing);

    const serverAlive = (await fetch(`${server.url}/api/health`)).ok;
    const stateHashes = new Map(
      (await fetchState(server.url, draft.id, await sessionCookieFor(server.url, draft.links.observer))).clauses.map(
        (c) => [c.id, c.textHash],
      ),
    );
    const fresh = connectClient(server.url, draft.id, await sessionCookieFor(server.url, draft.links.observer));
    clients.push(fresh);
    await fresh.synced;
    const hashOf = (doc: Y.Doc, id: string) => hashClauseRoot(clauseTextRoot(doc, id));
    let divergentClauses = 0;
    for (const id of clauseOrder(fresh.doc)) {
      const expected = hashOf(fresh.doc, id);
      await waitFor(
        () => honest.every((client) => hashOf(client.doc, id) === expected),
        'the honest clients to settle',
        15_000,
      ).catch(() => undefined);
      const honestHashes = honest.map((client) => hashOf(client.doc, id));
      if (honestHashes.some((hash) => hash !== expected) || stateHashes.get(id) !== expected) divergentClauses += 1;
    }
    return {
      frames: frames.length,
      connections,
      closes,
      honestDisconnects: honest.reduce((sum, client) => sum + client.closeCodes.length, 0),
      divergentClauses,
      serverAlive,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    for (const client of clients) client.destroy();
    await server.stop();
  }
}

async function openFuzzer(url: string, draftId: string, cookie: string, closes: Record<string, number>) {
  const raw = await openRawSocket(url, draftId, cookie);
  let closed = false;
  void raw.closed.then((code) => {
    closed = true;
    closes[code] = (closes[code] ?? 0) + 1;
  });
  return {
    isClosed: () => closed || raw.socket.readyState !== raw.socket.OPEN,
    send: (frame: Uint8Array) => {
      if (raw.socket.readyState === raw.socket.OPEN) raw.socket.send(frame);
    },
    close: () => raw.socket.close(),
  };
}

/** Random bytes, mutated real messages, and messages shaped like the protocol with random insides. */
function frameArbitrary(seeds: () => Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const randomBytes = fc.uint8Array({ minLength: 0, maxLength: 300 });
  const mutated = fc
    .tuple(
      fc.nat(),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'drop')), {
        maxLength: 6,
      }),
      fc.nat(),
    )
    .map(([pick, edits, cut]) => {
      const all = seeds();
      const base =
        all.length === 0
          ? new Uint8Array([MessageType.sync, SyncMessageType.update, 0])
          : (all[pick % all.length] as Uint8Array);
      const bytes = [...base];
      for (const [at, value, how] of edits) {
        const index = bytes.length === 0 ? 0 : at % bytes.length;
        if (how === 'set') bytes[index] = value;
        else if (how === 'insert') bytes.splice(index, 0, value);
        else bytes.splice(index, 1);
      }
      return Uint8Array.from(cut % 5 === 0 ? bytes.slice(0, cut % (bytes.length + 1)) : bytes);
    });
  const shaped = fc.oneof(
    // An update of random structs: random bytes after the sync header.
    fc.uint8Array({ maxLength: 200 }).map((payload) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      encoding.writeVarUint(encoder, SyncMessageType.update);
      encoding.writeVarUint8Array(encoder, payload);
      return encoding.toUint8Array(encoder);
    }),
    // Awareness entries with random ids, clocks and JSON.
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.oneof(fc.json(), fc.string())), { maxLength: 8 }).map((entries) => {
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, entries.length);
      for (const [clientId, clock, json] of entries) {
        encoding.writeVarUint(update, clientId);
        encoding.writeVarUint(update, clock);
        encoding.writeVarString(update, json);
      }
      const message = encoding.createEncoder();
      encoding.writeVarUint(message, MessageType.awareness);
      encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
      return encoding.toUint8Array(message);
    }),
    // A sync step 1 with a random state vector, and unknown message types.
    fc
      .uint8Array({ maxLength: 40 })
      .map((vector) => Uint8Array.from([MessageType.sync, SyncMessageType.step1, vector.length, ...vector])),
    fc
      .tuple(fc.integer({ min: 4, max: 300 }), fc.uint8Array({ maxLength: 20 }))
      .map(([type, rest]) => Uint8Array.from([type & 0x7f, ...rest])),
  );
  return fc.oneof(randomBytes, { arbitrary: mutated, weight: 3 }, { arbitrary: shaped, weight: 2 });
}
