import { describe, expect, it } from 'vitest';
import type { ReservationKind } from '../schemas/decisions.ts';
import { adoptionReadiness } from './adoption-readiness.ts';
import type { ClauseFacts } from './positions.ts';
import { footnoteNamesClause, reservationFootnote } from './reservation-footnote.ts';

const note = (kind: ReservationKind) =>
  reservationFootnote({ delegation: 'PHL', label: 'paragraph 5', kind, reason: 'cannot accept "binding"' });

describe('reservationFootnote', () => {
  it('prints each kind in the practice’s wording, with the reason where the practice gives one', () => {
    expect(note('substantive')).toBe('PHL reserves its position on paragraph 5: cannot accept "binding"');
    expect(note('scrutiny')).toBe('PHL maintains a parliamentary scrutiny reservation on paragraph 5.');
    expect(note('linguistic')).toBe('PHL maintains a linguistic reservation on paragraph 5.');
    expect(note('general')).toBe('PHL maintains a general reservation on paragraph 5: cannot accept "binding"');
  });

  it('finds the clause a footnote of any kind names, and not one whose label only starts the same', () => {
    for (const kind of ['substantive', 'scrutiny', 'linguistic', 'general'] as const) {
      expect(footnoteNamesClause(note(kind), 'paragraph 5')).toBe(true);
      expect(footnoteNamesClause(note(kind).replace('paragraph 5', 'paragraph 50'), 'paragraph 5')).toBe(false);
    }
    expect(footnoteNamesClause(note('scrutiny'), '')).toBe(false);
  });

  it('is the footnote adoption writes under minus-x, a reservation recorded before kinds being substantive', () => {
    const clause: ClauseFacts = {
      id: 'c5',
      kind: 'operative',
      textHash: 'h',
      label: 'paragraph 5',
      number: '5',
      proposedBy: null,
      frozen: { at: 'now', by: 'chair', textHash: 'h' },
      positions: [
        { delegation: 'MYS', stance: 'reserved', reason: 'old', textHash: 'h', at: 'now', number: '5' },
        {
          delegation: 'NZL',
          stance: 'reserved',
          reason: null,
          textHash: 'h',
          at: 'now',
          number: '5',
          reservationKind: 'scrutiny',
        },
      ],
    };
    const { footnotes, ready } = adoptionReadiness({
      clauses: [clause],
      delegations: ['MYS', 'NZL'],
      consensus: { rule: 'minus-x', x: 2 },
      adopted: false,
    });
    expect(ready).toBe(true);
    expect(footnotes).toEqual([
      'MYS reserves its position on paragraph 5: old',
      'NZL maintains a parliamentary scrutiny reservation on paragraph 5.',
    ]);
  });
});
