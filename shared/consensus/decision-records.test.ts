import { describe, expect, it } from 'vitest';
import type { DecisionEvent } from '../schemas/events.ts';
import { applyDecisionEvent, clauseRecord, type DraftDecisionRecords } from './decision-records.ts';

const EMPTY: DraftDecisionRecords = { seq: 0, adoption: null, clauses: new Map() };
const MYS = { session: 'mys', role: 'delegation' as const, delegation: 'MYS' };

function endorse(seq: number, clauseId: string): DecisionEvent {
  const position = { delegation: 'MYS', stance: 'endorsed' as const, reason: null, textHash: 'h', at: 'now' };
  return {
    seq,
    at: 'now',
    actor: MYS,
    command: 'position',
    change: { type: 'position', clauseId, delegation: 'MYS', position },
  };
}

describe('applyDecisionEvent', () => {
  it('applies the next event and keeps every clause it did not touch', () => {
    const one = applyDecisionEvent(EMPTY, endorse(1, 'a'));
    if (one === 'gap') throw new Error('gap');
    const two = applyDecisionEvent(one, endorse(2, 'b'));
    if (two === 'gap') throw new Error('gap');
    expect(two.seq).toBe(2);
    expect(two.clauses.get('a')).toBe(one.clauses.get('a'));
    expect(two.clauses.get('b')?.positions).toHaveLength(1);
  });

  it('says when an event was missed, and ignores one it already has', () => {
    expect(applyDecisionEvent(EMPTY, endorse(2, 'a'))).toBe('gap');
    const one = applyDecisionEvent(EMPTY, endorse(1, 'a'));
    if (one === 'gap') throw new Error('gap');
    expect(applyDecisionEvent(one, endorse(1, 'a'))).toBe(one);
  });

  it('replaces a delegation’s position, removes it on withdrawal, and follows freeze and re-open', () => {
    const steps: DecisionEvent[] = [
      endorse(1, 'a'),
      { ...endorse(2, 'a'), change: { type: 'position', clauseId: 'a', delegation: 'MYS', position: null } },
      {
        ...endorse(3, 'a'),
        command: 'freeze',
        change: { type: 'freeze', clauseId: 'a', frozen: { at: 'now', by: 'chair', textHash: 'h' } },
      },
    ];
    let records: DraftDecisionRecords = EMPTY;
    for (const event of steps) {
      const next = applyDecisionEvent(records, event);
      if (next === 'gap') throw new Error('gap');
      records = next;
    }
    expect(records.clauses.get('a')).toEqual({ positions: [], frozen: { at: 'now', by: 'chair', textHash: 'h' } });
    const reopened = applyDecisionEvent(records, {
      ...endorse(4, 'a'),
      command: 'reopen',
      change: { type: 'reopen', clauseId: 'a', reason: 'PHL asked' },
    });
    if (reopened === 'gap') throw new Error('gap');
    expect(clauseRecord(reopened, 'a').frozen).toBeNull();
    // Nothing is decided on the clause any more: it has no entry, as in a state loaded afresh.
    expect(reopened.clauses.has('a')).toBe(false);
  });
});
