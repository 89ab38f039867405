import { describe, expect, it } from 'vitest';
import type { PositionRecord } from '../../shared/schemas/decisions.ts';
import type { DecisionEvent } from '../../shared/schemas/events.ts';
import { decisionAnnouncement } from './decision-announcement.ts';

const actor = { session: 'abc', role: 'delegation' as const, delegation: 'PHL' };
const labelOf = (id: string) => (id === 'c3' ? 'Operative 3' : 'a clause');

function event(change: DecisionEvent['change']): DecisionEvent {
  return { seq: 1, at: '2026-11-22T10:00:00.000Z', actor, command: change.type, change };
}

describe('what the room announces of a decision', () => {
  it('names the delegation and the clause as the cards do', () => {
    const position = { delegation: 'PHL', stance: 'endorsed' as const, reason: null, textHash: 'h', at: 'now' };
    expect(
      decisionAnnouncement(event({ type: 'position', clauseId: 'c3', delegation: 'PHL', position }), labelOf),
    ).toBe('The Philippines endorsed Operative 3.');
    expect(
      decisionAnnouncement(
        event({
          type: 'position',
          clauseId: 'c3',
          delegation: 'MYS',
          position: { ...position, delegation: 'MYS', stance: 'reserved', reason: 'awaiting instructions.' },
        }),
        labelOf,
      ),
    ).toBe('Malaysia reserved its position on Operative 3: awaiting instructions.');
    expect(
      decisionAnnouncement(event({ type: 'position', clauseId: 'c3', delegation: 'USA', position: null }), labelOf),
    ).toBe('The United States withdrew its position on Operative 3.');
  });

  it('says what the chair did', () => {
    const frozen = { at: 'now', by: 'chair', textHash: 'h' };
    expect(decisionAnnouncement(event({ type: 'freeze', clauseId: 'c3', frozen }), labelOf)).toBe(
      'The chair froze Operative 3.',
    );
    expect(decisionAnnouncement(event({ type: 'reopen', clauseId: 'c3', reason: 'new wording.' }), labelOf)).toBe(
      'The chair re-opened Operative 3: new wording.',
    );
    expect(decisionAnnouncement(event({ type: 'adopt', adoption: { at: 'now', textHash: 'h' } }), labelOf)).toBe(
      'The chair adopted the draft. Its text is final.',
    );
  });

  it('says who bracketed which words, and who joined, left or lifted a bracket', () => {
    const bracket = {
      id: 'b1',
      clauseId: 'c3',
      kind: 'contested' as const,
      note: null,
      holders: ['PHL'],
      start: 'AA==',
      end: 'AA==',
      quote: 'freedom of navigation',
      placedAt: 'x',
      lifted: null,
    };
    const say = (command: 'place-bracket' | 'join-bracket' | 'lift-bracket', who: DecisionEvent['actor'] = actor) =>
      decisionAnnouncement({ ...event({ type: 'bracket', clauseId: 'c3', command, bracket }), actor: who }, labelOf);
    expect(say('place-bracket')).toBe('The Philippines bracketed "freedom of navigation" in Operative 3.');
    expect(say('join-bracket')).toBe('The Philippines joined the bracket on "freedom of navigation" in Operative 3.');
    expect(say('lift-bracket', { session: 's', role: 'chair', delegation: null })).toBe(
      'The chair lifted the bracket on "freedom of navigation" in Operative 3.',
    );
  });

  it('says an agreement ad referendum and a reservation’s kind in words', () => {
    const base = { delegation: 'PHL', reason: null, textHash: 'h', at: 'now' };
    const say = (position: PositionRecord) =>
      decisionAnnouncement(event({ type: 'position', clauseId: 'c3', delegation: 'PHL', position }), labelOf);
    expect(say({ ...base, stance: 'endorsed', adReferendum: { expectedBy: null } })).toBe(
      'The Philippines agreed Operative 3 ad referendum, subject to its capital’s confirmation.',
    );
    expect(say({ ...base, stance: 'reserved', reservationKind: 'scrutiny' })).toBe(
      'The Philippines entered a parliamentary scrutiny reservation on Operative 3.',
    );
  });
});

describe('what the room announces of the silence procedure', () => {
  const silence = {
    id: 'silence-1',
    clauseIds: ['c3'],
    clauses: [{ id: 'c3', label: 'paragraph 3', textHash: 'h' }],
    textHash: 'h',
    place: null,
    circulatedAt: '2026-11-22T10:00:00.000Z',
    circulatedBy: 'chair',
    deadline: '2026-11-22T10:30:00.000Z',
    state: 'running' as const,
    endedAt: null,
    broken: null,
  };

  it('says what was circulated until when, who broke silence on what and why, and how it ended', () => {
    expect(decisionAnnouncement(event({ type: 'silence-circulated', silence }), labelOf)).toBe(
      'The chair circulated paragraph 3 under silence until 10:30 UTC. The text is locked.',
    );
    const broken = {
      ...silence,
      state: 'broken' as const,
      endedAt: '2026-11-22T10:05:00.000Z',
      broken: { delegation: 'PHL', clauseIds: ['c3'], labels: ['paragraph 3'], reason: 'awaiting instructions' },
    };
    expect(decisionAnnouncement(event({ type: 'silence-broken', silence: broken }), labelOf)).toBe(
      'Silence was broken by PHL on paragraph 3 (awaiting instructions). The text is open again.',
    );
    const concluded = { ...silence, state: 'concluded' as const, endedAt: silence.deadline };
    expect(
      decisionAnnouncement(
        event({ type: 'silence-concluded', silence: concluded, adoption: null, frozen: [] }),
        labelOf,
      ),
    ).toContain('agreed under silence');
    expect(
      decisionAnnouncement(event({ type: 'chair-statement', statement: { at: 'now', textHash: 'h' } }), labelOf),
    ).toBe("The chair issued the text as a Chairman's Statement. The draft is closed.");
  });
});

describe('versions', () => {
  it('says a version was named and a clause restored to one', () => {
    const at = '2026-01-01T10:00:00.000Z';
    const actor = { session: 's', role: 'chair' as const, delegation: null };
    expect(
      decisionAnnouncement(
        { seq: 1, at, actor, command: 'name-version', change: { type: 'version-named', label: 'Rev.1' } },
        () => '',
      ),
    ).toBe('The chair named this version of the text "Rev.1".');
    expect(
      decisionAnnouncement(
        {
          seq: 2,
          at,
          actor,
          command: 'restore-version-text',
          change: { type: 'clause-text-restored', clauseId: 'c1', version: 1, restoredHash: 'a'.repeat(64) },
        },
        () => 'Operative 1',
      ),
    ).toBe('Operative 1 was set back to the words of version 1.');
  });
});
