// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import type { SilenceRecord } from '../../shared/schemas/silence.ts';
import { docWithClause } from '../testing/component-fixtures.ts';
import { ClauseDecisions } from './ClauseDecisions.tsx';
import { countdownWords } from './SilencePanel.tsx';

const TEXT = 'COMMEND the 15 years of practical cooperation.';

function silence(deadline: string, state: SilenceRecord['state'] = 'running'): SilenceRecord {
  return {
    id: 'silence-1',
    clauseIds: ['c1'],
    clauses: [{ id: 'c1', label: 'paragraph 1', textHash: hashClauseText(TEXT) }],
    textHash: 'h',
    place: null,
    circulatedAt: '2026-11-22T10:00:00.000Z',
    circulatedBy: 'chair',
    deadline,
    state,
    endedAt: null,
    broken: null,
  };
}

afterEach(cleanup);

describe('the silence in the room', () => {
  it('counts down in days, hours, minutes and seconds, and says when the deadline passed', () => {
    expect(countdownWords(((2 * 24 + 3) * 3600 + 5 * 60) * 1000)).toBe('2 d 3 h 05 min left');
    expect(countdownWords((3600 + 65) * 1000)).toBe('1 h 01 min 05 s left');
    expect(countdownWords(4 * 60_000 + 9000)).toBe('4 min 09 s left');
    expect(countdownWords(0)).toContain('The deadline has passed');
  });

  it('offers a delegation no position on a clause under silence, and offers it again once silence ended', () => {
    const props = {
      draft: {
        id: 'draft-0001',
        title: 'Joint Statement',
        kind: 'joint-statement' as const,
        delegations: ['MYS', 'PHL'],
        consensus: { rule: 'unanimous' as const },
        createdAt: '2026-11-22T00:00:00.000Z',
        you: { draftId: 'draft-0001', role: 'delegation' as const, delegation: 'MYS' },
      },
      texts: docWithClause('c1', TEXT).texts,
      clauseId: 'c1',
      kind: 'operative' as const,
      label: 'paragraph 1',
      numbered: { label: 'paragraph 1', number: 'paragraph 1', proposedBy: null },
      record: { positions: [], frozen: null },
      adoption: null,
    };
    const later = new Date(Date.now() + 3600_000).toISOString();
    const { rerender } = render(<ClauseDecisions {...props} silences={[silence(later)]} />);
    expect(screen.queryByRole('button', { name: 'Endorse' })).toBeNull();
    rerender(<ClauseDecisions {...props} silences={[silence(later, 'broken')]} />);
    expect(screen.getByRole('button', { name: 'Endorse' })).toBeDefined();
  });
});
