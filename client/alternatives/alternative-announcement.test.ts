import { describe, expect, it } from 'vitest';
import type { DecisionEvent } from '../../shared/schemas/events.ts';
import { decisionAnnouncement } from '../consensus/decision-announcement.ts';

const labelOf = (id: string) => (id === 'c3' ? 'Operative 3' : 'a clause');
const mark = { n: 2, proposedBy: 'USA', sponsors: ['USA', 'JPN'], state: 'open' as const, at: 'now' };

function event(change: DecisionEvent['change'], delegation: string | null = 'USA'): DecisionEvent {
  const actor = {
    session: 'abc',
    role: delegation === null ? ('chair' as const) : ('delegation' as const),
    delegation,
  };
  return { seq: 1, at: '2026-11-22T10:00:00.000Z', actor, command: change.type, change };
}

describe('what the room announces of an alternative', () => {
  it('names who proposed, joined, left or withdrew it, and the clause as the cards do', () => {
    const change = (kind: 'proposed' | 'sponsored' | 'left' | 'withdrawn') =>
      ({ type: 'alternative', clauseId: 'c3', change: kind, alternative: mark }) as const;
    expect(decisionAnnouncement(event(change('proposed')), labelOf)).toBe(
      'The United States proposed Alt 2 of Operative 3.',
    );
    expect(decisionAnnouncement(event(change('sponsored'), 'JPN'), labelOf)).toBe(
      'Japan now sponsors Alt 2 of Operative 3.',
    );
    expect(decisionAnnouncement(event(change('left'), 'JPN'), labelOf)).toBe(
      'Japan no longer sponsors Alt 2 of Operative 3.',
    );
    expect(decisionAnnouncement(event(change('withdrawn'), null), labelOf)).toBe(
      'The chair withdrew Alt 2 of Operative 3.',
    );
  });

  it('says a position on an alternative, and a freeze with one', () => {
    const position = { delegation: 'JPN', stance: 'endorsed' as const, reason: null, textHash: 'h', at: 'now' };
    expect(
      decisionAnnouncement(
        event({ type: 'alternative-position', clauseId: 'c3', alternative: 2, delegation: 'JPN', position }, 'JPN'),
        labelOf,
      ),
    ).toBe('Japan endorsed Alt 2 of Operative 3.');
    const frozen = { at: 'now', by: 'chair', textHash: 'h' };
    expect(decisionAnnouncement(event({ type: 'freeze', clauseId: 'c3', frozen, alternative: 2 }, null), labelOf)).toBe(
      "The chair froze Operative 3 with Alt 2: its words are the clause's text now.",
    );
  });
});
