import { describe, expect, it } from 'vitest';
import type { DecisionChange, DecisionEvent } from '../../shared/schemas/events.ts';
import { structureNotice } from './structure-notice.ts';

const CHAIR = { session: 's1', role: 'chair', delegation: null } as const;
const MYS = { session: 's2', role: 'delegation', delegation: 'MYS' } as const;

function event(change: DecisionChange, actor: DecisionEvent['actor'] = CHAIR): DecisionEvent {
  return { seq: 1, at: '2026-12-02T09:00:00.000Z', actor, command: change.type, change };
}

describe('the notice a change to the clause list gives everyone', () => {
  it('names the paragraph and who changed it', () => {
    const deleted = { type: 'clause-deleted', clauseId: 'c', kind: 'operative', label: 'paragraph 11' } as const;
    expect(structureNotice(event({ ...deleted, withdrawnProposal: false }))).toBe(
      'Paragraph 11 was deleted by the chair.',
    );
    expect(structureNotice(event({ ...deleted, label: 'paragraph 5 bis', withdrawnProposal: true }, MYS))).toBe(
      'MYS withdrew its proposal, paragraph 5 bis.',
    );
    expect(
      structureNotice(
        event(
          { type: 'clause-moved', clauseId: 'c', kind: 'operative', from: 'paragraph 3', to: 'paragraph 2' },
          {
            session: 's3',
            role: 'secretariat',
            delegation: null,
          },
        ),
      ),
    ).toBe('Paragraph 3 was moved by the secretariat; it is now paragraph 2.');
    const pastAProposal = {
      type: 'clause-moved',
      clauseId: 'c',
      kind: 'operative',
      from: 'paragraph 2',
      to: 'paragraph 2',
    };
    expect(structureNotice(event(pastAProposal as DecisionChange))).toBe(
      'Paragraph 2 was moved by the chair; its number is the same.',
    );
  });

  it('says a delegation’s new clause is its proposal, and when the chair takes it up', () => {
    const added = { type: 'clause-added', clauseId: 'c', kind: 'operative', label: 'paragraph 5 bis' } as const;
    expect(structureNotice(event({ ...added, proposedBy: 'MYS' }, MYS))).toBe('MYS proposed paragraph 5 bis.');
    expect(structureNotice(event({ ...added, label: 'paragraph 6', proposedBy: null }))).toBe(
      'The chair added paragraph 6.',
    );
    const takenUp = {
      type: 'proposal-taken-up',
      clauseId: 'c',
      kind: 'operative',
      from: 'paragraph 5 bis',
      to: 'paragraph 6',
      proposedBy: 'MYS',
    } as const;
    expect(structureNotice(event(takenUp))).toBe(
      "The chair took MYS's proposal, paragraph 5 bis, into the text as paragraph 6.",
    );
  });

  it('gives no notice for a decision on a clause’s text', () => {
    expect(structureNotice(event({ type: 'reopen', clauseId: 'c', reason: 'more work' }))).toBeNull();
  });
});
