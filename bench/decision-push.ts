import { ADMM_PLUS_2025_DEMO } from '../server/demo/admm-plus-2025.ts';
import { sendCommand } from '../server/testing/commands.ts';
import { openEventStream } from '../server/testing/event-stream.ts';
import { createTestDraft, sessionCookieFor } from '../server/testing/test-server.ts';
import { startMufakat } from './server-process.ts';

export interface DecisionPushResult {
  commands: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * The time from a delegation sending a command to its event reaching another participant's
 * events channel, over `commands` commands on the 19-delegation demo draft (endorse and
 * withdraw in turn, by every delegation in turn).
 */
export async function runDecisionPush(commands: number): Promise<DecisionPushResult> {
  const server = await startMufakat();
  try {
    const draft = await createTestDraft(server.url, ADMM_PLUS_2025_DEMO);
    const observer = await sessionCookieFor(server.url, draft.links.observer);
    const delegations = await Promise.all(
      Object.values(draft.links.delegations).map((link) => sessionCookieFor(server.url, link)),
    );
    const stateResponse = await fetch(`${server.url}/api/drafts/${draft.id}/state`, { headers: { cookie: observer } });
    const state = (await stateResponse.json()) as { clauses: Array<{ id: string; textHash: string }> };
    const clause = state.clauses[1];
    if (clause === undefined) throw new Error('the demo draft has no second clause');
    const events = await openEventStream(`${server.url}/api/drafts/${draft.id}/events`, observer);

    const latencies: number[] = [];
    for (let i = 0; i < commands; i++) {
      const cookie = delegations[i % delegations.length] ?? '';
      const stance = Math.floor(i / delegations.length) % 2 === 0 ? 'endorsed' : 'withdrawn';
      const started = performance.now();
      const sent = sendCommand(server.url, draft.id, cookie, {
        type: 'position',
        clauseId: clause.id,
        stance,
        textHash: clause.textHash,
      });
      await events.next();
      latencies.push(performance.now() - started);
      const { status } = await sent;
      if (status !== 200) throw new Error(`command ${i} answered ${status}`);
    }
    events.close();
    latencies.sort((a, b) => a - b);
    const at = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN;
    return { commands, p50Ms: at(50), p99Ms: at(99), maxMs: latencies.at(-1) ?? Number.NaN };
  } finally {
    await server.stop();
  }
}
