import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clauseOrder } from '../../shared/doc-layout.ts';
import { ClusterInstances, firstClauseOf, sleep, typeUntil } from '../testing/cluster-instances.ts';
import { connectClient, waitFor } from '../testing/collab-client.ts';
import { sendCommand } from '../testing/commands.ts';
import { createTestDraft, sessionCookieFor } from '../testing/test-server.ts';

/**
 * The chair changes the clause list on instance A while delegates type on instance B. A command
 * is judged on the words stored; while B stored words between A's reading and A's recording,
 * the store refused the decision, and under steady typing it did so five times running: the
 * chair got 503 `busy` for most commands, and a refused change to the clause list dropped A's
 * room (everyone on A cut off with 1011). The draft is now held while a command is judged.
 */
const CLAUSES_ADDED = 12;

const cluster = new ClusterInstances();

beforeAll(() => cluster.start(), 120_000);
afterAll(() => cluster.stop());
afterEach(() => cluster.cleanUp());

describe('changes to the clause list on one instance while another takes edits', () => {
  it('answers every command at once and cuts nobody off, on either instance', async () => {
    const [a, b] = await cluster.startInstances(2, 60_000);
    if (a === undefined || b === undefined) throw new Error('two instances');
    const draft = await createTestDraft(a.url);
    const chair = await sessionCookieFor(a.url, draft.links.chair);
    const watcher = cluster.track(connectClient(a.url, draft.id, await sessionCookieFor(a.url, draft.links.observer)));
    await watcher.synced;
    const writers = await Promise.all(
      [draft.links.delegations.MYS, draft.links.delegations.PHL].map(async (link) => {
        const client = cluster.track(connectClient(b.url, draft.id, await sessionCookieFor(b.url, link ?? '')));
        await client.synced;
        return client;
      }),
    );
    const firstClause = firstClauseOf(watcher);
    let stop = false;
    // A keystroke every 2–6 ms from each: B stores words between any two reads on A.
    const typing = writers.map((writer, w) =>
      typeUntil(
        writer,
        firstClause,
        `w${w}-`,
        () => stop,
        () => 2 + Math.random() * 4,
      ),
    );
    const added: string[] = [];
    try {
      for (let n = 0; n < CLAUSES_ADDED; n++) {
        const clauseId = `added-${String(n).padStart(3, '0')}`;
        const after = added.at(-1) ?? firstClause;
        const answer = await sendCommand(a.url, draft.id, chair, {
          type: 'add-clause',
          clauseId,
          kind: 'operative',
          after,
        });
        // Answered at once: never 503 `busy`, however fast B stores words.
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        added.push(clauseId);
        await sleep(Math.random() * 10);
      }
    } finally {
      stop = true;
      await Promise.all(typing);
    }
    const expected = [firstClause, ...added];
    await waitFor(
      () => expected.every((id, i) => clauseOrder(watcher.doc)[i] === id),
      'the watcher on A to see every added clause in order',
    );
    // Nobody on either instance was cut off.
    expect(watcher.closeCodes).toEqual([]);
    for (const writer of writers) expect(writer.closeCodes).toEqual([]);
    const stored = clauseOrder(await cluster.storedDoc(draft.id));
    expect(stored.slice(0, expected.length)).toEqual(expected);
  }, 120_000);
});
