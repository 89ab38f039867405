import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readClauseText } from '../../shared/clause-text.ts';
import { clauseOrder } from '../../shared/doc-layout.ts';
import { CommentEvent } from '../../shared/schemas/comments.ts';
import {
  ClusterInstances,
  firstClauseOf as clause0,
  converged,
  sleep,
  textOf,
  typeUntil,
  typeWords,
} from '../testing/cluster-instances.ts';
import { clauseRoot, connectClient, typeIntoClause, waitFor } from '../testing/collab-client.ts';
import { fetchState, sendCommand } from '../testing/commands.ts';
import { openEventStream } from '../testing/event-stream.ts';
import { createTestDraft, sessionCookieFor } from '../testing/test-server.ts';

// One private PostgreSQL and one Redis for the file; each test its own database and instances.
const cluster = new ClusterInstances();
const startInstances = cluster.startInstances.bind(cluster);
const connect = cluster.connect.bind(cluster);

beforeAll(() => cluster.start(), 120_000);
afterAll(() => cluster.stop());
afterEach(() => cluster.cleanUp());

describe('several instances sharing drafts through PostgreSQL and Redis', () => {
  it('brings clients on three instances to the same text through Redis alone', async () => {
    // Nobody reads the log for a minute: whatever crosses in time crossed by announcement.
    const [a, b, c] = await startInstances(3, 60_000);
    if (a === undefined || b === undefined || c === undefined) throw new Error('three instances');
    const draft = await createTestDraft(a.url);
    const onA = await connect(a.url, draft.id, draft.links.chair);
    const onB = await connect(b.url, draft.id, draft.links.secretariat);
    const onC = await connect(c.url, draft.id, draft.links.delegations.MYS ?? '');
    const [clauseId = ''] = clauseOrder(onA.doc);
    const words = (
      await Promise.all([
        typeWords(onA, clauseId, 'a', 20),
        typeWords(onB, clauseId, 'b', 20),
        typeWords(onC, clauseId, 'c', 20),
      ])
    ).flat();
    await converged([onA, onB, onC], clauseId, words, 15_000);
    for (const client of [onA, onB, onC]) expect(client.closeCodes).toEqual([]);
  }, 90_000);

  it('gives a late joiner on another instance everything, loaded or not', async () => {
    const [a, b, c] = await startInstances(3, 60_000);
    if (a === undefined || b === undefined || c === undefined) throw new Error('three instances');
    const draft = await createTestDraft(a.url);
    const onA = await connect(a.url, draft.id, draft.links.chair);
    const onB = await connect(b.url, draft.id, draft.links.secretariat);
    const [clauseId = ''] = clauseOrder(onA.doc);
    const words = (await Promise.all([typeWords(onA, clauseId, 'a', 15), typeWords(onB, clauseId, 'b', 15)])).flat();
    await converged([onA, onB], clauseId, words, 15_000);
    // On B the room is loaded and followed; on C it loads from PostgreSQL now.
    const lateOnB = await connect(b.url, draft.id, draft.links.observer);
    const lateOnC = await connect(c.url, draft.id, draft.links.delegations.PHL ?? '');
    for (const late of [lateOnB, lateOnC]) expect(textOf(late, clauseId)).toBe(textOf(onA, clauseId));
  }, 90_000);

  it('loses nothing when Redis is killed mid-session and started again', async () => {
    const [a, b, c] = await startInstances(3, 300);
    if (a === undefined || b === undefined || c === undefined) throw new Error('three instances');
    const draft = await createTestDraft(a.url);
    const onA = await connect(a.url, draft.id, draft.links.chair);
    const onB = await connect(b.url, draft.id, draft.links.secretariat);
    const [clauseId = ''] = clauseOrder(onA.doc);
    const words: string[] = [];
    const typing = async (mark: string) => {
      words.push(
        ...(
          await Promise.all([typeWords(onA, clauseId, `a${mark}`, 10), typeWords(onB, clauseId, `b${mark}`, 10)])
        ).flat(),
      );
    };
    await typing('before');
    await converged([onA, onB], clauseId, words, 15_000);

    await cluster.redis.kill();
    // Typing while Redis dies and while it is away: PostgreSQL carries it (the quiet-spell read).
    await typing('away');
    await converged([onA, onB], clauseId, words, 20_000);

    await cluster.redis.resume();
    await typing('back');
    await converged([onA, onB], clauseId, words, 20_000);
    const fresh = await connect(c.url, draft.id, draft.links.observer);
    expect(textOf(fresh, clauseId)).toBe(textOf(onA, clauseId));
    for (const word of words) expect(textOf(fresh, clauseId)).toContain(word);
    for (const client of [onA, onB]) expect(client.closeCodes).toEqual([]);
  }, 120_000);

  it('announces no commit while it serves a draft alone, and a newcomer still gets every word at once', async () => {
    // Nobody reads the log for a minute: what reaches B in time came by announcement.
    const [a, b] = await startInstances(2, 60_000);
    if (a === undefined || b === undefined) throw new Error('two instances');
    const listener = new Redis(cluster.redis.url, { maxRetriesPerRequest: 1 });
    try {
      for (let trial = 0; trial < 8; trial++) {
        const draft = await createTestDraft(a.url);
        const channel = `mufakat:draft:${draft.id}:updates`;
        let announcements = 0;
        listener.on('message', (heardOn: string) => {
          if (heardOn === channel) announcements += 1;
        });
        await listener.subscribe(channel);
        const onA = await connect(a.url, draft.id, draft.links.chair);
        const clauseId = clause0(onA);
        const alone = await typeWords(onA, clauseId, `alone${trial}-`, 10);
        await waitFor(async () => {
          const stored = await cluster.storedDoc(draft.id);
          return readClauseText(clauseRoot(stored, clauseId)).includes(alone.at(-1) ?? '');
        }, 'A to store what was typed');
        // A raw listener is no instance with the room loaded: nobody to tell.
        expect(announcements).toBe(0);
        // B loads the room while A types. The last words typed before A heard of B, after B
        // read the log, reach B by A's head, announced when A hears B: nothing comes after them.
        let joined = false;
        const joining: string[] = [];
        const typing = typeUntil(
          onA,
          clauseId,
          `joining${trial}-`,
          () => joined,
          () => 1,
        );
        const onB = await connect(b.url, draft.id, draft.links.secretariat);
        joined = true;
        await typing;
        joining.push(...(textOf(onA, clauseId).match(new RegExp(`joining${trial}-\\d+`, 'g')) ?? []));
        await waitFor(
          () => joining.every((word) => textOf(onB, clauseId).includes(word)),
          'B to get the words typed as it joined',
          5_000,
        );
        await sleep(100);
        const after = await typeWords(onA, clauseId, `after${trial}-`, 5);
        await converged([onA, onB], clauseId, [...alone, ...joining, ...after], 5_000);
        expect(announcements).toBeGreaterThan(0);
        await listener.unsubscribe(channel);
        listener.removeAllListeners('message');
      }
    } finally {
      listener.disconnect();
    }
  }, 120_000);

  it('after Redis comes back, reads what it missed even when the log was compacted meanwhile', async () => {
    // No quiet-spell reads: only the reconnect makes B read the log.
    const [a, b] = await startInstances(2, 60_000, { MUFAKAT_COMPACT_AFTER_UPDATES: '5' });
    if (a === undefined || b === undefined) throw new Error('two instances');
    const draft = await createTestDraft(a.url);
    const onA = await connect(a.url, draft.id, draft.links.chair);
    const onB = await connect(b.url, draft.id, draft.links.secretariat);
    const [clauseId = ''] = clauseOrder(onA.doc);
    // B's room reads the log once its subscription holds. A word of A's reaching B (by that read,
    // or over Redis after it: one queue) shows the read is over before Redis dies.
    typeIntoClause(onA.doc, clauseId, ' before');
    await waitFor(() => textOf(onB, clauseId).includes('before'), 'B to hear A over Redis');
    await cluster.redis.kill();
    const words = await typeWords(onA, clauseId, 'x', 30);
    const database = new pg.Client({ connectionString: cluster.databaseUrl });
    await database.connect();
    try {
      // A compacts its log (it holds every number); B, deaf, still holds none of them.
      await waitFor(async () => {
        const { rows } = await database.query('SELECT upto_seq FROM doc_snapshots WHERE draft_id = $1', [draft.id]);
        return Number(rows[0]?.upto_seq ?? 0) > 20;
      }, 'A to compact the log past what B holds');
    } finally {
      await database.end();
    }
    // B is deaf: the last words, numbered past the snapshot's start, are nowhere in B. (On a
    // loaded machine a read of B's still under way as Redis died may have brought it the first.)
    expect(words.slice(-10).some((word) => textOf(onB, clauseId).includes(word))).toBe(false);
    await cluster.redis.resume();
    await converged([onA, onB], clauseId, words, 20_000);
    // Caught up in place: B's room was not dropped and reloaded, its client never reconnected.
    expect(onB.closeCodes).toEqual([]);
  }, 90_000);

  it('pushes a freeze decided on one instance to the events of another, whose room then refuses edits to the clause', async () => {
    const [a, b] = await startInstances(2, 60_000);
    if (a === undefined || b === undefined) throw new Error('two instances');
    const draft = await createTestDraft(a.url);
    const chairOnA = await sessionCookieFor(a.url, draft.links.chair);
    const mysOnB = await sessionCookieFor(b.url, draft.links.delegations.MYS ?? '');
    // B has the room loaded (a client typing there) and an events channel open.
    const writerOnB = cluster.track(connectClient(b.url, draft.id, mysOnB));
    await writerOnB.synced;
    const eventsOnB = await openEventStream(`${b.url}/api/drafts/${draft.id}/events`, mysOnB);
    try {
      const [clause] = (await fetchState(a.url, draft.id, chairOnA)).clauses;
      if (clause === undefined) throw new Error('a clause');
      const position = { type: 'position', clauseId: clause.id, stance: 'endorsed', textHash: clause.textHash };
      expect((await sendCommand(b.url, draft.id, mysOnB, position)).status).toBe(200);
      const freeze = { type: 'freeze', clauseId: clause.id, textHash: clause.textHash };
      expect((await sendCommand(a.url, draft.id, chairOnA, freeze)).status).toBe(200);
      // B's own decision, then A's, each once and in order.
      const received = [await eventsOnB.next(15_000), await eventsOnB.next(15_000)];
      expect(received.map((event) => event.id)).toEqual(['1', '2']);
      expect(JSON.parse(received[1]?.data ?? '{}')).toMatchObject({
        command: 'freeze',
        change: { type: 'freeze', clauseId: clause.id },
      });
    } finally {
      eventsOnB.close();
    }
    typeIntoClause(writerOnB.doc, clause0(writerOnB), ' after the freeze');
    await waitFor(() => writerOnB.closeCodes.includes(4403), 'B to refuse the edit to the frozen clause');
    const watcher = await connect(a.url, draft.id, draft.links.observer);
    expect(textOf(watcher, clause0(watcher))).not.toContain('after the freeze');
  }, 90_000);

  it('pushes comments made on one instance to the comment channels of another, private notes only to their delegation', async () => {
    const [a, b] = await startInstances(2, 60_000);
    if (a === undefined || b === undefined) throw new Error('two instances');
    const draft = await createTestDraft(a.url);
    const mysOnA = await sessionCookieFor(a.url, draft.links.delegations.MYS ?? '');
    const [clause] = (await fetchState(a.url, draft.id, mysOnA)).clauses;
    if (clause === undefined) throw new Error('a clause');
    const streams = await Promise.all(
      [draft.links.delegations.MYS, draft.links.delegations.PHL].map(async (link) => {
        const cookie = await sessionCookieFor(b.url, link ?? '');
        const stream = await openEventStream(`${b.url}/api/drafts/${draft.id}/comments/events`, cookie);
        expect((await stream.next()).event).toBe('comments');
        return stream;
      }),
    );
    try {
      const post = async (text: string, visibility: string) => {
        const response = await fetch(`${a.url}/api/drafts/${draft.id}/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: mysOnA },
          body: JSON.stringify({ type: 'start-thread', clauseId: clause.id, text, visibility }),
        });
        expect(response.status).toBe(200);
      };
      await post('MYS only: hold firm', 'delegation');
      await post('For everyone @PHL', 'everyone');
      const [mys, phl] = streams;
      const threadTexts = async (stream: typeof mys, count: number) => {
        const texts: string[] = [];
        while (texts.length < count) {
          const event = CommentEvent.parse(JSON.parse((await stream?.next(15_000))?.data ?? '{}'));
          if (event.type === 'thread') texts.push(event.thread.comments[0]?.text ?? '');
        }
        return texts;
      };
      // Once each and in order on B; the note never reaches PHL, whose first thread is the public one.
      expect(await threadTexts(mys, 2)).toEqual(['MYS only: hold firm', 'For everyone @PHL']);
      expect(await threadTexts(phl, 1)).toEqual(['For everyone @PHL']);
    } finally {
      for (const stream of streams) stream.close();
    }
  }, 90_000);

  it('shows a presence on every instance, and removes it within seconds once its instance dies', async () => {
    const [a, b] = await startInstances(2, 60_000);
    if (a === undefined || b === undefined) throw new Error('two instances');
    const draft = await createTestDraft(a.url);
    const onA = await connect(a.url, draft.id, draft.links.chair);
    const onB = await connect(b.url, draft.id, draft.links.delegations.PHL ?? '');
    onA.provider.awareness.setLocalStateField('cursor', { clause: clause0(onA) });
    const seenOnB = () => onB.provider.awareness.getStates().get(onA.doc.clientID);
    await waitFor(() => seenOnB() !== undefined, 'B’s client to see the chair’s presence');
    // Named by A's server from the session, as on one instance.
    expect(seenOnB()).toMatchObject({ cursor: { clause: clause0(onA) }, role: 'chair' });
    a.process.kill('SIGKILL');
    await a.exited;
    // Well before the 30 s after which a client drops a presence nobody renews.
    await waitFor(() => seenOnB() === undefined, 'the dead instance’s presence to go', 12_000);
  }, 90_000);
});
