import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readClauseText } from '../clause-text.ts';
import { clauseTextRoot } from '../doc-layout.ts';
import type { Command } from '../schemas/commands.ts';
import type { Actor } from '../schemas/decisions.ts';
import { writeClauseLayout } from '../testing/lexical-layout.ts';
import { adoptionReadiness, describeBlocker } from './adoption-readiness.ts';
import { anchorAtOffset, encodeAnchor, resolveBracketSpan } from './bracket-anchors.ts';
import { bracketCount, describeBracketCount, draftBracketCount, openBrackets } from './bracket-count.ts';
import { canJoinBracket, canLeaveBracket, canLiftBracket, canPlaceBracket } from './bracket-predicates.ts';
import { hashClauseText } from './clause-hash.ts';
import { clauseStatus } from './clause-status.ts';
import { canFreeze, type DecisionFacts, decide } from './decide.ts';
import { auditEntryOf, decisionEventOf } from './decision-audit.ts';
import { applyDecisionEvent, type DraftDecisionRecords, decisionFactsOf } from './decision-records.ts';

const DELEGATIONS = ['CHN', 'RUS', 'USA'] as const;
const CLAUSES = ['c1', 'c2'] as const;
const TEXTS = ['Uphold freedom of navigation and overflight.', 'Promote dialogue on maritime security.'];
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

interface Room {
  doc: Y.Doc;
  records: DraftDecisionRecords;
}

function startingRoom(): Room {
  const doc = new Y.Doc();
  CLAUSES.forEach((id, i) => {
    writeClauseLayout(doc, id, [[[TEXTS[i] ?? '']]]);
  });
  return { doc, records: { seq: 0, adoption: null, clauses: new Map() } };
}

/** The facts as the server builds them: the room's doc, its records, its span reader. */
function factsOf(room: Room): DecisionFacts {
  const clauses = CLAUSES.map((id) => {
    const text = readClauseText(clauseTextRoot(room.doc, id));
    return { id, kind: 'operative' as const, text, textHash: hashClauseText(text), proposedBy: null };
  });
  const facts = decisionFactsOf(DRAFT, clauses, room.records, '2025-11-01T09:00:00.000Z');
  return { ...facts, bracketSpan: (clauseId, start, end) => resolveBracketSpan(room.doc, clauseId, start, end) };
}

function accept(room: Room, actor: Actor, command: Command): ReturnType<typeof decide> {
  const facts = factsOf(room);
  const decision = decide(facts, actor, command);
  if (!decision.ok) return decision;
  const entry = { ...auditEntryOf(decision.effect, actor, facts.now), seq: room.records.seq + 1 };
  const next = applyDecisionEvent(room.records, decisionEventOf(entry));
  if (next === 'gap') throw new Error('out of order');
  room.records = next;
  return decision;
}

function placeCommand(room: Room, clause: number, from: number, length: number): Command {
  const clauseId = CLAUSES[clause] ?? 'c1';
  const root = clauseTextRoot(room.doc, clauseId);
  const text = readClauseText(root);
  const to = Math.min(text.length, from + length);
  return {
    type: 'place-bracket',
    clauseId,
    textHash: hashClauseText(text),
    start: encodeAnchor(anchorAtOffset(root, from, 0)),
    end: encodeAnchor(anchorAtOffset(root, to, -1)),
    quote: text.slice(from, to) || 'x',
    kind: 'contested',
  };
}

function at(room: Room, clauseId: string) {
  const clause = factsOf(room).clauses.find((c) => c.id === clauseId);
  if (clause === undefined) throw new Error('no clause');
  return clause;
}

describe('bracket rules', () => {
  it('places a bracket on the words the server reads, and only on them', () => {
    const room = startingRoom();
    const command = placeCommand(room, 0, TEXTS[0]?.indexOf('freedom') ?? 0, 'freedom of navigation'.length);
    expect(accept(room, actors.USA as Actor, command).ok).toBe(true);
    expect(openBrackets(at(room, 'c1'))).toMatchObject([
      { id: 'b1', holders: ['USA'], quote: 'freedom of navigation' },
    ]);
    const lying = { ...command, quote: 'freedom of the seas' };
    const refused = accept(room, actors.USA as Actor, lying);
    expect(refused).toMatchObject({ ok: false, error: { code: 'bracket_anchor' } });
    const otherClause = { ...command, clauseId: 'c2', textHash: at(room, 'c2').textHash };
    expect(accept(room, actors.USA as Actor, otherClause)).toMatchObject({
      ok: false,
      error: { code: 'bracket_anchor', message: expect.stringContaining('this clause') },
    });
  });

  it('lets others join and leave, lifts it when its last holder leaves, and keeps it in the history', () => {
    const room = startingRoom();
    accept(room, actors.USA as Actor, placeCommand(room, 0, 8, 7));
    const bracket = { clauseId: 'c1', bracketId: 'b1' };
    expect(accept(room, actors.CHN as Actor, { type: 'join-bracket', ...bracket }).ok).toBe(true);
    expect(openBrackets(at(room, 'c1'))[0]?.holders).toEqual(['USA', 'CHN']);
    expect(accept(room, actors.CHN as Actor, { type: 'join-bracket', ...bracket }).ok).toBe(false);
    expect(accept(room, actors.RUS as Actor, { type: 'leave-bracket', ...bracket }).ok).toBe(false);
    accept(room, actors.USA as Actor, { type: 'leave-bracket', ...bracket });
    accept(room, actors.CHN as Actor, { type: 'leave-bracket', ...bracket });
    expect(openBrackets(at(room, 'c1'))).toEqual([]);
    expect(at(room, 'c1').brackets).toMatchObject([{ id: 'b1', holders: [], lifted: { by: 'CHN' } }]);
  });

  it('lets only holders and the chair lift a bracket', () => {
    const room = startingRoom();
    accept(room, actors.USA as Actor, placeCommand(room, 0, 8, 7));
    const facts = factsOf(room);
    const lifters = Object.keys(actors).filter((name) => canLiftBracket(facts, actors[name] as Actor, 'c1', 'b1'));
    expect(lifters.sort()).toEqual(['USA', 'chair']);
    const lift = decide(facts, actors.RUS as Actor, { type: 'lift-bracket', clauseId: 'c1', bracketId: 'b1' });
    expect(lift).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('USA') } });
  });

  it('refuses to freeze bracketed text, naming the holders, and keeps it from being agreed', () => {
    const room = startingRoom();
    accept(room, actors.USA as Actor, placeCommand(room, 0, 8, 7));
    accept(room, actors.CHN as Actor, { type: 'join-bracket', clauseId: 'c1', bracketId: 'b1' });
    for (const d of DELEGATIONS) {
      const endorsed = accept(room, actors[d] as Actor, {
        type: 'position',
        clauseId: 'c1',
        stance: 'endorsed',
        textHash: at(room, 'c1').textHash,
      });
      expect(endorsed.ok).toBe(true);
    }
    expect(clauseStatus(at(room, 'c1'), DELEGATIONS)).toBe('open');
    const freeze = accept(room, actors.chair as Actor, {
      type: 'freeze',
      clauseId: 'c1',
      textHash: at(room, 'c1').textHash,
    });
    expect(freeze).toMatchObject({
      ok: false,
      error: { code: 'bracketed', message: expect.stringContaining('USA, CHN') },
    });
    accept(room, actors.chair as Actor, { type: 'lift-bracket', clauseId: 'c1', bracketId: 'b1' });
    expect(clauseStatus(at(room, 'c1'), DELEGATIONS)).toBe('agreed');
    expect(canFreeze(factsOf(room), actors.chair as Actor, 'c1')).toBe(true);
  });

  it('takes no bracket command on a frozen clause', () => {
    const room = startingRoom();
    accept(room, actors.chair as Actor, { type: 'freeze', clauseId: 'c2', textHash: at(room, 'c2').textHash });
    expect(canPlaceBracket(factsOf(room), actors.USA as Actor, 'c2')).toBe(false);
    expect(accept(room, actors.RUS as Actor, { type: 'propose-deletion', clauseId: 'c2' })).toMatchObject({
      ok: false,
      error: { code: 'frozen' },
    });
  });

  it('counts a proposed deletion and a proposal as brackets over the whole clause', () => {
    const room = startingRoom();
    expect(accept(room, actors.RUS as Actor, { type: 'propose-deletion', clauseId: 'c2' }).ok).toBe(true);
    expect(accept(room, actors.CHN as Actor, { type: 'propose-deletion', clauseId: 'c2' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('join') },
    });
    const clauses = factsOf(room).clauses;
    expect(openBrackets(clauses[1] ?? { brackets: [] })).toMatchObject([{ kind: 'deletion', quote: TEXTS[1] }]);
    const proposal = { ...(clauses[0] ?? clauses[1]), proposedBy: 'USA' } as (typeof clauses)[number];
    expect(bracketCount(proposal)).toBe(1);
    expect(describeBracketCount(draftBracketCount([proposal, clauses[1] ?? proposal]))).toBe('2 brackets in 2 clauses');
    expect(describeBracketCount({ brackets: 1, clauses: 1 })).toBe('1 bracket in 1 clause');
  });

  it('caps a clause at 50 open brackets', () => {
    const room = startingRoom();
    for (let i = 0; i < 50; i++)
      expect(accept(room, actors.USA as Actor, placeCommand(room, 0, i % 30, 3)).ok).toBe(true);
    expect(accept(room, actors.USA as Actor, placeCommand(room, 0, 0, 3))).toMatchObject({
      ok: false,
      error: { code: 'bracket_state', message: expect.stringContaining('50') },
    });
  });

  type Step =
    | { kind: 'place'; actor: string; clause: number; from: number; length: number }
    | { kind: 'join' | 'leave' | 'lift'; actor: string; clause: number; bracket: number }
    | { kind: 'freeze' | 'reopen' | 'deletion'; actor: string; clause: number }
    | { kind: 'edit'; clause: number; from: number; length: number };
  const anyActor = fc.constantFrom(...Object.keys(actors));
  const anyClause = fc.integer({ min: 0, max: CLAUSES.length - 1 });
  const anyStep: fc.Arbitrary<Step> = fc.oneof(
    fc.record({
      kind: fc.constant('place' as const),
      actor: anyActor,
      clause: anyClause,
      from: fc.nat(40),
      length: fc.integer({ min: 1, max: 12 }),
    }),
    fc.record({
      kind: fc.constantFrom('join' as const, 'leave' as const, 'lift' as const),
      actor: anyActor,
      clause: anyClause,
      bracket: fc.integer({ min: 1, max: 4 }),
    }),
    fc.record({
      kind: fc.constantFrom('freeze' as const, 'reopen' as const, 'deletion' as const),
      actor: anyActor,
      clause: anyClause,
    }),
    fc.record({ kind: fc.constant('edit' as const), clause: anyClause, from: fc.nat(40), length: fc.nat(10) }),
  );

  it('never lets a clause with an open bracket be frozen, nor a non-holder other than the chair lift one', () => {
    fc.assert(
      fc.property(fc.array(anyStep, { maxLength: 40 }), (steps) => {
        const room = startingRoom();
        for (const step of steps) {
          const clauseId = CLAUSES[step.clause] ?? 'c1';
          if (step.kind === 'edit') {
            const paragraph = clauseTextRoot(room.doc, clauseId).toDelta()[0]?.insert as Y.XmlText;
            const from = Math.min(step.from, Math.max(0, paragraph.length - 1));
            // Edits through the guard: a frozen clause's text does not change.
            if (at(room, clauseId).frozen === null && from > 0) {
              paragraph.delete(from, Math.min(step.length, paragraph.length - from));
            }
            continue;
          }
          const actor = actors[step.actor] as Actor;
          const before = at(room, clauseId);
          const bracketId = 'bracket' in step ? `b${step.bracket}` : '';
          const command: Command =
            step.kind === 'place'
              ? placeCommand(room, step.clause, Math.min(step.from, before.text.length - 1), step.length)
              : step.kind === 'freeze'
                ? { type: 'freeze', clauseId, textHash: before.textHash }
                : step.kind === 'reopen'
                  ? { type: 'reopen', clauseId, reason: 'asked' }
                  : step.kind === 'deletion'
                    ? { type: 'propose-deletion', clauseId }
                    : { type: `${step.kind}-bracket`, clauseId, bracketId };
          const decision = accept(room, actor, command);
          if (!decision.ok) continue;
          if (step.kind === 'freeze') expect(openBrackets(before)).toEqual([]);
          if (step.kind === 'lift') {
            const holders = before.brackets?.find((b) => b.id === bracketId)?.holders ?? [];
            expect(actor.role === 'chair' || holders.includes(actor.delegation ?? '')).toBe(true);
          }
          const after = at(room, clauseId);
          if (openBrackets(after).length > 0) {
            expect(after.frozen).toBeNull();
            expect(clauseStatus(after, DELEGATIONS)).not.toBe('agreed');
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('shows the client the same controls the server would accept', () => {
    const room = startingRoom();
    accept(room, actors.USA as Actor, placeCommand(room, 0, 8, 7));
    const facts = factsOf(room);
    const rights = (name: string) => {
      const actor = actors[name] as Actor;
      return [canJoinBracket(facts, actor, 'c1', 'b1'), canLeaveBracket(facts, actor, 'c1', 'b1')];
    };
    expect(rights('USA')).toEqual([false, true]);
    expect(rights('CHN')).toEqual([true, false]);
    expect(rights('chair')).toEqual([false, false]);
    expect(canPlaceBracket(facts, actors.observer as Actor, 'c1')).toBe(false);
    expect(canPlaceBracket(facts, actors.RUS as Actor, 'c1')).toBe(true);
  });
});

describe('brackets and adoption', () => {
  it('names an open bracket as what blocks adoption, and a proposal is never agreed', () => {
    const room = startingRoom();
    accept(room, actors.CHN as Actor, placeCommand(room, 0, 7, 7));
    const facts = factsOf(room);
    const readiness = adoptionReadiness({
      ...facts,
      delegations: DELEGATIONS,
      consensus: DRAFT.consensus,
      adopted: false,
    });
    const blocker = readiness.blockers.find((b) => b.reason === 'bracketed');
    expect(blocker).toEqual({ reason: 'bracketed', clauseId: 'c1', label: 'paragraph 1', holders: ['CHN'] });
    expect(blocker === undefined ? '' : describeBlocker(blocker)).toBe('Paragraph 1 has open brackets (held by CHN).');
    const endorsed = DELEGATIONS.map((delegation) => ({
      delegation,
      stance: 'endorsed' as const,
      reason: null,
      textHash: facts.clauses[1]?.textHash ?? '',
      at: 'x',
      number: 'paragraph 2',
    }));
    const second = { ...(facts.clauses[1] as (typeof facts.clauses)[number]), positions: endorsed };
    expect(clauseStatus(second, DELEGATIONS)).toBe('agreed');
    expect(clauseStatus({ ...second, proposedBy: 'USA' }, DELEGATIONS)).toBe('open');
  });

  it('refuses to circulate bracketed text under silence, whose conclusion would freeze it', () => {
    const room = startingRoom();
    accept(room, actors.CHN as Actor, placeCommand(room, 0, 7, 7));
    const facts = factsOf(room);
    const circulate = decide(facts, actors.chair as Actor, {
      type: 'circulate-silence',
      clauseIds: ['c1'],
      deadline: '2025-11-01T10:00:00.000Z',
      textHashes: { c1: facts.clauses[0]?.textHash ?? '' },
    });
    expect(circulate).toMatchObject({
      ok: false,
      error: { code: 'bracketed', message: expect.stringContaining('held by CHN') },
    });
  });
});
