import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../schemas/commands.ts';
import type { Actor } from '../schemas/decisions.ts';
import { DraftState } from '../schemas/state.ts';
import { canFreezeWithAlternative, canProposeAlternative, canTakeAlternativeStance } from './alternative-predicates.ts';
import { hashClauseText } from './clause-hash.ts';
import { type DecisionFacts, decide } from './decide.ts';
import { auditEntryOf, decisionEventOf } from './decision-audit.ts';
import { applyDecisionEvent, type DraftDecisionRecords, decisionFactsOf, recordsOfState } from './decision-records.ts';
import { draftStateOf } from './draft-state.ts';

const NOW = '2025-11-01T09:00:00.000Z';
const DRAFT: DecisionFacts['draft'] = {
  id: 'draft-0001',
  title: 'Joint Statement',
  kind: 'joint-statement',
  delegations: ['MYS', 'USA', 'JPN'],
  consensus: { rule: 'unanimous' },
  createdAt: '2025-10-01T00:00:00.000Z',
};
const chair: Actor = { session: 'chair-session', role: 'chair', delegation: null };
const secretariat: Actor = { session: 'secretariat-s', role: 'secretariat', delegation: null };
const delegation = (code: string): Actor => ({ session: `${code}-session`, role: 'delegation', delegation: code });
const [MYS, USA, JPN] = ['MYS', 'USA', 'JPN'].map(delegation) as [Actor, Actor, Actor];

/** A room of one clause `c1`: its text, its alternatives' texts, and the decisions on record. */
class Room {
  clauseText = 'COMMEND the work;';
  altTexts = new Map<number, string>();
  records: DraftDecisionRecords = { seq: 0, adoption: null, clauses: new Map() };

  facts(): DecisionFacts {
    const clause = {
      id: 'c1',
      kind: 'operative' as const,
      text: this.clauseText,
      textHash: hashClauseText(this.clauseText),
      proposedBy: null,
    };
    return decisionFactsOf(DRAFT, [clause], this.records, NOW, [], (_clauseId, n) => {
      const text = this.altTexts.get(n) ?? '';
      return { text, hash: hashClauseText(text) };
    });
  }

  /** Decides and, if accepted, applies the event as the server pushes it. */
  send(actor: Actor, command: Command): ReturnType<typeof decide> {
    const facts = this.facts();
    const decision = decide(facts, actor, command);
    if (!decision.ok) return decision;
    const { effect } = decision;
    if (effect.type === 'alternative' && effect.change === 'proposed') {
      this.altTexts.set(effect.alternative.n, effect.copyText ? this.clauseText : '');
    }
    if (effect.type === 'freeze-alternative') this.clauseText = effect.text;
    const entry = { ...auditEntryOf(effect, actor, NOW), seq: this.records.seq + 1 };
    const next = applyDecisionEvent(this.records, decisionEventOf(entry));
    if (next === 'gap') throw new Error('out of order');
    this.records = next;
    return decision;
  }

  alternatives() {
    return this.facts().clauses[0]?.alternatives ?? [];
  }

  altHash(n: number): string {
    return hashClauseText(this.altTexts.get(n) ?? '');
  }
}

describe('alternatives', () => {
  it('numbers proposals 1, 2, … with the proposer as first sponsor, seeded with the clause text on request', () => {
    const room = new Room();
    expect(room.send(USA, { type: 'propose-alternative', clauseId: 'c1', copyText: true }).ok).toBe(true);
    expect(room.send(MYS, { type: 'propose-alternative', clauseId: 'c1' }).ok).toBe(true);
    expect(room.alternatives().map((a) => [a.n, a.sponsors, a.state, a.text])).toEqual([
      [1, ['USA'], 'open', 'COMMEND the work;'],
      [2, ['MYS'], 'open', ''],
    ]);
  });

  it('lets only a delegation propose, and caps the open alternatives of a clause', () => {
    const room = new Room();
    for (const actor of [chair, secretariat]) {
      expect(room.send(actor, { type: 'propose-alternative', clauseId: 'c1' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    for (let i = 0; i < 5; i++) expect(room.send(USA, { type: 'propose-alternative', clauseId: 'c1' }).ok).toBe(true);
    expect(canProposeAlternative(room.facts(), JPN, 'c1')).toBe(false);
    expect(room.send(JPN, { type: 'propose-alternative', clauseId: 'c1' })).toMatchObject({
      ok: false,
      error: { code: 'alternative_refused' },
    });
    room.send(USA, { type: 'withdraw-alternative', clauseId: 'c1', alternative: 3 });
    expect(room.send(JPN, { type: 'propose-alternative', clauseId: 'c1' })).toMatchObject({ ok: true });
    expect(room.alternatives().at(-1)?.n).toBe(6);
  });

  it('adds and removes sponsors; the last sponsor withdraws rather than leaves; others cannot withdraw', () => {
    const room = new Room();
    room.send(USA, { type: 'propose-alternative', clauseId: 'c1' });
    expect(room.send(JPN, { type: 'sponsor-alternative', clauseId: 'c1', alternative: 1 }).ok).toBe(true);
    expect(room.send(JPN, { type: 'sponsor-alternative', clauseId: 'c1', alternative: 1 }).ok).toBe(false);
    expect(room.alternatives()[0]?.sponsors).toEqual(['USA', 'JPN']);
    expect(room.send(MYS, { type: 'withdraw-alternative', clauseId: 'c1', alternative: 1 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(room.send(USA, { type: 'leave-alternative', clauseId: 'c1', alternative: 1 }).ok).toBe(true);
    expect(room.send(JPN, { type: 'leave-alternative', clauseId: 'c1', alternative: 1 })).toMatchObject({
      ok: false,
      error: { code: 'alternative_refused' },
    });
    expect(room.send(chair, { type: 'withdraw-alternative', clauseId: 'c1', alternative: 1 }).ok).toBe(true);
    expect(room.alternatives()[0]?.state).toBe('withdrawn');
    expect(room.send(JPN, { type: 'sponsor-alternative', clauseId: 'c1', alternative: 1 })).toMatchObject({
      ok: false,
      error: { code: 'alternative_closed' },
    });
    expect(room.send(JPN, { type: 'sponsor-alternative', clauseId: 'c1', alternative: 9 })).toMatchObject({
      ok: false,
      error: { code: 'alternative_not_found' },
    });
  });

  it('takes positions on an alternative’s own text, which go stale when it changes, apart from the clause’s', () => {
    const room = new Room();
    room.send(USA, { type: 'propose-alternative', clauseId: 'c1' });
    room.altTexts.set(1, 'WELCOME the work;');
    expect(
      room.send(JPN, {
        type: 'position',
        clauseId: 'c1',
        stance: 'endorsed',
        textHash: hashClauseText('COMMEND the work;'),
        alternative: 1,
      }),
    ).toMatchObject({ ok: false, error: { code: 'text_changed' } });
    expect(
      room.send(JPN, {
        type: 'position',
        clauseId: 'c1',
        stance: 'endorsed',
        textHash: room.altHash(1),
        alternative: 1,
      }).ok,
    ).toBe(true);
    const facts = room.facts();
    expect(facts.clauses[0]?.positions).toEqual([]);
    let state = draftStateOf(facts, room.records.seq).clauses[0]?.alternatives?.[0];
    expect(state?.positions.map((p) => [p.delegation, p.stale])).toEqual([['JPN', false]]);
    expect(state?.endorsedCount).toBe(1);
    room.altTexts.set(1, 'WELCOME the good work;');
    state = draftStateOf(room.facts(), room.records.seq).clauses[0]?.alternatives?.[0];
    expect(state?.positions.map((p) => [p.delegation, p.stale])).toEqual([['JPN', true]]);
    expect(canTakeAlternativeStance(room.facts(), chair, 'c1', 1, 'endorsed')).toBe(false);
    const textHash = room.altHash(1);
    expect(
      room.send(MYS, {
        type: 'position',
        clauseId: 'c1',
        stance: 'endorsed',
        textHash,
        alternative: 1,
        adReferendum: {},
      }),
    ).toMatchObject({ ok: false, error: { code: 'alternative_refused' } });
  });

  it('freezes the clause on the chosen alternative: its words become the clause’s, the others are not retained', () => {
    const room = new Room();
    room.send(USA, { type: 'propose-alternative', clauseId: 'c1' });
    room.send(MYS, { type: 'propose-alternative', clauseId: 'c1' });
    room.altTexts.set(1, 'WELCOME the work;');
    room.altTexts.set(2, 'NOTE the work;');
    room.send(JPN, { type: 'position', clauseId: 'c1', stance: 'endorsed', textHash: room.altHash(2), alternative: 2 });
    expect(room.send(USA, { type: 'freeze', clauseId: 'c1', textHash: room.altHash(2), alternative: 2 }).ok).toBe(
      false,
    );
    expect(
      room.send(chair, { type: 'freeze', clauseId: 'c1', textHash: room.altHash(1), alternative: 2 }),
    ).toMatchObject({ ok: false, error: { code: 'text_changed' } });
    expect(room.send(chair, { type: 'freeze', clauseId: 'c1', textHash: room.altHash(2), alternative: 2 }).ok).toBe(
      true,
    );
    expect(room.clauseText).toBe('NOTE the work;');
    const clause = room.facts().clauses[0];
    expect(clause?.frozen?.textHash).toBe(hashClauseText('NOTE the work;'));
    expect(clause?.alternatives?.map((a) => a.state)).toEqual(['not-retained', 'retained']);
    // JPN endorsed these words: its endorsement counts for the clause now.
    expect(clause?.positions.map((p) => [p.delegation, p.stance, p.textHash === clause.textHash])).toEqual([
      ['JPN', 'endorsed', true],
    ]);
    expect(room.send(MYS, { type: 'propose-alternative', clauseId: 'c1' })).toMatchObject({
      ok: false,
      error: { code: 'frozen' },
    });
    room.send(chair, { type: 'reopen', clauseId: 'c1', reason: 'one more look' });
    expect(room.send(USA, { type: 'sponsor-alternative', clauseId: 'c1', alternative: 1 })).toMatchObject({
      ok: false,
      error: { code: 'alternative_closed' },
    });
    expect(room.send(USA, { type: 'propose-alternative', clauseId: 'c1' }).ok).toBe(true);
  });

  it('refuses to freeze on an empty alternative, on a withdrawn one, and locks open ones with a plain freeze', () => {
    const room = new Room();
    room.send(USA, { type: 'propose-alternative', clauseId: 'c1' });
    expect(canFreezeWithAlternative(room.facts(), chair, 'c1', 1)).toBe(false);
    room.altTexts.set(1, 'WELCOME the work;');
    expect(canFreezeWithAlternative(room.facts(), chair, 'c1', 1)).toBe(true);
    room.send(chair, { type: 'freeze', clauseId: 'c1', textHash: hashClauseText(room.clauseText) });
    expect(canTakeAlternativeStance(room.facts(), USA, 'c1', 1, 'endorsed')).toBe(false);
    expect(room.alternatives()[0]?.state).toBe('open');
    room.send(chair, { type: 'reopen', clauseId: 'c1', reason: 'again' });
    expect(canTakeAlternativeStance(room.facts(), USA, 'c1', 1, 'endorsed')).toBe(true);
    room.send(USA, { type: 'withdraw-alternative', clauseId: 'c1', alternative: 1 });
    expect(canFreezeWithAlternative(room.facts(), chair, 'c1', 1)).toBe(false);
  });

  it('rebuilds the same alternatives from /state as from the events (any sequence of commands)', () => {
    const actors = [chair, MYS, USA, JPN];
    const step = fc.record({
      actor: fc.integer({ min: 0, max: 3 }),
      kind: fc.constantFrom(
        'propose',
        'sponsor',
        'leave',
        'withdraw',
        'endorse',
        'edit',
        'freeze',
        'freeze-clause',
        'reopen',
      ),
      n: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 20, maxLength: 40 }), (steps) => {
        const room = new Room();
        for (const { actor: i, kind, n } of steps) {
          // The chair's commands come from the chair; who may send them is tested above and on the server.
          const actor = kind.startsWith('freeze') || kind === 'reopen' ? chair : (actors[i] as Actor);
          const clauseId = 'c1';
          const frozenBefore = room.facts().clauses[0]?.frozen ?? null;
          const recordBefore = room.records.clauses.get(clauseId)?.alternatives;
          if (kind === 'edit') room.altTexts.set(n, `ALT ${n} edited ${room.records.seq}`);
          else if (kind === 'propose') room.send(actor, { type: 'propose-alternative', clauseId, copyText: n === 1 });
          else if (kind === 'sponsor' || kind === 'leave' || kind === 'withdraw')
            room.send(actor, { type: `${kind}-alternative`, clauseId, alternative: n });
          else if (kind === 'endorse')
            room.send(actor, {
              type: 'position',
              clauseId,
              stance: 'endorsed',
              textHash: room.altHash(n),
              alternative: n,
            });
          else if (kind === 'freeze')
            room.send(actor, { type: 'freeze', clauseId, textHash: room.altHash(n), alternative: n });
          else if (kind === 'freeze-clause')
            room.send(actor, { type: 'freeze', clauseId, textHash: hashClauseText(room.clauseText) });
          else room.send(actor, { type: 'reopen', clauseId, reason: 'again' });
          const alternatives = room.alternatives();
          // A frozen clause's alternatives are locked with it: only re-opening changes anything.
          if (frozenBefore !== null && kind !== 'reopen') {
            expect(room.records.clauses.get(clauseId)?.alternatives).toBe(recordBefore);
          }
          // Frozen with an alternative, the clause's text is the retained alternative's.
          const clause = room.facts().clauses[0];
          if (kind === 'freeze' && frozenBefore === null && clause?.frozen !== null) {
            expect(clause?.text).toBe(room.altTexts.get(n));
            expect(clause?.alternatives?.find((a) => a.n === n)?.state).toBe('retained');
          }
          // An open alternative always has a sponsor.
          expect(alternatives.filter((a) => a.state === 'open' && a.sponsors.length === 0)).toEqual([]);
        }
        const state = DraftState.parse(JSON.parse(JSON.stringify(draftStateOf(room.facts(), room.records.seq))));
        const reloaded = recordsOfState(state);
        expect(reloaded.clauses.get('c1')?.alternatives ?? []).toEqual(
          room.records.clauses.get('c1')?.alternatives ?? [],
        );
      }),
      { numRuns: 200 },
    );
  });
});
