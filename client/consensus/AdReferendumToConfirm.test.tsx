// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import type { ClauseDecisionFacts, DecisionFacts } from '../../shared/consensus/decide.ts';
import type { Actor, PositionRecord } from '../../shared/schemas/decisions.ts';
import { jsonResponse, positionRecord } from '../testing/component-fixtures.ts';
import { AdReferendumToConfirm } from './AdReferendumToConfirm.tsx';

const TEXT = 'ENHANCE information-sharing among coast guards.';
const VNM: Actor = { session: '', role: 'delegation', delegation: 'VNM' };
const MYS: Actor = { session: '', role: 'delegation', delegation: 'MYS' };

let bodies: unknown[];
beforeEach(() => {
  bodies = [];
  vi.stubGlobal('fetch', async (_url: string, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init?.body)));
    return jsonResponse(200, { accepted: true, seq: 1, at: '2026-12-02T09:00:00.000Z' });
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function facts(positions: PositionRecord[]): DecisionFacts {
  const textHash = hashClauseText(TEXT);
  const clause: ClauseDecisionFacts = {
    id: 'c1',
    kind: 'operative',
    text: TEXT,
    textHash,
    label: 'paragraph 1',
    number: 'paragraph 1',
    proposedBy: null,
    frozen: { at: '2026-12-02T09:00:00.000Z', by: 'chair', textHash },
    positions,
  };
  return {
    draft: {
      id: 'draft-0001',
      title: 'Joint Statement',
      kind: 'joint-statement',
      delegations: ['MYS', 'VNM'],
      consensus: { rule: 'unanimous' },
      createdAt: '2026-11-01T00:00:00.000Z',
    },
    adoption: null,
    clauses: [clause],
    removed: [],
    now: new Date().toISOString(),
  };
}

const adRef = { ...positionRecord('VNM', 'endorsed', TEXT), adReferendum: { expectedBy: '2026-12-10' } };
const labels = new Map([['c1', 'Operative 1']]);

describe('the agreements ad referendum a delegation has to confirm', () => {
  it('lists its own with the expected date, and Confirm endorses the same words plainly', async () => {
    render(<AdReferendumToConfirm facts={facts([adRef])} actor={VNM} labels={labels} />);
    expect(screen.getByTestId('ad-ref-to-confirm').textContent).toContain(
      'Operative 1, confirmation expected by 2026-12-10',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Confirm Operative 1' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({ type: 'position', clauseId: 'c1', stance: 'endorsed', textHash: hashClauseText(TEXT) });
  });

  it('shows nothing to another delegation, nor once confirmed', () => {
    render(<AdReferendumToConfirm facts={facts([adRef])} actor={MYS} labels={labels} />);
    expect(screen.queryByTestId('ad-ref-to-confirm')).toBeNull();
    cleanup();
    const confirmed = positionRecord('VNM', 'endorsed', TEXT);
    render(<AdReferendumToConfirm facts={facts([confirmed])} actor={VNM} labels={labels} />);
    expect(screen.queryByTestId('ad-ref-to-confirm')).toBeNull();
  });
});
