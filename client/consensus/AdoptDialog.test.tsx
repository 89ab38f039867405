// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import type { ClauseDecisionFacts, DecisionFacts } from '../../shared/consensus/decide.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import { positionRecord } from '../testing/component-fixtures.ts';
import { AdoptDialog } from './AdoptDialog.tsx';

const CHAIR: Actor = { session: 's', role: 'chair', delegation: null };
const OPERATIVE = 'PROMOTE maritime cooperation.';
const CLOSING = 'Adopted in Vientiane, Lao PDR, on 9 October 2024.';

function clause(id: string, kind: ClauseDecisionFacts['kind'], text: string, extra: Partial<ClauseDecisionFacts> = {}) {
  const textHash = hashClauseText(text);
  return {
    id,
    kind,
    text,
    textHash,
    label: kind === 'closing' ? 'the closing paragraph' : 'paragraph 1',
    number: kind === 'closing' ? null : 'paragraph 1',
    proposedBy: null,
    positions: [],
    frozen: { at: '2026-12-01T09:00:00.000Z', by: 'chair', textHash },
    ...extra,
  } satisfies ClauseDecisionFacts;
}

function facts(clauses: ClauseDecisionFacts[]): DecisionFacts {
  return {
    draft: {
      id: 'draft-0001',
      title: 'Joint Statement',
      kind: 'joint-statement',
      delegations: ['MYS', 'PHL'],
      consensus: { rule: 'unanimous' },
      createdAt: '2024-10-01T08:00:00.000Z',
    },
    adoption: null,
    clauses,
    removed: [],
    now: new Date().toISOString(),
  };
}

beforeAll(() => {
  // happy-dom may have no modal dialogs.
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
});
afterEach(cleanup);

describe('the adoption dialog', () => {
  it('says what the chair can do about each blocker', () => {
    const op = clause('c1', 'operative', OPERATIVE, { positions: [positionRecord('MYS', 'endorsed', OPERATIVE)] });
    render(<AdoptDialog facts={facts([op])} actor={CHAIR} onClose={() => {}} />);
    const blockers = screen.getByTestId('blockers').textContent ?? '';
    expect(blockers).toContain('PHL');
    expect(blockers).toContain("a delegation can still endorse a frozen clause's text without re-opening it");
    expect((screen.getByRole('button', { name: 'Adopt' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('refuses a date before the draft existed, and warns when the closing line gives another day', () => {
    const endorsed = ['MYS', 'PHL'].map((d) => positionRecord(d, 'endorsed', OPERATIVE));
    const closingEndorsed = ['MYS', 'PHL'].map((d) => positionRecord(d, 'endorsed', CLOSING));
    const clauses = [
      clause('c1', 'operative', OPERATIVE, { positions: endorsed }),
      clause('c2', 'closing', CLOSING, { positions: closingEndorsed }),
    ];
    render(<AdoptDialog facts={facts(clauses)} actor={CHAIR} onClose={() => {}} />);
    fireEvent.change(screen.getByLabelText('Place'), { target: { value: 'Vientiane, Lao PDR' } });
    const adopt = screen.getByRole('button', { name: 'Adopt' }) as HTMLButtonElement;
    const date = screen.getByLabelText(/Date/) as HTMLInputElement;
    const note = () => screen.getByTestId('adoption-date-note').textContent ?? '';

    // Today by default, which the closing line does not say.
    expect(note()).toContain('The closing line says 9 October 2024');
    expect(adopt.disabled).toBe(false);

    fireEvent.change(date, { target: { value: '2024-09-30' } });
    expect(note()).toContain('before the draft was created (2024-10-01)');
    expect(adopt.disabled).toBe(true);

    fireEvent.change(date, { target: { value: '2024-10-09' } });
    expect(note()).toBe('The day the text is adopted, as the record and the closing line give it.');
    expect(adopt.disabled).toBe(false);
  });

  it('names each agreement ad referendum not yet confirmed, with what the delegation can do', () => {
    const positions = [
      positionRecord('MYS', 'endorsed', OPERATIVE),
      { ...positionRecord('PHL', 'endorsed', OPERATIVE), adReferendum: { expectedBy: '2026-12-10' } },
    ];
    render(
      <AdoptDialog
        facts={facts([clause('c1', 'operative', OPERATIVE, { positions })])}
        actor={CHAIR}
        onClose={() => {}}
      />,
    );
    const blockers = screen.getByTestId('blockers').textContent ?? '';
    expect(blockers).toContain(
      'The Philippines agreed paragraph 1 ad referendum and has not confirmed (expected by 2026-12-10).',
    );
    expect(blockers).toContain('PHL confirms by endorsing the text plainly once its capital agrees');
    expect((screen.getByRole('button', { name: 'Adopt' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
