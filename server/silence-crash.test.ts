import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DecisionEvent } from '../shared/schemas/events.ts';
import { type ChildServer, startChildServer } from './testing/child-server.ts';
import { fetchState, sendCommand } from './testing/commands.ts';
import { openEventStream } from './testing/event-stream.ts';
import { createTestDraft, sessionCookieFor } from './testing/test-server.ts';

let dataDir: string;
let child: ChildServer | null;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'mufakat-silence-crash-'));
  child = null;
});

afterEach(async () => {
  await kill();
  rmSync(dataDir, { recursive: true, force: true });
});

async function kill(): Promise<void> {
  if (child !== null && child.process.exitCode === null && child.process.signalCode === null) {
    child.process.kill('SIGKILL');
    await child.exited;
  }
  child = null;
}

/** A server whose clock runs `aheadMs` ahead of the real one (the test clock). */
async function start(aheadMs: number): Promise<ChildServer> {
  child = await startChildServer(dataDir, { MUFAKAT_TEST_CLOCK_OFFSET_MS: String(aheadMs) });
  return child;
}

async function conclusions(url: string, draftId: string, cookie: string): Promise<number> {
  const response = await fetch(`${url}/api/drafts/${draftId}/audit`, { headers: { cookie } });
  const { entries } = (await response.json()) as { entries: Array<{ command: string }> };
  return entries.filter((e) => e.command === 'conclude-silence').length;
}

describe('a silence across a crash', () => {
  it('is concluded at once, and exactly once, by the servers that start after its deadline', async () => {
    const first = await start(0);
    const draft = await createTestDraft(first.url);
    const chair = await sessionCookieFor(first.url, draft.links.chair);
    const state = await fetchState(first.url, draft.id, chair);
    const textHashes = Object.fromEntries(state.clauses.map((c) => [c.id, c.textHash]));
    const circulated = await sendCommand(first.url, draft.id, chair, {
      type: 'circulate-silence',
      clauseIds: null,
      deadline: new Date(Date.now() + 6 * 60_000).toISOString(),
      textHashes,
      place: 'Kuala Lumpur',
    });
    expect(circulated.status).toBe(200);
    const { seq } = circulated.body as { seq: number };
    // Killed before the deadline: nothing concluded it.
    await kill();

    // Back up after the deadline (its clock 10 minutes on): concluded while starting.
    const second = await start(10 * 60_000);
    expect(await conclusions(second.url, draft.id, chair)).toBe(1);
    const events = await openEventStream(`${second.url}/api/drafts/${draft.id}/events?after=${seq}`, chair);
    const event = DecisionEvent.parse(JSON.parse((await events.next()).data));
    expect(event.change.type).toBe('silence-concluded');
    expect(event.seq).toBe(seq + 1);
    await events.close();
    // Killed again at once, then a third start: nothing concludes twice.
    await kill();
    const third = await start(20 * 60_000);
    expect(await conclusions(third.url, draft.id, chair)).toBe(1);
    const after = await fetchState(third.url, draft.id, chair);
    expect(after.adoption).not.toBeNull();
    expect(after.seq).toBe(seq + 1);
  });
});
