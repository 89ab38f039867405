import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command, PositionStance } from '../schemas/commands.ts';
import type { Actor, PositionRecord, ReservationKind } from '../schemas/decisions.ts';
import { unconfirmedAdReferendum } from './ad-referendum.ts';
import { hashClauseText } from './clause-hash.ts';
import {
  canAdopt,
  canAgreeAdReferendum,
  canFreeze,
  canReopen,
  canTakeStance,
  type DecisionFacts,
  decide,
} from './decide.ts';
import { auditEntryOf, decisionEventOf } from './decision-audit.ts';
import { applyDecisionEvent, type DraftDecisionRecords, decisionFactsOf } from './decision-records.ts';

const DELEGATIONS = ['MYS', 'PHL', 'USA'] as const;
const CLAUSES = ['c1', 'c2', 'c3'] as const;
const NOW = '2025-11-01T09:00:00.000Z';
const DRAFT: DecisionFacts['draft'] = {
  id: 'draft-0001',
  title: 'Joint Statement',
  kind: 'joint-statement',
  delegations: DELEGATIONS,
  consensus: { rule: 'unanimous' },
  createdAt: '2025-10-01T00:00:00.000Z',
};

const actors: Record<string, Actor> = {
  chair: { session: 'chair-session', role: 'chair', delegation: null },
  secretariat: { session: 'secretariat-s', role: 'secretariat', delegation: null },
  observer: { session: 'observer-sess', role: 'observer', delegation: null },
  ...Object.fromEntries(DELEGATIONS.map((d) => [d, { session: `${d}-session`, role: 'delegation', delegation: d }])),
};

const EMPTY: DraftDecisionRecords = { seq: 0, adoption: null, clauses: new Map() };

/** The room: each clause's text, and the decisions the server holds. */
interface Room {
  texts: Map<string, string>;
  records: DraftDecisionRecords;
}

function factsOf(room: Room, consensus: DecisionFacts['draft']['consensus'] = DRAFT.consensus): DecisionFacts {
  const clauses = CLAUSES.map((id) => {
    const text = room.texts.get(id) ?? '';
    return { id, kind: 'operative' as const, text, textHash: hashClauseText(text), proposedBy: null };
  });
  return decisionFactsOf({ ...DRAFT, consensus }, clauses, room.records, NOW);
}

/** What the server does with an accepted command: store its audit entry, push its event. */
function accept(room: Room, facts: DecisionFacts, actor: Actor, command: Command): boolean {
  const decision = decide(facts, actor, command);
  if (!decision.ok) return false;
  const entry = { ...auditEntryOf(decision.effect, actor, facts.now), seq: room.records.seq + 1 };
  const next = applyDecisionEvent(room.records, decisionEventOf(entry));
  if (next === 'gap') throw new Error('an event of the server itself was out of order');
  room.records = next;
  return true;
}

type Step =
  | { kind: 'edit'; clause: number; text: string }
  | {
      kind: 'position';
      actor: string;
      clause: number;
      stance: PositionStance;
      stale: boolean;
      /** With an endorsement: plain, or ad referendum with no date, a date to come or a past one. */
      adRef: 'plain' | 'undated' | 'dated' | 'past';
      reservationKind: ReservationKind;
    }
  | { kind: 'freeze'; actor: string; clause: number; stale: boolean }
  | { kind: 'reopen'; actor: string; clause: number }
  | { kind: 'adopt'; actor: string };

const anyActor = fc.constantFrom(...Object.keys(actors));
const anyClause = fc.integer({ min: 0, max: CLAUSES.length - 1 });
const anyStep: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), clause: anyClause, text: fc.constantFrom('', 'alpha', 'beta;') }),
  {
    arbitrary: fc.record({
      kind: fc.constant('position' as const),
      actor: anyActor,
      clause: anyClause,
      stance: fc.constantFrom('endorsed' as const, 'reserved' as const, 'withdrawn' as const),
      stale: fc.boolean(),
      adRef: fc.constantFrom('plain' as const, 'plain' as const, 'undated' as const, 'dated' as const, 'past' as const),
      reservationKind: fc.constantFrom(
        'substantive' as const,
        'scrutiny' as const,
        'linguistic' as const,
        'general' as const,
      ),
    }),
    weight: 5,
  },
  fc.record({ kind: fc.constant('freeze' as const), actor: anyActor, clause: anyClause, stale: fc.boolean() }),
  fc.record({ kind: fc.constant('reopen' as const), actor: anyActor, clause: anyClause }),
  fc.record({ kind: fc.constant('adopt' as const), actor: anyActor }),
);

function commandOf(step: Exclude<Step, { kind: 'edit' }>, facts: DecisionFacts): Command {
  if (step.kind === 'adopt') return { type: 'adopt', place: 'Kuala Lumpur, Malaysia', date: '2025-11-01' };
  const clause = facts.clauses[step.clause];
  const clauseId = clause?.id ?? '';
  const textHash = 'stale' in step && step.stale ? hashClauseText('an earlier text') : (clause?.textHash ?? '');
  switch (step.kind) {
    case 'position':
      if (step.stance === 'reserved') {
        const reason = step.reservationKind === 'scrutiny' ? {} : { reason: 'awaiting instructions' };
        return {
          type: 'position',
          clauseId,
          stance: 'reserved',
          reservationKind: step.reservationKind,
          textHash,
          ...reason,
        };
      }
      if (step.stance === 'endorsed' && step.adRef !== 'plain') {
        const expectedBy = { undated: undefined, dated: '2025-11-30', past: '2025-10-20' }[step.adRef];
        return { type: 'position', clauseId, stance: 'endorsed', textHash, adReferendum: { expectedBy } };
      }
      return { type: 'position', clauseId, stance: step.stance, textHash };
    case 'freeze':
      return { type: 'freeze', clauseId, textHash };
    case 'reopen':
      return { type: 'reopen', clauseId, reason: 'PHL asked to revisit the wording' };
  }
}

/** The client's predicate for the control that sends this command. */
function predicate(step: Exclude<Step, { kind: 'edit' }>, facts: DecisionFacts, actor: Actor): boolean {
  const clauseId = 'clause' in step ? (facts.clauses[step.clause]?.id ?? '') : '';
  switch (step.kind) {
    case 'position':
      if (step.stance === 'endorsed' && step.adRef !== 'plain') {
        // A date already past is refused whatever the control offers: the dialog does not let it be picked.
        return step.adRef !== 'past' && canAgreeAdReferendum(facts, actor, clauseId);
      }
      return canTakeStance(facts, actor, clauseId, step.stance);
    case 'freeze':
      return canFreeze(facts, actor, clauseId);
    case 'reopen':
      return canReopen(facts, actor, clauseId);
    case 'adopt':
      return canAdopt(facts, actor);
  }
}

const startingRoom = (): Room => ({ texts: new Map(CLAUSES.map((id) => [id, `text of ${id};`])), records: EMPTY });

describe('decide', () => {
  it('answers every role and command as the rules say', () => {
    const room = startingRoom();
    const facts = factsOf(room);
    const clause = facts.clauses[0];
    if (clause === undefined) throw new Error('no clause');
    const commands: Command[] = [
      { type: 'position', clauseId: clause.id, stance: 'endorsed', textHash: clause.textHash },
      { type: 'freeze', clauseId: clause.id, textHash: clause.textHash },
      { type: 'reopen', clauseId: clause.id, reason: 'a reason' },
      { type: 'adopt', place: 'Manila', date: '2025-11-01' },
    ];
    const codes = Object.fromEntries(
      Object.entries(actors).map(([name, actor]) => [
        name,
        commands.map((command) => {
          const decision = decide(facts, actor, command);
          return decision.ok ? 'ok' : decision.error.code;
        }),
      ]),
    );
    expect(codes).toEqual({
      chair: ['forbidden', 'ok', 'not_frozen', 'adoption_blocked'],
      secretariat: ['forbidden', 'forbidden', 'forbidden', 'forbidden'],
      observer: ['forbidden', 'forbidden', 'forbidden', 'forbidden'],
      MYS: ['ok', 'forbidden', 'forbidden', 'forbidden'],
      PHL: ['ok', 'forbidden', 'forbidden', 'forbidden'],
      USA: ['ok', 'forbidden', 'forbidden', 'forbidden'],
    });
  });

  it('refuses a position on words the delegation has not seen, and says what they are now', () => {
    const facts = factsOf(startingRoom());
    const decision = decide(facts, actors.MYS as Actor, {
      type: 'position',
      clauseId: 'c1',
      stance: 'endorsed',
      textHash: hashClauseText('something else'),
    });
    expect(decision).toMatchObject({
      ok: false,
      error: {
        code: 'text_changed',
        details: { currentText: 'text of c1;', currentTextHash: hashClauseText('text of c1;') },
      },
    });
  });

  it('refuses to freeze an empty clause', () => {
    const room = startingRoom();
    room.texts.set('c2', '');
    const facts = factsOf(room);
    const decision = decide(facts, actors.chair as Actor, {
      type: 'freeze',
      clauseId: 'c2',
      textHash: hashClauseText(''),
    });
    expect(decision.ok ? 'ok' : decision.error.code).toBe('empty_clause');
    expect(canFreeze(facts, actors.chair as Actor, 'c2')).toBe(false);
  });

  it('adopts with every position and footnote in the record, and then refuses everything', () => {
    const room = startingRoom();
    const unanimous = factsOf(room);
    for (const clause of unanimous.clauses) {
      for (const d of DELEGATIONS) {
        const stance = d === 'USA' && clause.id === 'c2' ? 'reserved' : 'endorsed';
        const command: Command =
          stance === 'reserved'
            ? {
                type: 'position',
                clauseId: clause.id,
                stance,
                reason: 'cannot accept "binding"',
                textHash: clause.textHash,
              }
            : { type: 'position', clauseId: clause.id, stance, textHash: clause.textHash };
        expect(accept(room, factsOf(room), actors[d] as Actor, command)).toBe(true);
      }
      expect(
        accept(room, factsOf(room), actors.chair as Actor, {
          type: 'freeze',
          clauseId: clause.id,
          textHash: clause.textHash,
        }),
      ).toBe(true);
    }
    const minusOne = factsOf(room, { rule: 'minus-x', x: 1 });
    expect(canAdopt(factsOf(room), actors.chair as Actor)).toBe(false);
    expect(canAdopt(minusOne, actors.chair as Actor)).toBe(true);
    const decision = decide(minusOne, actors.chair as Actor, {
      type: 'adopt',
      place: 'Kuala Lumpur',
      date: '2025-11-01',
    });
    if (!decision.ok || decision.effect.type !== 'adopt') throw new Error('adoption refused');
    const { record } = decision.effect;
    expect(record.footnotes).toEqual(['USA reserves its position on paragraph 2: cannot accept "binding"']);
    expect(record.clauses.map((c) => c.positions.length)).toEqual([3, 3, 3]);
    expect(record.clauses.every((c) => c.positions.every((p) => p.textHash === c.textHash))).toBe(true);
    expect(record.textHash).toBe(hashClauseText('Joint Statement\n\ntext of c1;\n\ntext of c2;\n\ntext of c3;'));
    const after = { ...minusOne, adoption: { at: NOW, textHash: record.textHash } };
    const reopen = decide(after, actors.chair as Actor, { type: 'reopen', clauseId: 'c1', reason: 'too late' });
    expect(reopen.ok ? 'ok' : reopen.error.code).toBe('adopted');
  });

  it('never lets the client’s predicate and the server’s answer disagree, over any sequence of commands', () => {
    fc.assert(
      fc.property(fc.array(anyStep, { maxLength: 40 }), (steps) => {
        const room = startingRoom();
        /** What each delegation last said on each clause, kept apart from the records under test. */
        const said = new Map<string, PositionRecord | null>();
        for (const step of steps) {
          const facts = factsOf(room);
          if (step.kind === 'edit') {
            // The guard refuses edits of frozen clauses and of an adopted draft.
            const clauseId = CLAUSES[step.clause] ?? '';
            const frozen = facts.clauses.find((c) => c.id === clauseId)?.frozen ?? null;
            if (frozen === null && facts.adoption === null) room.texts.set(clauseId, step.text);
            continue;
          }
          const actor = actors[step.actor] as Actor;
          const command = commandOf(step, facts);
          const accepted = accept(room, facts, actor, command);
          const allowed = predicate(step, facts, actor);
          if ('stale' in step && step.stale) {
            // A command on words nobody holds any more is never accepted, whatever the control says.
            expect(accepted).toBe(false);
          } else {
            expect(accepted).toBe(allowed);
          }
          if (accepted && command.type === 'position') {
            const position = room.records.clauses
              .get(command.clauseId)
              ?.positions.find((p) => p.delegation === actor.delegation);
            said.set(
              `${command.clauseId}/${actor.delegation}`,
              command.stance === 'withdrawn' ? null : (position ?? null),
            );
          }
        }
        // The records rebuilt from the events hold exactly the last word of each delegation.
        for (const [key, position] of said) {
          const [clauseId = '', delegation] = key.split('/');
          const held = room.records.clauses.get(clauseId)?.positions.filter((p) => p.delegation === delegation) ?? [];
          expect(held).toEqual(position === null ? [] : [position]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on a frozen clause accepts only an endorsement of its text, a lifted reservation or a withdrawn ad referendum, and nothing after adoption', () => {
    fc.assert(
      fc.property(fc.array(anyStep, { maxLength: 40 }), (steps) => {
        const room = startingRoom();
        for (const step of steps) {
          if (step.kind === 'edit') continue;
          const facts = factsOf(room);
          const command = commandOf(step, facts);
          const wasAdopted = facts.adoption !== null;
          const clause = 'clauseId' in command ? facts.clauses.find((c) => c.id === command.clauseId) : undefined;
          const actor = actors[step.actor] as Actor;
          const accepted = accept(room, facts, actor, command);
          if (wasAdopted) expect(accepted).toBe(false);
          if (accepted && command.type === 'position' && clause?.frozen != null) {
            const own = clause.positions.find((p) => p.delegation === actor.delegation);
            const ownAdRef = own?.stance === 'endorsed' && own.adReferendum !== undefined;
            const liftsOwn = command.stance === 'withdrawn' && (own?.stance === 'reserved' || ownAdRef);
            expect(command.stance === 'endorsed' || liftsOwn).toBe(true);
            expect(command.textHash).toBe(clause.frozen.textHash);
            // A plain endorsement of the frozen text never becomes a conditional one.
            const ownPlain =
              own?.stance === 'endorsed' && own.adReferendum === undefined && own.textHash === clause.textHash;
            if (ownPlain && command.stance === 'endorsed') expect(command.adReferendum).toBeUndefined();
          }
          if (accepted && command.type === 'adopt') {
            expect(facts.clauses.every((c) => c.frozen !== null)).toBe(true);
            // Nothing agreed ad referendum is adopted before its capital confirmed it.
            expect(facts.clauses.flatMap((c) => unconfirmedAdReferendum(c))).toEqual([]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
