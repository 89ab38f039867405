import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hashClauseRoot } from '../../shared/consensus/clause-hash.ts';
import { clauseOrder, clauseTextRoot } from '../../shared/doc-layout.ts';
import { ClusterInstances, sleep, typeUntil } from '../testing/cluster-instances.ts';
import { connectClient } from '../testing/collab-client.ts';
import { errorCode, fetchState, sendCommand } from '../testing/commands.ts';
import { createTestDraft, sessionCookieFor } from '../testing/test-server.ts';

/**
 * The freeze guarantee across instances (issue 16): the chair freezes a clause on instance A
 * while three writers hammer edits into it on instance B, and the words stored in PostgreSQL
 * must be exactly the words frozen, trial after trial. Before the guarantee, B went on storing
 * edits to the frozen clause until Redis brought it the freeze, and nearly every trial failed.
 */
const TRIALS = 16;

const cluster = new ClusterInstances();

beforeAll(() => cluster.start(), 120_000);
afterAll(() => cluster.stop());
afterEach(() => cluster.cleanUp());

/** Exponential gaps, about 8 ms on average: now and then a pause long enough for the chair to freeze on stable words. */
const hammerGapMs = () => -8 * Math.log(1 - Math.random());

describe('a freeze on one instance while another takes edits to the clause', () => {
  it(`never lets an edit after the freeze be stored, in ${TRIALS} trials`, async () => {
    const [a, b] = await cluster.startInstances(2, 60_000);
    if (a === undefined || b === undefined) throw new Error('two instances');
    let refusedWriters = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const draft = await createTestDraft(a.url);
      const chair = await sessionCookieFor(a.url, draft.links.chair);
      const links = [draft.links.delegations.MYS, draft.links.delegations.PHL, draft.links.delegations.MYS];
      const writers = await Promise.all(
        links.map(async (link) => {
          const client = cluster.track(connectClient(b.url, draft.id, await sessionCookieFor(b.url, link ?? '')));
          await client.synced;
          return client;
        }),
      );
      const clauseId = clauseOrder(writers[0]?.doc ?? new Y.Doc())[1] ?? '';
      let stop = false;
      const typing = writers.map((writer, w) =>
        typeUntil(writer, clauseId, `w${w}t${trial}-`, () => stop, hammerGapMs),
      );
      await sleep(100 + Math.random() * 200);
      // The chair freezes the words as A sees them; while they move under it, it tries again.
      let frozen = false;
      for (let attempt = 0; attempt < 300 && !frozen; attempt++) {
        const clause = (await fetchState(a.url, draft.id, chair)).clauses.find((c) => c.id === clauseId);
        const answer = await sendCommand(a.url, draft.id, chair, {
          type: 'freeze',
          clauseId,
          textHash: clause?.textHash,
        });
        frozen = answer.status === 200;
        if (!frozen && errorCode(answer.body) !== 'text_changed' && errorCode(answer.body) !== 'busy') {
          throw new Error(`the freeze answered ${answer.status} ${JSON.stringify(answer.body)}`);
        }
      }
      expect(frozen).toBe(true);
      // The writers go on for a while after the freeze: whatever B takes now must be refused.
      await sleep(150);
      stop = true;
      await Promise.all(typing);
      refusedWriters += writers.filter((writer) => writer.closeCodes.includes(4403)).length;
      for (const writer of writers) writer.destroy();
      // A client joining B now is answered only after B has handled and stored what came before.
      await cluster.connect(b.url, draft.id, draft.links.observer);
      const stored = hashClauseRoot(clauseTextRoot(await cluster.storedDoc(draft.id), clauseId));
      const frozenOn = (await fetchState(a.url, draft.id, chair)).clauses.find((c) => c.id === clauseId)?.frozen;
      expect(stored, `trial ${trial}: the stored words are the frozen words`).toBe(frozenOn?.textHash);
    }
    // The race was run, not avoided: B refused writers that typed after the freeze.
    expect(refusedWriters).toBeGreaterThan(0);
  }, 240_000);
});
