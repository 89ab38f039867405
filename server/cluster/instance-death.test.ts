import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readClauseText } from '../../shared/clause-text.ts';
import { clauseOrder, clauseTextRoot } from '../../shared/doc-layout.ts';
import { ClusterInstances, converged, textOf, typeWords } from '../testing/cluster-instances.ts';
import { type CollabClient, connectClient, waitFor } from '../testing/collab-client.ts';
import { createTestDraft, sessionCookieFor } from '../testing/test-server.ts';

/**
 * An instance killed with SIGKILL while its clients type (issue 16): they move to another
 * instance, as a load balancer sends them there, with the documents they hold, and nothing any
 * client typed or saw is lost, in the clients or in PostgreSQL.
 */
const cluster = new ClusterInstances();

beforeAll(() => cluster.start(), 120_000);
afterAll(() => cluster.stop());
afterEach(() => cluster.cleanUp());

async function storedText(draftId: string, clauseId: string): Promise<string> {
  return readClauseText(clauseTextRoot(await cluster.storedDoc(draftId), clauseId));
}

describe('an instance that dies under load', () => {
  it('loses no update any client saw when it is killed mid-typing and its clients reconnect to another', async () => {
    const [a, b] = await cluster.startInstances(2, 300);
    if (a === undefined || b === undefined) throw new Error('two instances');
    const draft = await createTestDraft(a.url);
    const { delegations } = draft.links;
    // Sessions are in PostgreSQL: the cookie a client got from A opens B too.
    const movingLinks = [delegations.MYS, delegations.PHL, draft.links.chair];
    const moving = await Promise.all(
      movingLinks.map(async (link) => {
        const cookie = await sessionCookieFor(a.url, link ?? '');
        const client = cluster.track(connectClient(a.url, draft.id, cookie));
        await client.synced;
        return { client, cookie };
      }),
    );
    const staying = await Promise.all(
      [delegations.MYS, draft.links.secretariat].map((link) => cluster.connect(b.url, draft.id, link ?? '')),
    );
    const clauseId = clauseOrder(staying[0]?.doc ?? new Y.Doc())[0] ?? '';
    // What B's clients saw of the moving clients' words before A died: it must all survive.
    const seenOnB = new Set<string>();
    const watch = setInterval(() => {
      for (const client of staying) for (const word of textOf(client, clauseId).split(' ')) seenOnB.add(word);
    }, 20);

    // A's clients type on while A dies, while they have no server (into their documents) and
    // while their new socket opens: what they type then builds on what their step 2 brings.
    const typeThrough = (client: CollabClient, mark: string) => typeWords(client, clauseId, mark, 60);
    const typing = [
      ...moving.map(({ client }, i) => typeThrough(client, `m${i}-`)),
      ...staying.map((client, i) => typeWords(client, clauseId, `s${i}-`, 60)),
    ];
    await new Promise((resolve) => setTimeout(resolve, 200));
    a.process.kill('SIGKILL');
    await a.exited;
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The load balancer sends A's clients to B; each brings its document, unsent edits and all.
    const moved: CollabClient[] = [];
    for (const { client, cookie } of moving) {
      client.provider.disconnect();
      const again = cluster.track(connectClient(b.url, draft.id, cookie, { doc: client.doc }));
      moved.push(again);
    }
    const words = (await Promise.all(typing)).flat();
    clearInterval(watch);
    const everyone = [...moved, ...staying];
    await converged(everyone, clauseId, words, 30_000);
    const seenBeforeDeath = [...seenOnB].filter((word) => word.startsWith('m'));
    expect(seenBeforeDeath.length).toBeGreaterThan(0);

    const late = await cluster.connect(b.url, draft.id, draft.links.observer);
    for (const word of words) expect(textOf(late, clauseId)).toContain(word);
    const stored = await storedText(draft.id, clauseId);
    for (const word of words) expect(stored).toContain(word);
    expect(stored).toBe(textOf(late, clauseId));
    // B's room was never dropped on the way: its own clients stayed connected.
    for (const client of staying) expect(client.closeCodes).toEqual([]);
  }, 120_000);

  it('takes a moved client whose id the other instance had not heard of yet, without dropping the room', async () => {
    // B never reads the log by itself: with Redis gone it hears nothing of what A stores.
    const [a, b] = await cluster.startInstances(2, 60_000);
    if (a === undefined || b === undefined) throw new Error('two instances');
    const draft = await createTestDraft(a.url);
    const cookie = await sessionCookieFor(a.url, draft.links.delegations.MYS ?? '');
    const mover = cluster.track(connectClient(a.url, draft.id, cookie));
    await mover.synced;
    const stayer = await cluster.connect(b.url, draft.id, draft.links.delegations.PHL ?? '');
    const clauseId = clauseOrder(stayer.doc)[0] ?? '';
    await cluster.redis.kill();
    // Stored by A, client id and all; B knows neither the words nor the id.
    const onA = await typeWords(mover, clauseId, 'a', 10);
    await waitFor(async () => {
      const stored = await storedText(draft.id, clauseId);
      return onA.every((word) => stored.includes(word));
    }, 'A to store the words');
    a.process.kill('SIGKILL');
    await a.exited;
    mover.provider.disconnect();
    const offline = await typeWords(mover, clauseId, 'o', 5);
    const moved = cluster.track(connectClient(b.url, draft.id, cookie, { doc: mover.doc }));
    await moved.synced;
    const words = [...onA, ...offline];
    await converged([moved, stayer], clauseId, words, 20_000);
    const stored = await storedText(draft.id, clauseId);
    for (const word of words) expect(stored).toContain(word);
    // B judged the batch again with the bindings A stored: the same session went on, and B's
    // room was not dropped (its other client was never disconnected).
    expect(moved.closeCodes).toEqual([]);
    expect(stayer.closeCodes).toEqual([]);
  }, 90_000);
});
