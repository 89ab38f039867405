import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../schemas/commands.ts';
import type { Actor } from '../schemas/decisions.ts';
import type { ClauseKind } from '../schemas/draft.ts';
import { hashClauseText } from './clause-hash.ts';
import {
  canDeleteClause,
  canMoveClause,
  type DecisionFacts,
  decide,
  isStructureEffect,
  type RemovedClause,
  type StructureEffect,
} from './decide.ts';
import { auditEntryOf, decisionEventOf } from './decision-audit.ts';
import {
  applyDecisionEvent,
  type DocumentClause,
  type DraftDecisionRecords,
  decisionFactsOf,
} from './decision-records.ts';
import { isStale } from './positions.ts';

const DELEGATIONS = ['MYS', 'PHL', 'USA'];
const DRAFT: DecisionFacts['draft'] = {
  id: 'draft-0001',
  title: 'Joint Statement',
  kind: 'joint-statement',
  delegations: DELEGATIONS,
  consensus: { rule: 'unanimous' },
  createdAt: '2025-10-01T00:00:00.000Z',
};
const NOW = '2025-11-01T09:00:00.000Z';

const chair: Actor = { session: 'chair-s', role: 'chair', delegation: null };
const secretariat: Actor = { session: 'secr-s', role: 'secretariat', delegation: null };
const observer: Actor = { session: 'obs-s', role: 'observer', delegation: null };
const delegation = (code: string): Actor => ({ session: `${code}-s`, role: 'delegation', delegation: code });

/** A draft as the rules see it, and what the server does with an accepted command. */
class Draft {
  clauses: DocumentClause[];
  removed: RemovedClause[] = [];
  records: DraftDecisionRecords = { seq: 0, adoption: null, clauses: new Map() };

  constructor(kinds: ClauseKind[]) {
    this.clauses = kinds.map((kind, i) => clause(`c${i}`, kind));
  }

  facts(): DecisionFacts {
    return decisionFactsOf(DRAFT, this.clauses, this.records, NOW, this.removed);
  }

  run(actor: Actor, command: Command): ReturnType<typeof decide> {
    const facts = this.facts();
    const decision = decide(facts, actor, command);
    if (!decision.ok) return decision;
    const entry = { ...auditEntryOf(decision.effect, actor, facts.now), seq: this.records.seq + 1 };
    const next = applyDecisionEvent(this.records, decisionEventOf(entry));
    if (next === 'gap') throw new Error('out of order');
    this.records = next;
    if (isStructureEffect(decision.effect)) this.apply(decision.effect);
    return decision;
  }

  /** The document change the server makes (server/consensus/structure-changes.ts), on a list. */
  private apply(effect: StructureEffect): void {
    const at = this.clauses.findIndex((c) => c.id === effect.clauseId);
    switch (effect.type) {
      case 'add-clause':
        this.clauses.splice(effect.index, 0, {
          ...clause(effect.clauseId, effect.kind),
          proposedBy: effect.proposedBy,
        });
        return;
      case 'move-clause': {
        const [moved] = this.clauses.splice(at, 1);
        if (moved !== undefined) this.clauses.splice(effect.index, 0, moved);
        return;
      }
      case 'delete-clause': {
        const [gone] = this.clauses.splice(at, 1);
        if (gone !== undefined) this.removed.push({ id: gone.id, kind: gone.kind, proposedBy: gone.proposedBy });
        return;
      }
      case 'restore-clause': {
        const back = this.removed.find((c) => c.id === effect.clauseId);
        this.removed = this.removed.filter((c) => c.id !== effect.clauseId);
        if (back !== undefined) this.clauses.splice(effect.index, 0, clause(back.id, back.kind, back.proposedBy));
        return;
      }
      case 'take-up-clause': {
        const taken = this.clauses[at];
        if (taken !== undefined) this.clauses[at] = { ...taken, proposedBy: null };
        return;
      }
    }
  }

  endorseAll(clauseId: string): void {
    const hash = this.facts().clauses.find((c) => c.id === clauseId)?.textHash ?? '';
    for (const code of DELEGATIONS) {
      const done = this.run(delegation(code), { type: 'position', clauseId, stance: 'endorsed', textHash: hash });
      if (!done.ok) throw new Error(done.error.message);
    }
  }

  clause(id: string) {
    const found = this.facts().clauses.find((c) => c.id === id);
    if (found === undefined) throw new Error(`no clause ${id}`);
    return found;
  }
}

function clause(id: string, kind: ClauseKind, proposedBy: string | null = null): DocumentClause {
  const text = `Text of ${id};`;
  return { id, kind, text, textHash: hashClauseText(text), proposedBy };
}

function code(decision: ReturnType<typeof decide>): string {
  return decision.ok ? 'ok' : decision.error.code;
}

describe('who may change the clause list', () => {
  it('lets the chair and the secretariat add, move, delete and restore; a delegation only add and withdraw its own', () => {
    const roles: Array<[string, Actor]> = [
      ['chair', chair],
      ['secretariat', secretariat],
      ['MYS', delegation('MYS')],
      ['observer', observer],
    ];
    const answers = Object.fromEntries(
      roles.map(([name, actor]) => {
        const draft = new Draft(['operative', 'operative', 'operative']);
        draft.run(chair, { type: 'delete-clause', clauseId: 'c2' });
        return [
          name,
          [
            code(draft.run(actor, { type: 'add-clause', clauseId: `new-${name}`, kind: 'operative', after: 'c0' })),
            code(draft.run(actor, { type: 'move-clause', clauseId: 'c1', after: null })),
            code(draft.run(actor, { type: 'delete-clause', clauseId: 'c0' })),
            code(draft.run(actor, { type: 'restore-clause', clauseId: 'c2', after: null })),
            code(draft.run(actor, { type: 'take-up-clause', clauseId: `new-${name}` })),
          ],
        ];
      }),
    );
    expect(answers).toEqual({
      // The chair's and the secretariat's own clauses are part of the text from the start.
      chair: ['ok', 'ok', 'ok', 'ok', 'structure_changed'],
      secretariat: ['ok', 'ok', 'ok', 'ok', 'forbidden'],
      MYS: ['ok', 'forbidden', 'forbidden', 'forbidden', 'forbidden'],
      observer: ['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden'],
    });
  });

  it('makes a delegation’s clause its proposal, numbered bis, which only it or the chair may withdraw', () => {
    const draft = new Draft(['operative', 'operative', 'operative']);
    const added = draft.run(delegation('USA'), {
      type: 'add-clause',
      clauseId: 'usa-1',
      kind: 'operative',
      after: 'c0',
    });
    expect(added.ok && added.effect).toMatchObject({ proposedBy: 'USA', label: 'paragraph 1 bis', index: 1 });
    expect(draft.facts().clauses.map((c) => c.label)).toEqual([
      'paragraph 1',
      'paragraph 1 bis',
      'paragraph 2',
      'paragraph 3',
    ]);
    expect(code(draft.run(delegation('MYS'), { type: 'delete-clause', clauseId: 'usa-1' }))).toBe('forbidden');
    expect(code(draft.run(secretariat, { type: 'delete-clause', clauseId: 'usa-1' }))).toBe('forbidden');
    expect(canDeleteClause(draft.facts(), chair, 'usa-1')).toBe(true);
    const withdrawn = draft.run(delegation('USA'), { type: 'delete-clause', clauseId: 'usa-1' });
    expect(withdrawn.ok && withdrawn.effect).toMatchObject({ withdrawnProposal: true, label: 'paragraph 1 bis' });
  });

  it('refuses to freeze a proposal until the chair takes it into the text, numbered in place', () => {
    const draft = new Draft(['operative', 'operative']);
    draft.run(delegation('USA'), { type: 'add-clause', clauseId: 'usa-1', kind: 'operative', after: 'c0' });
    const hash = draft.clause('usa-1').textHash;
    expect(code(draft.run(chair, { type: 'freeze', clauseId: 'usa-1', textHash: hash }))).toBe('proposal');
    const taken = draft.run(chair, { type: 'take-up-clause', clauseId: 'usa-1' });
    expect(taken.ok && taken.effect).toMatchObject({ from: 'paragraph 1 bis', to: 'paragraph 2', proposedBy: 'USA' });
    expect(draft.facts().clauses.map((c) => c.label)).toEqual(['paragraph 1', 'paragraph 2', 'paragraph 3']);
    expect(code(draft.run(chair, { type: 'freeze', clauseId: 'usa-1', textHash: hash }))).toBe('ok');
  });

  it('keeps a frozen clause in its place, and refuses a change made on a list that moved meanwhile', () => {
    const draft = new Draft(['operative', 'operative', 'operative']);
    draft.run(chair, { type: 'freeze', clauseId: 'c1', textHash: draft.clause('c1').textHash });
    expect(code(draft.run(chair, { type: 'move-clause', clauseId: 'c1', after: null }))).toBe('frozen');
    expect(code(draft.run(secretariat, { type: 'delete-clause', clauseId: 'c1' }))).toBe('frozen');
    expect(canMoveClause(draft.facts(), chair, 'c2', 'gone')).toBe(false);
    expect(code(draft.run(chair, { type: 'move-clause', clauseId: 'c2', after: 'gone' }))).toBe('structure_changed');
    expect(code(draft.run(chair, { type: 'move-clause', clauseId: 'c2', after: 'c1' }))).toBe('structure_changed');
    expect(code(draft.run(chair, { type: 'add-clause', clauseId: 'c0', kind: 'operative', after: null }))).toBe(
      'structure_changed',
    );
  });
});

describe('positions and numbers', () => {
  it('makes positions stale on every clause a move renumbers, and only there', () => {
    const draft = new Draft(['preamble', 'operative', 'operative', 'operative', 'operative']);
    for (const id of ['c0', 'c1', 'c2', 'c3', 'c4']) draft.endorseAll(id);
    // Paragraph 4 moves to the top: 1, 2, 3 become 2, 3, 4; the preamble clause keeps its number.
    draft.run(chair, { type: 'move-clause', clauseId: 'c4', after: 'c0' });
    const stale = draft
      .facts()
      .clauses.filter((c) => c.positions.some((p) => isStale(p, c)))
      .map((c) => c.id);
    expect(stale).toEqual(['c4', 'c1', 'c2', 'c3']);
  });

  it('leaves positions current when a proposal is added or withdrawn, since nothing is renumbered', () => {
    const draft = new Draft(['operative', 'operative']);
    for (const id of ['c0', 'c1']) draft.endorseAll(id);
    draft.run(delegation('PHL'), { type: 'add-clause', clauseId: 'phl-1', kind: 'operative', after: 'c0' });
    draft.run(delegation('PHL'), { type: 'delete-clause', clauseId: 'phl-1' });
    expect(draft.facts().clauses.every((c) => c.positions.every((p) => !isStale(p, c)))).toBe(true);
  });

  it('lets a delegation endorse a frozen clause, or lift its own reservation on it, but not reserve anew', () => {
    const draft = new Draft(['operative']);
    const hash = draft.clause('c0').textHash;
    draft.run(delegation('MYS'), { type: 'position', clauseId: 'c0', stance: 'reserved', reason: 'r', textHash: hash });
    draft.run(chair, { type: 'freeze', clauseId: 'c0', textHash: hash });
    const position = (actor: Actor, stance: 'endorsed' | 'reserved' | 'withdrawn') =>
      code(
        draft.run(actor, {
          type: 'position',
          clauseId: 'c0',
          stance,
          textHash: hash,
          ...(stance === 'reserved' ? { reason: 'r' } : {}),
        }),
      );
    expect(position(delegation('PHL'), 'reserved')).toBe('frozen');
    expect(position(delegation('PHL'), 'endorsed')).toBe('ok');
    expect(position(delegation('PHL'), 'withdrawn')).toBe('frozen');
    expect(position(delegation('MYS'), 'withdrawn')).toBe('ok');
    expect(position(delegation('USA'), 'endorsed')).toBe('ok');
  });

  it('never lets a sequence of list changes leave a position current on a clause whose number changed', () => {
    const kinds: ClauseKind[] = ['chapeau', 'preamble', 'preamble', 'lead-in', 'operative', 'operative', 'operative'];
    const actorOf = fc.constantFrom(chair, secretariat, delegation('MYS'), delegation('USA'));
    const anchor = fc.option(fc.constantFrom(...kinds.map((_, i) => `c${i}`), 'n0', 'n1', 'n2'), { nil: null });
    const target = fc.constantFrom(...kinds.map((_, i) => `c${i}`), 'n0', 'n1', 'n2');
    const step = fc.oneof(
      fc.record({
        type: fc.constant('add-clause' as const),
        clauseId: fc.constantFrom('n0', 'n1', 'n2'),
        kind: fc.constantFrom<ClauseKind>('preamble', 'operative'),
        after: anchor,
      }),
      fc.record({ type: fc.constant('move-clause' as const), clauseId: target, after: anchor }),
      fc.record({ type: fc.constant('delete-clause' as const), clauseId: target }),
      fc.record({ type: fc.constant('restore-clause' as const), clauseId: target, after: anchor }),
      fc.record({ type: fc.constant('take-up-clause' as const), clauseId: target }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(actorOf, step), { maxLength: 16 }), (steps) => {
        const draft = new Draft(kinds);
        for (const id of kinds.map((_, i) => `c${i}`)) draft.endorseAll(id);
        const numberAtEndorsement = new Map(draft.facts().clauses.map((c) => [c.id, c.number]));
        for (const [actor, command] of steps) {
          const before = draft.facts();
          const decision = draft.run(actor, command);
          if (decision.ok && actor.role === 'delegation') {
            // A delegation's only changes: adding its own proposal, withdrawing it.
            expect(['add-clause', 'delete-clause']).toContain(command.type);
            const own = before.clauses.find((c) => c.id === command.clauseId);
            if (command.type === 'delete-clause') expect(own?.proposedBy).toBe(actor.delegation);
          }
        }
        for (const clause of draft.facts().clauses) {
          const endorsedAt = numberAtEndorsement.get(clause.id);
          if (endorsedAt === undefined) continue;
          const stale = clause.positions.some((p) => isStale(p, clause));
          expect(stale).toBe(endorsedAt !== clause.number);
        }
      }),
      { numRuns: 120 },
    );
  });
});

describe('the adoption date', () => {
  const ready = () => {
    const draft = new Draft(['operative']);
    draft.endorseAll('c0');
    draft.run(chair, { type: 'freeze', clauseId: 'c0', textHash: draft.clause('c0').textHash });
    return draft;
  };

  it('may not be before the draft was created, nor in the future', () => {
    expect(code(ready().run(chair, { type: 'adopt', place: 'Manila', date: '2025-09-30' }))).toBe('invalid_date');
    expect(code(ready().run(chair, { type: 'adopt', place: 'Manila', date: '2025-11-03' }))).toBe('invalid_date');
    expect(code(ready().run(chair, { type: 'adopt', place: 'Manila', date: '2025-11-02' }))).toBe('ok');
    expect(code(ready().run(chair, { type: 'adopt', place: 'Manila', date: '2025-10-01' }))).toBe('ok');
  });
});
