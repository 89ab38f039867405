import * as Y from 'yjs';
import { ADMM_PLUS_DELEGATIONS } from '../server/demo/admm-plus-2025.ts';
import { connectClient, typeIntoClause } from '../server/testing/collab-client.ts';
import { sendCommand } from '../server/testing/commands.ts';
import { openEventStream } from '../server/testing/event-stream.ts';
import { createTestDraft, sessionCookieFor } from '../server/testing/test-server.ts';
import { clauseOrder } from '../shared/doc-layout.ts';
import type { CreateDraftRequest } from '../shared/schemas/draft.ts';
import { joinAsRemoteParticipant } from './remote-participant.ts';
import { startMufakat } from './server-process.ts';

/**
 * How the delegations' browsers follow decisions: `apply` as this client does (apply each pushed
 * event), `refetch` as the client before issue 9 did (load `/state` again after every event, one
 * load in flight and one after it).
 */
export type FollowMode = 'apply' | 'refetch';

export interface DecisionLoadResult {
  label: string;
  commands: number;
  commandP50Ms: number;
  commandP99Ms: number;
  edits: number;
  editP50Ms: number;
  editP99Ms: number;
  stateLoads: number;
  cpuSeconds: number;
}

const DELEGATIONS: readonly string[] = ADMM_PLUS_DELEGATIONS;
const TYPISTS = 5;
const EDITS_PER_SECOND = 5;

const DRAFT: CreateDraftRequest = {
  title: 'Decision load benchmark',
  kind: 'joint-statement',
  delegations: [...DELEGATIONS],
  clauses: Array.from({ length: DELEGATIONS.length + TYPISTS }, (_, i) => ({
    kind: 'operative' as const,
    text: `OPERATIVE clause ${i + 1}, on which delegations take positions while others type;`,
  })),
};

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * Nineteen delegations each take a position on a different clause at the same moment, once a
 * second, while five others type into their own clauses. Every delegation is in the room (its
 * socket receives every edit) and follows the events channel as its browser would (`mode`). Two
 * observers measure edit propagation (edit made to edit seen by both) and command to event (a
 * command sent to its event reaching another participant's channel).
 */
export async function runDecisionLoad(
  label: string,
  mode: FollowMode,
  rounds: number,
  root?: string,
): Promise<DecisionLoadResult> {
  const server = await startMufakat({}, undefined, [], root);
  const closers: Array<() => void> = [];
  try {
    const draft = await createTestDraft(server.url, DRAFT);
    const observerCookie = await sessionCookieFor(server.url, draft.links.observer);
    const secretariat = await sessionCookieFor(server.url, draft.links.secretariat);
    const delegationCookies = await Promise.all(
      DELEGATIONS.map((code) => sessionCookieFor(server.url, draft.links.delegations[code] ?? '')),
    );

    const observers = [
      connectClient(server.url, draft.id, observerCookie),
      connectClient(server.url, draft.id, observerCookie),
    ];
    await Promise.all(observers.map((o) => o.synced));
    closers.push(...observers.map((o) => () => o.destroy()));
    const clauseIds = clauseOrder(observers[0]?.doc ?? new Y.Doc());
    const stateResponse = await fetch(`${server.url}/api/drafts/${draft.id}/state`, {
      headers: { cookie: observerCookie },
    });
    const hashes = new Map(
      ((await stateResponse.json()) as { clauses: Array<{ id: string; textHash: string }> }).clauses.map((c) => [
        c.id,
        c.textHash,
      ]),
    );

    // Each delegation's browser: in the room, and following the decisions.
    let stateLoads = 0;
    for (const [i, cookie] of delegationCookies.entries()) {
      const participant = await joinAsRemoteParticipant(server.url, draft.id, cookie, DELEGATIONS[i] ?? '', i);
      closers.push(() => participant.close());
      const events = await openEventStream(`${server.url}/api/drafts/${draft.id}/events`, cookie);
      closers.push(() => events.close());
      void followEvents(events, mode, async () => {
        stateLoads += 1;
        await (await fetch(`${server.url}/api/drafts/${draft.id}/state`, { headers: { cookie } })).json();
      });
    }

    // What another participant's channel receives, and when.
    const watcher = await openEventStream(`${server.url}/api/drafts/${draft.id}/events`, observerCookie);
    closers.push(() => watcher.close());
    const sentAt = new Map<string, number>();
    const commandLatencies: number[] = [];
    void (async () => {
      for (;;) {
        const event = await watcher.next(600_000).catch(() => null);
        if (event === null) return;
        const { actor } = JSON.parse(event.data) as { actor: { delegation: string | null } };
        const started = sentAt.get(actor.delegation ?? '');
        if (started === undefined) continue;
        sentAt.delete(actor.delegation ?? '');
        commandLatencies.push(performance.now() - started);
      }
    })();

    // The typists, and the time each of their edits reaches both observers.
    const typists = await Promise.all(
      Array.from({ length: TYPISTS }, async () => {
        const client = connectClient(server.url, draft.id, secretariat);
        await client.synced;
        closers.push(() => client.destroy());
        return client;
      }),
    );
    // Per typist, its edits in order: the clock an observer must reach to hold it, and when it was made.
    const edits = typists.map(() => [] as Array<{ clock: number; madeAt: number; seen: number }>);
    const editLatencies: number[] = [];
    for (const observer of observers) {
      const held = typists.map(() => 0);
      observer.doc.on('update', () => {
        typists.forEach((typist, t) => {
          const state = Y.getState(observer.doc.store, typist.doc.clientID);
          const mine = edits[t] ?? [];
          for (let edit = mine[held[t] ?? 0]; edit !== undefined && edit.clock <= state; edit = mine[held[t] ?? 0]) {
            held[t] = (held[t] ?? 0) + 1;
            edit.seen += 1;
            if (edit.seen === observers.length) editLatencies.push(performance.now() - edit.madeAt);
          }
        });
      });
    }
    const typing = setInterval(() => {
      typists.forEach((typist, t) => {
        typeIntoClause(typist.doc, clauseIds[DELEGATIONS.length + t] ?? '', 'x', 'end');
        const clock = Y.getState(typist.doc.store, typist.doc.clientID);
        edits[t]?.push({ clock, madeAt: performance.now(), seen: 0 });
      });
    }, 1000 / EDITS_PER_SECOND);

    const cpuBefore = server.cpuSeconds();
    for (let round = 0; round < rounds; round++) {
      const stance = round % 2 === 0 ? 'endorsed' : 'withdrawn';
      const sends = delegationCookies.map((cookie, d) => {
        const clauseId = clauseIds[d] ?? '';
        sentAt.set(DELEGATIONS[d] ?? '', performance.now());
        return sendCommand(server.url, draft.id, cookie, {
          type: 'position',
          clauseId,
          stance,
          textHash: hashes.get(clauseId),
        });
      });
      const answers = await Promise.all(sends);
      const refused = answers.find((a) => a.status !== 200);
      if (refused !== undefined) throw new Error(`a command was refused: ${JSON.stringify(refused.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    clearInterval(typing);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return {
      label,
      commands: commandLatencies.length,
      commandP50Ms: percentile(commandLatencies, 50),
      commandP99Ms: percentile(commandLatencies, 99),
      edits: editLatencies.length,
      editP50Ms: percentile(editLatencies, 50),
      editP99Ms: percentile(editLatencies, 99),
      stateLoads,
      cpuSeconds: server.cpuSeconds() - cpuBefore,
    };
  } finally {
    for (const close of closers) close();
    await server.stop();
  }
}

/** Follows a delegation's events channel as its browser does. */
async function followEvents(
  events: Awaited<ReturnType<typeof openEventStream>>,
  mode: FollowMode,
  loadState: () => Promise<void>,
): Promise<void> {
  let loading: 'idle' | 'loading' | 'again' = 'idle';
  const refresh = () => {
    if (loading !== 'idle') {
      loading = 'again';
      return;
    }
    loading = 'loading';
    void loadState()
      .catch(() => undefined)
      .finally(() => {
        const again = loading === 'again';
        loading = 'idle';
        if (again) refresh();
      });
  };
  for (;;) {
    const event = await events.next(600_000).catch(() => null);
    if (event === null) return;
    // `apply` has nothing to fetch: the event itself is applied (it costs the client, not the server).
    if (mode === 'refetch') refresh();
  }
}

export function printDecisionLoad(results: DecisionLoadResult[]): void {
  console.log(
    `\nDecisions under load: ${DELEGATIONS.length} delegations each taking a position on its own clause at once, every second, while ${TYPISTS} others type ${EDITS_PER_SECOND} edits/s each`,
  );
  console.log(
    `${''.padEnd(52)}${'command→event p50'.padStart(18)}${'p99'.padStart(9)}${'edit p50'.padStart(10)}${'p99'.padStart(9)}${'/state loads'.padStart(14)}${'server CPU s'.padStart(14)}`,
  );
  for (const r of results) {
    console.log(
      `${r.label.padEnd(52)}${r.commandP50Ms.toFixed(1).padStart(18)}${r.commandP99Ms.toFixed(1).padStart(9)}${r.editP50Ms.toFixed(1).padStart(10)}${r.editP99Ms.toFixed(1).padStart(9)}${String(r.stateLoads).padStart(14)}${r.cpuSeconds.toFixed(2).padStart(14)}`,
    );
  }
}
