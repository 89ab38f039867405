import { describe, expect, it } from 'vitest';
import { Command } from '../schemas/commands.ts';
import type { Actor, PositionRecord } from '../schemas/decisions.ts';
import { adoptionReadiness, blockerRemedy, describeBlocker } from './adoption-readiness.ts';
import { hashClauseText } from './clause-hash.ts';
import { clauseStatus } from './clause-status.ts';
import { type ClauseDecisionFacts, canAgreeAdReferendum, type DecisionFacts, decide } from './decide.ts';

const DELEGATIONS = ['MYS', 'VNM'];
const NOW = '2026-12-02T09:00:00.000Z';
const TEXT = 'COMMEND the work of the experts;';
const HASH = hashClauseText(TEXT);
const VNM: Actor = { session: 'vnm-session', role: 'delegation', delegation: 'VNM' };
const CHAIR: Actor = { session: 'chair-session', role: 'chair', delegation: null };

const plain = (delegation: string, textHash = HASH): PositionRecord => ({
  delegation,
  stance: 'endorsed',
  reason: null,
  textHash,
  at: NOW,
  number: '5',
});
const adRef = (delegation: string, expectedBy: string | null = '2026-12-10', textHash = HASH): PositionRecord => ({
  ...plain(delegation, textHash),
  adReferendum: { expectedBy },
});

function clause(positions: PositionRecord[], frozen = false): ClauseDecisionFacts {
  return {
    id: 'c5',
    kind: 'operative',
    text: TEXT,
    textHash: HASH,
    label: 'paragraph 5',
    number: '5',
    proposedBy: null,
    frozen: frozen ? { at: NOW, by: 'chair-session', textHash: HASH } : null,
    positions,
  };
}

function facts(c: ClauseDecisionFacts): DecisionFacts {
  return {
    draft: {
      id: 'draft-0001',
      title: 'Joint Statement',
      kind: 'joint-statement',
      delegations: DELEGATIONS,
      consensus: { rule: 'unanimous' },
      createdAt: '2026-11-01T00:00:00.000Z',
    },
    adoption: null,
    clauses: [c],
    removed: [],
    now: NOW,
  };
}

function agreeAdRef(f: DecisionFacts, expectedBy?: string) {
  return decide(f, VNM, {
    type: 'position',
    clauseId: 'c5',
    stance: 'endorsed',
    textHash: HASH,
    adReferendum: expectedBy === undefined ? {} : { expectedBy },
  });
}

const codeOf = (decision: ReturnType<typeof decide>) => (decision.ok ? 'ok' : decision.error.code);

describe('agreement ad referendum', () => {
  it('records the expected date of confirmation on the endorsement', () => {
    const decision = agreeAdRef(facts(clause([plain('MYS')])), '2026-12-10');
    expect(decision).toMatchObject({
      ok: true,
      effect: { type: 'set-position', position: { stance: 'endorsed', adReferendum: { expectedBy: '2026-12-10' } } },
    });
  });

  it('records an agreement with no date named as expected by null', () => {
    const decision = agreeAdRef(facts(clause([])));
    expect(decision).toMatchObject({ ok: true, effect: { position: { adReferendum: { expectedBy: null } } } });
  });

  it('refuses a date of confirmation before yesterday and takes yesterday, as the meeting’s day may be', () => {
    const f = facts(clause([]));
    expect(codeOf(agreeAdRef(f, '2026-11-30'))).toBe('invalid_date');
    expect(codeOf(agreeAdRef(f, '2026-12-01'))).toBe('ok');
    expect(codeOf(agreeAdRef(f, '2026-12-02'))).toBe('ok');
  });

  it('makes a clause every delegation endorsed "agreed ad ref" until the ad referendum is confirmed', () => {
    expect(clauseStatus(clause([plain('MYS'), adRef('VNM')]), DELEGATIONS)).toBe('agreed-ad-ref');
    expect(clauseStatus(clause([plain('MYS'), plain('VNM')]), DELEGATIONS)).toBe('agreed');
    expect(clauseStatus(clause([adRef('VNM')]), DELEGATIONS)).toBe('open');
  });

  it('does not count an ad referendum endorsement of an earlier text', () => {
    const stale = clause([plain('MYS'), adRef('VNM', '2026-12-10', hashClauseText('earlier words'))]);
    expect(clauseStatus(stale, DELEGATIONS)).toBe('open');
    const readiness = adoptionReadiness({
      clauses: [{ ...stale, frozen: clause([], true).frozen }],
      delegations: DELEGATIONS,
      consensus: { rule: 'unanimous' },
      adopted: false,
    });
    expect(readiness.blockers.map((b) => b.reason)).toEqual(['missing_positions']);
  });

  it('lets the chair freeze it, and blocks adoption naming the delegation and its date until it confirms', () => {
    const open = facts(clause([plain('MYS'), adRef('VNM')]));
    expect(codeOf(decide(open, CHAIR, { type: 'freeze', clauseId: 'c5', textHash: HASH }))).toBe('ok');
    const frozen = facts(clause([plain('MYS'), adRef('VNM')], true));
    const adopt = decide(frozen, CHAIR, { type: 'adopt', place: 'Kuala Lumpur', date: '2026-12-02' });
    expect(adopt).toMatchObject({ ok: false, error: { code: 'adoption_blocked' } });
    const [blocker] = adoptionReadiness({ ...frozen.draft, clauses: frozen.clauses, adopted: false }).blockers;
    if (blocker === undefined) throw new Error('no blocker');
    expect(blocker).toEqual({
      reason: 'ad_referendum',
      clauseId: 'c5',
      label: 'paragraph 5',
      delegation: 'VNM',
      expectedBy: '2026-12-10',
    });
    expect(describeBlocker(blocker)).toBe(
      'Viet Nam agreed paragraph 5 ad referendum and has not confirmed (expected by 2026-12-10).',
    );
    expect(blockerRemedy(blocker)).toContain('VNM confirms by endorsing the text plainly');

    const confirm = decide(frozen, VNM, { type: 'position', clauseId: 'c5', stance: 'endorsed', textHash: HASH });
    if (!confirm.ok || confirm.effect.type !== 'set-position') throw new Error('confirmation refused');
    expect(confirm.effect.position.adReferendum).toBeUndefined();
    const confirmed = facts(clause([plain('MYS'), confirm.effect.position], true));
    expect(codeOf(decide(confirmed, CHAIR, { type: 'adopt', place: 'Kuala Lumpur', date: '2026-12-02' }))).toBe('ok');
  });

  it('says nothing of a date when the delegation named none', () => {
    const [blocker] = adoptionReadiness({
      clauses: [clause([plain('MYS'), adRef('VNM', null)], true)],
      delegations: DELEGATIONS,
      consensus: { rule: 'minus-x', x: 1 },
      adopted: false,
    }).blockers;
    expect(blocker === undefined ? '' : describeBlocker(blocker)).toBe(
      'Viet Nam agreed paragraph 5 ad referendum and has not confirmed.',
    );
  });

  it('on a frozen clause lets the delegation withdraw its ad referendum, but not turn a plain endorsement into one', () => {
    const withAdRef = facts(clause([plain('MYS'), adRef('VNM')], true));
    const withdraw = { type: 'position', clauseId: 'c5', stance: 'withdrawn', textHash: HASH } as const;
    expect(codeOf(decide(withAdRef, VNM, withdraw))).toBe('ok');
    const withPlain = facts(clause([plain('MYS'), plain('VNM')], true));
    expect(codeOf(decide(withPlain, VNM, withdraw))).toBe('frozen');
    expect(codeOf(agreeAdRef(withPlain))).toBe('frozen');
    expect(canAgreeAdReferendum(withPlain, VNM, 'c5')).toBe(false);
    // A delegation that had not spoken may still agree the frozen text ad referendum, as it may endorse it.
    expect(canAgreeAdReferendum(facts(clause([plain('MYS')], true)), VNM, 'c5')).toBe(true);
  });
});

describe('the position command on the wire', () => {
  const base = { type: 'position', clauseId: 'clause-5', textHash: HASH } as const;

  it('takes an ad referendum only with an endorsement, and a valid date', () => {
    expect(Command.safeParse({ ...base, stance: 'endorsed', adReferendum: {} }).success).toBe(true);
    expect(Command.safeParse({ ...base, stance: 'endorsed', adReferendum: { expectedBy: '2026-12-10' } }).success).toBe(
      true,
    );
    expect(Command.safeParse({ ...base, stance: 'endorsed', adReferendum: { expectedBy: '10/12/2026' } }).success).toBe(
      false,
    );
    expect(Command.safeParse({ ...base, stance: 'endorsed', adReferendum: { expectedBy: '2026-02-30' } }).success).toBe(
      false,
    );
    expect(Command.safeParse({ ...base, stance: 'reserved', reason: 'r', adReferendum: {} }).success).toBe(false);
    expect(Command.safeParse({ ...base, stance: 'withdrawn', adReferendum: {} }).success).toBe(false);
  });

  it('takes a reservation kind only with a reservation, and a reason unless the kind says it', () => {
    expect(Command.safeParse({ ...base, stance: 'reserved', reservationKind: 'scrutiny' }).success).toBe(true);
    expect(Command.safeParse({ ...base, stance: 'reserved', reservationKind: 'linguistic' }).success).toBe(true);
    expect(Command.safeParse({ ...base, stance: 'reserved', reservationKind: 'general' }).success).toBe(false);
    expect(Command.safeParse({ ...base, stance: 'reserved' }).success).toBe(false);
    expect(Command.safeParse({ ...base, stance: 'reserved', reason: 'r', reservationKind: 'other' }).success).toBe(
      false,
    );
    expect(Command.safeParse({ ...base, stance: 'endorsed', reservationKind: 'scrutiny' }).success).toBe(false);
  });

  it('still takes the commands of clients that know neither', () => {
    expect(Command.safeParse({ ...base, stance: 'endorsed' }).success).toBe(true);
    expect(Command.safeParse({ ...base, stance: 'reserved', reason: 'awaiting instructions' }).success).toBe(true);
  });
});
