import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClauseTextCache, documentClauses } from '../../shared/clause-text-cache.ts';
import { canAdopt, canAgreeAdReferendum, canFreeze, canReopen, canTakeStance } from '../../shared/consensus/decide.ts';
import {
  applyDecisionEvent,
  type DraftDecisionRecords,
  decisionFactsOf,
  recordsOfState,
} from '../../shared/consensus/decision-records.ts';
import { clauseOrder } from '../../shared/doc-layout.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import { DraftSummary } from '../../shared/schemas/draft.ts';
import { DecisionEvent } from '../../shared/schemas/events.ts';
import { connectClient, typeIntoClause, waitFor } from '../testing/collab-client.ts';
import { fetchState, sendCommand } from '../testing/commands.ts';
import { openEventStream } from '../testing/event-stream.ts';
import { createTestDraft, sessionCookieFor, startTestServer, type TestServer } from '../testing/test-server.ts';

/** Adoption is dated the day it happens: never before the draft was created. */
const TODAY = new Date().toISOString().slice(0, 10);

const PARTICIPANTS = ['chair', 'MYS', 'PHL', 'secretariat', 'observer'] as const;
type Participant = (typeof PARTICIPANTS)[number];

type Step =
  | { kind: 'edit'; clause: number }
  | {
      kind: 'position';
      who: Participant;
      clause: number;
      // `ad-ref`: an endorsement agreed ad referendum; `scrutiny`: a reservation of that kind, with no reason.
      stance: 'endorsed' | 'ad-ref' | 'reserved' | 'scrutiny' | 'withdrawn';
    }
  | { kind: 'freeze' | 'reopen'; who: Participant; clause: number }
  | { kind: 'adopt'; who: Participant };

const anyWho = fc.constantFrom(...PARTICIPANTS);
const anyClause = fc.integer({ min: 0, max: 2 });
const anyStep: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), clause: anyClause }),
  {
    arbitrary: fc.record({
      kind: fc.constant('position' as const),
      who: anyWho,
      clause: anyClause,
      stance: fc.constantFrom(
        'endorsed' as const,
        'ad-ref' as const,
        'reserved' as const,
        'scrutiny' as const,
        'withdrawn' as const,
      ),
    }),
    weight: 5,
  },
  fc.record({ kind: fc.constantFrom('freeze' as const, 'reopen' as const), who: anyWho, clause: anyClause }),
  fc.record({ kind: fc.constant('adopt' as const), who: anyWho }),
);

let server: TestServer;

/** Records in one order (clauses by id, positions by delegation): the order carries no meaning. */
function canonical(records: DraftDecisionRecords) {
  return {
    ...records,
    clauses: [...records.clauses]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, clause]) => ({
        id,
        frozen: clause.frozen,
        positions: [...clause.positions].sort((a, b) => a.delegation.localeCompare(b.delegation)),
      })),
  };
}

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

/**
 * A participant's screen as the room builds it: the text from its synced doc, the decisions from
 * the state it loaded and the events pushed since. Its predicates must answer as the server does.
 */
async function openScreen(cookie: string, draftId: string) {
  const client = connectClient(server.url, draftId, cookie);
  await client.synced;
  const texts = new ClauseTextCache(client.doc);
  const summaryResponse = await fetch(`${server.url}/api/drafts/${draftId}`, { headers: { cookie } });
  const summary = DraftSummary.parse(await summaryResponse.json());
  let records: DraftDecisionRecords = recordsOfState(await fetchState(server.url, draftId, cookie));
  const events = await openEventStream(`${server.url}/api/drafts/${draftId}/events?after=${records.seq}`, cookie);
  let open = true;
  const pump = (async () => {
    while (open) {
      const received = await events.next(60_000).catch(() => null);
      if (received === null) return;
      const next = applyDecisionEvent(records, DecisionEvent.parse(JSON.parse(received.data)));
      if (next === 'gap') throw new Error('an event was missed');
      records = next;
    }
  })();
  return {
    client,
    get records() {
      return records;
    },
    facts: () => decisionFactsOf(summary, documentClauses(texts), records, new Date().toISOString()),
    close: async () => {
      open = false;
      events.close();
      await pump;
      texts.destroy();
      client.destroy();
    },
  };
}

describe('the client’s predicates and the server’s answers', () => {
  it('never disagree, over random sequences of commands and edits on a real server', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyStep, { minLength: 5, maxLength: 14 }), async (steps) => {
        const draft = await createTestDraft(server.url);
        const cookies = {
          chair: await sessionCookieFor(server.url, draft.links.chair),
          MYS: await sessionCookieFor(server.url, draft.links.delegations.MYS ?? ''),
          PHL: await sessionCookieFor(server.url, draft.links.delegations.PHL ?? ''),
          secretariat: await sessionCookieFor(server.url, draft.links.secretariat),
          observer: await sessionCookieFor(server.url, draft.links.observer),
        };
        const screen = await openScreen(cookies.secretariat, draft.id);
        const actors: Record<Participant, Actor> = {
          chair: { session: '', role: 'chair', delegation: null },
          MYS: { session: '', role: 'delegation', delegation: 'MYS' },
          PHL: { session: '', role: 'delegation', delegation: 'PHL' },
          secretariat: { session: '', role: 'secretariat', delegation: null },
          observer: { session: '', role: 'observer', delegation: null },
        };
        try {
          for (const [i, step] of steps.entries()) {
            const facts = screen.facts();
            const clause = facts.clauses['clause' in step ? step.clause : 0];
            if (clause === undefined) throw new Error('the draft has no such clause');
            if (step.kind === 'edit') {
              // As the room does: a frozen clause or an adopted draft cannot be typed into.
              if (clause.frozen !== null || facts.adoption !== null) continue;
              typeIntoClause(screen.client.doc, clause.id, ` edit ${i}`);
              const expected = screen.facts().clauses[step.clause]?.textHash;
              await waitFor(async () => {
                const state = await fetchState(server.url, draft.id, cookies.observer);
                return state.clauses.find((c) => c.id === clause.id)?.textHash === expected;
              }, 'the server to hold the edit');
              continue;
            }
            const actor = actors[step.who];
            let predicted: boolean;
            let command: unknown;
            switch (step.kind) {
              case 'position':
                // Per stance: a frozen clause still takes an endorsement, and the lifting of one's own
                // reservation, but no new reservation.
                predicted =
                  step.stance === 'ad-ref'
                    ? canAgreeAdReferendum(facts, actor, clause.id)
                    : canTakeStance(facts, actor, clause.id, step.stance === 'scrutiny' ? 'reserved' : step.stance);
                command = {
                  type: 'position',
                  clauseId: clause.id,
                  textHash: clause.textHash,
                  ...{
                    endorsed: { stance: 'endorsed' },
                    'ad-ref': { stance: 'endorsed', adReferendum: { expectedBy: TODAY } },
                    reserved: { stance: 'reserved', reason: 'awaiting instructions' },
                    scrutiny: { stance: 'reserved', reservationKind: 'scrutiny' },
                    withdrawn: { stance: 'withdrawn' },
                  }[step.stance],
                };
                break;
              case 'freeze':
                predicted = canFreeze(facts, actor, clause.id);
                command = { type: 'freeze', clauseId: clause.id, textHash: clause.textHash };
                break;
              case 'reopen':
                predicted = canReopen(facts, actor, clause.id);
                command = { type: 'reopen', clauseId: clause.id, reason: 'PHL asked to revisit it' };
                break;
              case 'adopt':
                predicted = canAdopt(facts, actor);
                command = { type: 'adopt', place: 'Kuala Lumpur, Malaysia', date: TODAY };
                break;
            }
            const answer = await sendCommand(server.url, draft.id, cookies[step.who], command);
            expect({ step: i, accepted: answer.status === 200 }).toEqual({ step: i, accepted: predicted });
            if (answer.status === 200) {
              const { seq } = answer.body as { seq: number };
              await waitFor(() => screen.records.seq >= seq, 'the event to reach the screen');
            }
          }
          // What the events built is exactly what the server now says.
          const fresh = recordsOfState(await fetchState(server.url, draft.id, cookies.observer));
          expect(canonical(screen.records)).toEqual(canonical(fresh));
          expect(clauseOrder(screen.client.doc)).toHaveLength(3);
        } finally {
          await screen.close();
        }
      }),
      { numRuns: 8 },
    );
  }, 120_000);
});
