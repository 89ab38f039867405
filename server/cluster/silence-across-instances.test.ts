import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DecisionEvent } from '../../shared/schemas/events.ts';
import type { ChildServer } from '../testing/child-server.ts';
import { ClusterInstances } from '../testing/cluster-instances.ts';
import { waitFor } from '../testing/collab-client.ts';
import { fetchState, sendCommand } from '../testing/commands.ts';
import { openEventStream } from '../testing/event-stream.ts';
import { createTestDraft, sessionCookieFor } from '../testing/test-server.ts';

/**
 * A silence's deadline across instances (issue 16): it concludes once whichever instances reach
 * it, and it concludes on an instance that did not circulate it when the one that did has died.
 */
const cluster = new ClusterInstances();

beforeAll(() => cluster.start(), 120_000);
afterAll(() => cluster.stop());
afterEach(() => cluster.cleanUp());

async function conclusions(url: string, draftId: string, cookie: string): Promise<number> {
  const response = await fetch(`${url}/api/drafts/${draftId}/audit`, { headers: { cookie } });
  const { entries } = (await response.json()) as { entries: Array<{ command: string }> };
  return entries.filter((e) => e.command === 'conclude-silence').length;
}

async function advanceClock(instance: ChildServer, ms: number): Promise<void> {
  const response = await fetch(`${instance.url}/api/test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  });
  expect(response.status).toBe(200);
}

/** The chair on `instance` circulates the whole draft under silence, six minutes from now. */
async function circulate(instance: ChildServer, draftId: string, chair: string): Promise<void> {
  const state = await fetchState(instance.url, draftId, chair);
  const answer = await sendCommand(instance.url, draftId, chair, {
    type: 'circulate-silence',
    clauseIds: null,
    deadline: new Date(Date.now() + 6 * 60_000).toISOString(),
    textHashes: Object.fromEntries(state.clauses.map((c) => [c.id, c.textHash])),
    place: 'Kuala Lumpur',
  });
  expect(answer.status).toBe(200);
}

/**
 * Two instances sharing a draft whose room B has loaded (so B follows its decisions), and the
 * chair on A circulating it under silence; answers once B's events channel has the circulation.
 */
async function circulatedOnA() {
  const [a, b] = await cluster.startInstances(2, 60_000, { MUFAKAT_TEST_CLOCK_OFFSET_MS: '0' });
  if (a === undefined || b === undefined) throw new Error('two instances');
  const draft = await createTestDraft(a.url);
  const chair = await sessionCookieFor(a.url, draft.links.chair);
  await cluster.connect(b.url, draft.id, draft.links.observer);
  const events = await openEventStream(`${b.url}/api/drafts/${draft.id}/events`, chair);
  try {
    await circulate(a, draft.id, chair);
    expect(DecisionEvent.parse(JSON.parse((await events.next(15_000)).data)).change.type).toBe('silence-circulated');
  } finally {
    events.close();
  }
  return { a, b, draft, chair };
}

describe('a silence procedure on several instances', () => {
  it('concludes once when the deadline passes on two instances at the same moment', async () => {
    const { a, b, draft, chair } = await circulatedOnA();
    // Each answers once its own clock has tried every silence due.
    await Promise.all([advanceClock(a, 10 * 60_000), advanceClock(b, 10 * 60_000)]);
    await waitFor(async () => (await conclusions(a.url, draft.id, chair)) > 0, 'the silence to conclude');
    expect(await conclusions(b.url, draft.id, chair)).toBe(1);
    expect((await fetchState(b.url, draft.id, chair)).adoption).not.toBeNull();
  }, 90_000);

  it('concludes on another instance when the one that circulated it has died', async () => {
    const { a, b, draft, chair } = await circulatedOnA();
    a.process.kill('SIGKILL');
    await a.exited;
    // Only B's clock passes the deadline; B never saw the command, only its relay.
    await advanceClock(b, 10 * 60_000);
    await waitFor(async () => (await conclusions(b.url, draft.id, chair)) === 1, 'B to conclude the silence');
    expect((await fetchState(b.url, draft.id, chair)).adoption).not.toBeNull();
  }, 90_000);
});
