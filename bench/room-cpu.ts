/**
 * CPU per stored update through real rooms and the real SQLite store (`synchronous=FULL`), with
 * no sockets: what the server spends per keystroke on guards, apply, attribution, group commit
 * and broadcast encoding, without the send and receive syscalls that dominate `server-load`.
 * Writers are blind, as the load workloads' are. Not part of `npm run bench`; run it alone:
 *
 *   npx tsx bench/room-cpu.ts                          # this checkout
 *   BENCH_BASELINE=../mufakat-baseline npx tsx bench/room-cpu.ts   # another checkout's server
 *
 * DRAFTS, CLIENTS, PER_TURN (updates received per event-loop turn) and N (updates) shape it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as Y from 'yjs';
import type * as RoomModule from '../server/collab/room.ts';
import type * as SyncMessagesModule from '../server/collab/sync-messages.ts';
import type * as CreateDraftModule from '../server/drafts/create-draft.ts';
import type * as LoggerModule from '../server/logger.ts';
import type * as StoresModule from '../server/storage/sqlite/sqlite-stores.ts';

const root = resolve(process.env.BENCH_BASELINE ?? join(import.meta.dirname, '..'));
const { createSqliteStores }: typeof StoresModule = await import(`${root}/server/storage/sqlite/sqlite-stores.ts`);
const { Room }: typeof RoomModule = await import(`${root}/server/collab/room.ts`);
const { encodeUpdateMessage }: typeof SyncMessagesModule = await import(`${root}/server/collab/sync-messages.ts`);
const { createLogger }: typeof LoggerModule = await import(`${root}/server/logger.ts`);
const { buildInitialDocument }: typeof CreateDraftModule = await import(`${root}/server/drafts/create-draft.ts`);

const DRAFTS = Number(process.env.DRAFTS ?? 100);
const CLIENTS = Number(process.env.CLIENTS ?? 10);
const PER_TURN = Number(process.env.PER_TURN ?? 3);
const N = Number(process.env.N ?? 6000);

const dir = mkdtempSync(join(tmpdir(), 'mufakat-room-cpu-'));
const stores = createSqliteStores({ file: join(dir, 'mufakat.sqlite') });
const initial = buildInitialDocument(
  Array.from({ length: 100 }, (_, i) => ({ kind: 'operative' as const, text: `Clause ${i} of the statement.` })),
);

let sentBytes = 0;
interface Draft {
  room: RoomModule.Room;
  conns: RoomModule.RoomConnection[];
  paragraphs: Y.XmlText[][];
  writers: Y.Doc[];
}
const drafts: Draft[] = [];
for (let d = 0; d < DRAFTS; d++) {
  const draftId = `draft-${String(d).padStart(4, '0')}`;
  await stores.drafts.createDraft(
    {
      id: draftId,
      title: 'Room CPU',
      kind: 'joint-statement',
      delegations: ['MYS'],
      consensus: { rule: 'unanimous' },
      createdAt: '2026-11-22T00:00:00.000Z',
    },
    [],
  );
  await stores.documents.createDocument(draftId, initial);
  const room = await Room.load({
    draftId,
    documents: stores.documents,
    locks: { frozen: new Set(), adopted: false },
    logger: createLogger('silent'),
    compactAfterUpdates: 1000,
    maxDocumentBytes: 64 * 1024 * 1024,
    onPoisoned: () => {
      throw new Error(`room ${draftId} failed`);
    },
  });
  const conns = Array.from(
    { length: CLIENTS },
    (_, c): RoomModule.RoomConnection => ({
      canEditText: true,
      presence: { name: 'MYS', role: 'delegation' },
      author: { sessionIdHash: `session-${d}-${c}`, role: 'delegation', delegation: 'MYS' },
      takeMessage: () => true,
      send: (message) => {
        sentBytes += message.byteLength;
      },
      close: (code) => {
        throw new Error(`a connection was closed with ${code}`);
      },
    }),
  );
  for (const conn of conns) room.join(conn);
  const writers = conns.map(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initial);
    return doc;
  });
  const paragraphs = writers.map((doc) =>
    [...doc.share.keys()]
      .filter((name) => name.startsWith('clause/'))
      .map((name) => (doc.get(name, Y.XmlText).toDelta() as Array<{ insert: Y.XmlText }>)[0]?.insert as Y.XmlText),
  );
  drafts.push({ room, conns, paragraphs, writers });
}
for (const { room } of drafts) await room.drain();

// Every keystroke is made before the clock starts, so that only the server's work is timed.
let seed = 42;
const random = () => {
  seed = (seed * 48271) % 2147483647;
  return seed / 2147483647;
};
const plan: Array<{ draft: Draft; conn: RoomModule.RoomConnection; message: Uint8Array }> = [];
for (let i = 0; i < N; i++) {
  const draft = drafts[Math.floor(random() * DRAFTS)] as Draft;
  const c = Math.floor(random() * CLIENTS);
  const writer = draft.writers[c] as Y.Doc;
  let update: Uint8Array | null = null;
  const keep = (made: Uint8Array) => {
    update = made;
  };
  writer.on('update', keep);
  const paragraph = draft.paragraphs[c]?.[Math.floor(random() * 100)] as Y.XmlText;
  paragraph.insert(paragraph.length, 'a');
  writer.off('update', keep);
  if (update === null) throw new Error('a keystroke made no update');
  plan.push({ draft, conn: draft.conns[c] as RoomModule.RoomConnection, message: encodeUpdateMessage(update) });
}

const turn = () => new Promise((done) => setImmediate(done));
const cpuBefore = process.cpuUsage();
const started = performance.now();
for (let i = 0; i < plan.length; i += PER_TURN) {
  for (const { draft, conn, message } of plan.slice(i, i + PER_TURN)) draft.room.receive(conn, message);
  // The room's flush and the group commit each wait for a turn of their own.
  await turn();
  await turn();
  await turn();
}
for (const { room } of drafts) await room.drain();
const cpu = process.cpuUsage(cpuBefore);
const wallMs = performance.now() - started;
const cpuMs = (cpu.user + cpu.system) / 1000;
console.log(
  `${root}: ${N} updates, ${PER_TURN} a turn, ${DRAFTS} drafts × ${CLIENTS} connections: ` +
    `CPU ${cpuMs.toFixed(0)} ms (user ${(cpu.user / 1000).toFixed(0)}, system ${(cpu.system / 1000).toFixed(0)}), ` +
    `${((cpuMs * 1000) / N).toFixed(0)} µs a stored update; wall ${wallMs.toFixed(0)} ms; ${(sentBytes / 1e6).toFixed(1)} MB sent`,
);
await stores.close();
rmSync(dir, { recursive: true, force: true });
// The rooms' compaction timers would keep the process alive.
process.exit(0);
