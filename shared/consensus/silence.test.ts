import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../schemas/commands.ts';
import type { Actor } from '../schemas/decisions.ts';
import { MIN_SILENCE_MS, type SilenceRecord } from '../schemas/silence.ts';
import { hashClauseText } from './clause-hash.ts';
import { type Decision, type DecisionFacts, decide } from './decide.ts';
import { auditEntryOf, decisionEventOf } from './decision-audit.ts';
import { applyDecisionEvent, type DraftDecisionRecords, decisionFactsOf } from './decision-records.ts';
import { concludeSilence, runningSilence, SILENCE_PROCEDURE_ACTOR, silenceLock } from './silence.ts';

const DELEGATIONS = ['MYS', 'PHL', 'USA'] as const;
const CLAUSES = ['c001', 'c002', 'c003'] as const;
const START = Date.parse('2025-11-01T09:00:00.000Z');
const DRAFT: DecisionFacts['draft'] = {
  id: 'draft-0001',
  title: 'Joint Statement',
  kind: 'joint-statement',
  delegations: DELEGATIONS,
  consensus: { rule: 'unanimous' },
  createdAt: '2025-10-01T00:00:00.000Z',
};
const CHAIR: Actor = { session: 'chair-session', role: 'chair', delegation: null };
const delegation = (d: string): Actor => ({ session: `${d}-session`, role: 'delegation', delegation: d });

/** A room as the server holds it: texts, decisions and its clock. */
interface Room {
  texts: Map<string, string>;
  records: DraftDecisionRecords;
  now: number;
}

function newRoom(): Room {
  return {
    texts: new Map(CLAUSES.map((id, i) => [id, `Clause ${i + 1} text.`])),
    records: { seq: 0, adoption: null, clauses: new Map() },
    now: START,
  };
}

function factsOf(room: Room): DecisionFacts {
  const clauses = CLAUSES.map((id) => {
    const text = room.texts.get(id) ?? '';
    return { id, kind: 'operative' as const, text, textHash: hashClauseText(text), proposedBy: null };
  });
  return decisionFactsOf(DRAFT, clauses, room.records, new Date(room.now).toISOString());
}

/** What the server does with an accepted decision: its audit entry stored, its event applied. */
function accept(room: Room, actor: Actor, decision: Decision): boolean {
  if (!decision.ok) return false;
  const entry = {
    ...auditEntryOf(decision.effect, actor, new Date(room.now).toISOString()),
    seq: room.records.seq + 1,
  };
  const next = applyDecisionEvent(room.records, decisionEventOf(entry));
  if (next === 'gap') throw new Error('out of order');
  room.records = next;
  return true;
}

function hashes(room: Room, ids: readonly string[] = CLAUSES): Record<string, string> {
  return Object.fromEntries(ids.map((id) => [id, hashClauseText(room.texts.get(id) ?? '')]));
}

function circulate(room: Room, clauseIds: string[] | null, inMs = 10 * 60_000): Command {
  return {
    type: 'circulate-silence',
    clauseIds,
    deadline: new Date(room.now + inMs).toISOString(),
    textHashes: hashes(room, clauseIds ?? CLAUSES),
    ...(clauseIds === null ? { place: 'Kuala Lumpur' } : {}),
  };
}

function current(room: Room): SilenceRecord {
  const silence = runningSilence(factsOf(room));
  if (silence === null) throw new Error('no silence runs');
  return silence;
}

describe('circulating a text under silence', () => {
  it('lets only the chair circulate, with a deadline at least 5 minutes and at most 30 days away', () => {
    const room = newRoom();
    expect(decide(factsOf(room), delegation('MYS'), circulate(room, null)).ok).toBe(false);
    const tooSoon = decide(factsOf(room), CHAIR, circulate(room, null, MIN_SILENCE_MS - 1));
    expect(tooSoon.ok === false && tooSoon.error.code).toBe('invalid_date');
    expect(decide(factsOf(room), CHAIR, circulate(room, null, 31 * 24 * 3600_000)).ok).toBe(false);
    expect(decide(factsOf(room), CHAIR, circulate(room, null, MIN_SILENCE_MS)).ok).toBe(true);
  });

  it('fixes the text the chair saw, and refuses a circulation of words that changed since', () => {
    const room = newRoom();
    const stale = circulate(room, ['c002']);
    room.texts.set('c002', 'Other words.');
    const refused = decide(factsOf(room), CHAIR, stale);
    expect(refused.ok === false && refused.error.code).toBe('text_changed');
    expect(accept(room, CHAIR, decide(factsOf(room), CHAIR, circulate(room, ['c002'])))).toBe(true);
    expect(current(room).clauses).toEqual([
      { id: 'c002', label: 'paragraph 2', textHash: hashClauseText('Other words.') },
    ]);
  });

  it('runs one silence at a time and locks the circulated clauses against positions, freezes and moves', () => {
    const room = newRoom();
    accept(room, CHAIR, decide(factsOf(room), CHAIR, circulate(room, ['c002'])));
    expect(decide(factsOf(room), CHAIR, circulate(room, ['c001'])).ok).toBe(false);
    const hash = hashes(room).c002 ?? '';
    const position: Command = { type: 'position', clauseId: 'c002', stance: 'endorsed', textHash: hash };
    const refused = decide(factsOf(room), delegation('MYS'), position);
    expect(refused.ok === false && refused.error.code).toBe('silence');
    expect(decide(factsOf(room), CHAIR, { type: 'freeze', clauseId: 'c002', textHash: hash }).ok).toBe(false);
    expect(decide(factsOf(room), CHAIR, { type: 'move-clause', clauseId: 'c002', after: null }).ok).toBe(false);
    // The clauses not circulated go on as before.
    const other = { ...position, clauseId: 'c001', textHash: hashes(room).c001 ?? '' };
    expect(decide(factsOf(room), delegation('MYS'), other).ok).toBe(true);
    expect(decide(factsOf(room), CHAIR, { type: 'adopt', place: 'KL', date: '2025-11-01' }).ok).toBe(false);
  });

  it('under silence of the whole draft, refuses any clause added', () => {
    const room = newRoom();
    accept(room, CHAIR, decide(factsOf(room), CHAIR, circulate(room, null)));
    const add: Command = { type: 'add-clause', clauseId: 'c009', kind: 'operative', after: null };
    expect(silenceLock(factsOf(room), add)?.code).toBe('silence');
  });
});

describe('breaking, withdrawing and concluding', () => {
  it('lets a delegation break silence on circulated paragraphs, before the deadline only', () => {
    const room = newRoom();
    accept(room, CHAIR, decide(factsOf(room), CHAIR, circulate(room, ['c002', 'c003'])));
    const { id } = current(room);
    const breaking = (clauseIds: string[]): Command => ({
      type: 'break-silence',
      silenceId: id,
      clauseIds,
      reason: 'No.',
    });
    expect(decide(factsOf(room), delegation('MYS'), breaking(['c001'])).ok).toBe(false);
    expect(decide(factsOf(room), CHAIR, breaking(['c002'])).ok).toBe(false);
    room.now += 10 * 60_000;
    const late = decide(factsOf(room), delegation('MYS'), breaking(['c002']));
    expect(late.ok === false && late.error.code).toBe('silence_ended');
    room.now -= 1;
    expect(accept(room, delegation('MYS'), decide(factsOf(room), delegation('MYS'), breaking(['c003'])))).toBe(true);
    const silence = factsOf(room).silences?.[0];
    expect(silence?.state).toBe('broken');
    expect(silence?.broken).toEqual({ delegation: 'MYS', clauseIds: ['c003'], labels: ['paragraph 3'], reason: 'No.' });
    // Unlocked at once.
    const position: Command = {
      type: 'position',
      clauseId: 'c003',
      stance: 'endorsed',
      textHash: hashes(room).c003 ?? '',
    };
    expect(decide(factsOf(room), delegation('PHL'), position).ok).toBe(true);
  });

  it('concludes a whole draft at its deadline as an adoption under silence, once', () => {
    const room = newRoom();
    accept(room, CHAIR, decide(factsOf(room), CHAIR, circulate(room, null)));
    const { id, circulatedAt, deadline } = current(room);
    expect(concludeSilence(factsOf(room), id).ok).toBe(false);
    room.now += 10 * 60_000;
    const concluded = concludeSilence(factsOf(room), id);
    if (!concluded.ok || concluded.effect.type !== 'conclude-silence') throw new Error('not concluded');
    expect(concluded.effect.adoption?.underSilence).toEqual({ silenceId: id, circulatedAt, deadline });
    expect(concluded.effect.adoption?.clauses.map((c) => c.text)).toEqual([...room.texts.values()]);
    expect(accept(room, SILENCE_PROCEDURE_ACTOR, concluded)).toBe(true);
    expect(room.records.adoption).not.toBeNull();
    expect(concludeSilence(factsOf(room), id).ok).toBe(false);
  });

  it('concludes named clauses by freezing them, agreed under silence, and the draft goes on', () => {
    const room = newRoom();
    accept(room, CHAIR, decide(factsOf(room), CHAIR, circulate(room, ['c001'])));
    room.now += 10 * 60_000;
    expect(accept(room, SILENCE_PROCEDURE_ACTOR, concludeSilence(factsOf(room), current(room).id))).toBe(true);
    expect(room.records.adoption).toBeNull();
    expect(room.records.clauses.get('c001')?.frozen?.by).toBe('silence-procedure');
    expect(runningSilence(factsOf(room))).toBeNull();
  });

  it("closes the draft with a Chairman's Statement that records no delegation's agreement", () => {
    const room = newRoom();
    const statement: Command = { type: 'issue-chair-statement', place: 'Kuala Lumpur', date: '2025-11-01' };
    expect(decide(factsOf(room), delegation('MYS'), statement).ok).toBe(false);
    const issued = decide(factsOf(room), CHAIR, statement);
    if (!issued.ok || issued.effect.type !== 'issue-chair-statement') throw new Error('not issued');
    expect(Object.keys(issued.effect.record.clauses[0] ?? {})).not.toContain('positions');
    expect(accept(room, CHAIR, issued)).toBe(true);
    const position: Command = {
      type: 'position',
      clauseId: 'c001',
      stance: 'endorsed',
      textHash: hashes(room).c001 ?? '',
    };
    expect(decide(factsOf(room), delegation('MYS'), position).ok).toBe(false);
    expect(decide(factsOf(room), CHAIR, { type: 'adopt', place: 'KL', date: '2025-11-01' }).ok).toBe(false);
    expect(decide(factsOf(room), CHAIR, statement).ok).toBe(false);
  });
});

type Step =
  | { kind: 'circulate'; subset: number; inMinutes: number }
  | { kind: 'break'; who: number; clause: number }
  | { kind: 'withdraw' }
  | { kind: 'advance'; minutes: number }
  | { kind: 'conclude' }
  | { kind: 'edit'; clause: number; text: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('circulate' as const),
    subset: fc.integer({ min: 0, max: 7 }),
    inMinutes: fc.integer({ min: 1, max: 60 }),
  }),
  fc.record({
    kind: fc.constant('break' as const),
    who: fc.integer({ min: 0, max: 3 }),
    clause: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({ kind: fc.constant('withdraw' as const) }),
  fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant('conclude' as const) }),
  fc.record({
    kind: fc.constant('edit' as const),
    clause: fc.integer({ min: 0, max: 2 }),
    text: fc.constantFrom('A.', 'B.', ''),
  }),
);

describe('no sequence of commands', () => {
  it('breaks a silence after its deadline, concludes one twice, or ends one that ended', () => {
    // Across the runs, silences must actually be broken and concluded: else the property says nothing.
    const seen = { broken: 0, concluded: 0 };
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const room = newRoom();
        const conclusions = new Map<string, number>();
        const ended = new Map<string, string>();
        for (const s of steps) {
          const facts = factsOf(room);
          const running = runningSilence(facts);
          switch (s.kind) {
            case 'circulate': {
              const ids = CLAUSES.filter((_, i) => (s.subset & (1 << i)) !== 0);
              accept(
                room,
                CHAIR,
                decide(facts, CHAIR, circulate(room, ids.length === 0 ? null : ids, s.inMinutes * 60_000)),
              );
              break;
            }
            case 'break': {
              if (running === null) break;
              const actor = s.who === 3 ? CHAIR : delegation(DELEGATIONS[s.who] ?? 'MYS');
              const command: Command = {
                type: 'break-silence',
                silenceId: running.id,
                clauseIds: [CLAUSES[s.clause] ?? 'c001'],
                reason: 'We object.',
              };
              if (accept(room, actor, decide(facts, actor, command))) {
                expect(room.now).toBeLessThan(Date.parse(running.deadline));
                seen.broken += 1;
              }
              break;
            }
            case 'withdraw':
              if (running !== null) {
                accept(room, CHAIR, decide(facts, CHAIR, { type: 'withdraw-silence', silenceId: running.id }));
              }
              break;
            case 'advance':
              room.now += s.minutes * 60_000;
              break;
            case 'conclude':
              // The clock may try any silence, any number of times.
              for (const silence of facts.silences ?? []) {
                if (accept(room, SILENCE_PROCEDURE_ACTOR, concludeSilence(facts, silence.id))) {
                  conclusions.set(silence.id, (conclusions.get(silence.id) ?? 0) + 1);
                  seen.concluded += 1;
                  expect(room.now).toBeGreaterThanOrEqual(Date.parse(silence.deadline));
                }
              }
              break;
            case 'edit': {
              const id = CLAUSES[s.clause] ?? 'c001';
              // The room's guard refuses edits to circulated (and frozen) text; see decision-guard tests.
              const locked = running?.clauses.some((c) => c.id === id) || room.records.clauses.get(id)?.frozen;
              if (!locked && room.records.adoption === null) room.texts.set(id, s.text);
              break;
            }
          }
          const silences = factsOf(room).silences ?? [];
          expect(silences.filter((x) => x.state === 'running').length).toBeLessThanOrEqual(1);
          for (const silence of silences) {
            const before = ended.get(silence.id);
            if (before !== undefined) expect(silence.state).toBe(before);
            else if (silence.state !== 'running') ended.set(silence.id, silence.state);
          }
        }
        for (const count of conclusions.values()) expect(count).toBe(1);
      }),
      // Few runs conclude a silence (they must circulate, pass the deadline, then try): 300 runs
      // concluded 2–5 times in five tries, so now and then none at all and the check above
      // failed (a CI run did). 1,000 runs conclude about 11 times.
      { numRuns: 1000 },
    );
    expect(seen.broken).toBeGreaterThan(0);
    expect(seen.concluded).toBeGreaterThan(0);
  });
});
