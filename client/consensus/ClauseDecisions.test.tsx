// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import type { DraftSummary, SessionInfo } from '../../shared/schemas/draft.ts';
import { docWithClause, jsonResponse, positionRecord, setClauseText } from '../testing/component-fixtures.ts';
import { ClauseDecisions, type ClauseDecisionsProps } from './ClauseDecisions.tsx';

const TEXT = 'COMMEND the 15 years of practical cooperation.';
const EDITED = 'COMMEND the 15 years of fruitful practical cooperation.';
const MYS: SessionInfo = { draftId: 'draft-0001', role: 'delegation', delegation: 'MYS' };
const CHAIR: SessionInfo = { draftId: 'draft-0001', role: 'chair', delegation: null };
const FROZEN = { at: '2026-11-22T10:00:00.000Z', by: 'abc', textHash: hashClauseText(TEXT) };

function draftAs(you: SessionInfo): DraftSummary {
  return {
    id: 'draft-0001',
    title: 'Joint Statement',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    consensus: { rule: 'unanimous' },
    createdAt: '2026-11-22T00:00:00.000Z',
    you,
  };
}

/** What the server answers to each request in a test; every request is recorded. */
let answer: (url: string, init: RequestInit | undefined) => Response;
let requests: Array<{ url: string; body: unknown }>;

beforeEach(() => {
  requests = [];
  answer = () => jsonResponse(200, { accepted: true, seq: 1, at: '2026-11-22T10:00:00.000Z' });
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    requests.push({ url, body: init?.body === undefined ? undefined : JSON.parse(String(init.body)) });
    return answer(url, init);
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A delegation's controls on clause c1, open, with `overrides`. */
function decisionsProps(overrides: Partial<ClauseDecisionsProps> = {}): ClauseDecisionsProps {
  return {
    draft: draftAs(MYS),
    texts: docWithClause('c1', TEXT).texts,
    clauseId: 'c1',
    kind: 'operative',
    label: 'paragraph 1',
    numbered: { label: 'paragraph 1', number: 'paragraph 1', proposedBy: null },
    record: { positions: [], frozen: null },
    adoption: null,
    ...overrides,
  };
}

function renderDecisions(overrides: Partial<ClauseDecisionsProps> = {}) {
  const props = decisionsProps(overrides);
  render(<ClauseDecisions {...props} />);
  return props;
}

describe('the position controls', () => {
  it('endorse sends a position on the hash of the text on screen, and nothing else', async () => {
    renderDecisions();
    fireEvent.click(screen.getByRole('button', { name: 'Endorse' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Endorse' })).toHaveProperty('disabled', false));
    expect(requests).toEqual([
      {
        url: '/api/drafts/draft-0001/commands',
        body: { type: 'position', clauseId: 'c1', stance: 'endorsed', textHash: hashClauseText(TEXT) },
      },
    ]);
  });

  it('reserve asks for a reason and cannot be confirmed without one', async () => {
    renderDecisions();
    fireEvent.click(screen.getByRole('button', { name: 'Reserve…' }));
    const confirm = screen.getByRole('button', { name: 'Reserve' });
    expect(confirm).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: '  cannot accept "binding"  ' } });
    expect(confirm).toHaveProperty('disabled', false);
    fireEvent.click(confirm);
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.body).toMatchObject({ stance: 'reserved', reason: 'cannot accept "binding"' });
  });

  it('shows its own position and everyone else’s, and offers to withdraw', () => {
    renderDecisions({
      record: {
        positions: [positionRecord('MYS', 'endorsed', TEXT), positionRecord('PHL', 'reserved', TEXT)],
        frozen: null,
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'All 2 positions' }));
    expect(screen.getByTestId('position-MYS').getAttribute('aria-label')).toBe('MYS: endorsed');
    expect(screen.getByTestId('position-PHL').getAttribute('aria-label')).toBe(
      'PHL: reserved — awaiting instructions from capital',
    );
    expect(screen.getByTestId('endorsed-count').textContent).toBe('1/2 endorsed');
    // Unavailable, yet still focusable: the focus stays on it after the endorsement.
    expect(screen.getByRole('button', { name: '✓ Endorsed' }).getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByRole('button', { name: 'Withdraw' })).toBeTruthy();
  });

  it('says a position is stale as soon as the text on screen changes, and shows the words that changed', async () => {
    answer = (url) => jsonResponse(200, { textHash: url.split('/').pop(), text: TEXT });
    const { doc, texts } = docWithClause('c1', TEXT);
    renderDecisions({ texts, record: { positions: [positionRecord('MYS', 'endorsed', TEXT)], frozen: null } });
    expect(screen.queryByTestId('stale-note')).toBeNull();
    act(() => setClauseText(doc, 'c1', EDITED));
    await waitFor(() => expect(screen.getByTestId('word-diff')).toBeTruthy());
    expect(screen.getByTestId('stale-note').textContent).toContain('You endorsed an earlier text of paragraph 1');
    // Nobody watched who changed it: the note does not guess.
    expect(screen.getByTestId('changed-by').textContent).toBe('The text changed since you endorsed it.');
    expect(screen.getByTestId('word-diff').querySelector('ins')?.textContent).toBe('added: fruitful ');
    expect(screen.getByTestId('summary').textContent).toBe('0/2 endorsed · 1 on an earlier text');
    fireEvent.click(screen.getByRole('button', { name: 'All 2 positions' }));
    expect(screen.getByTestId('position-MYS').getAttribute('aria-label')).toBe('MYS: endorsed on an earlier text');
    expect(requests.map((r) => r.url)).toEqual([`/api/drafts/draft-0001/texts/${hashClauseText(TEXT)}`]);
  });

  it('on 409 text_changed shows what changed and endorses the current text on request', async () => {
    answer = () =>
      jsonResponse(409, {
        error: {
          code: 'text_changed',
          message: 'The text of this clause changed since you read it.',
          details: { currentTextHash: hashClauseText(EDITED), currentText: EDITED },
        },
      });
    const { doc, texts } = docWithClause('c1', TEXT);
    renderDecisions({ texts });
    fireEvent.click(screen.getByRole('button', { name: 'Endorse' }));
    const notice = await screen.findByTestId('text-changed');
    expect(notice.textContent).toContain('paragraph 1 changed while you were deciding');
    expect(notice.querySelector('ins')?.textContent).toBe('added: fruitful ');

    // The edit reaches this screen, then the person endorses the words they now see.
    act(() => setClauseText(doc, 'c1', EDITED));
    answer = () => jsonResponse(200, { accepted: true, seq: 2, at: '2026-11-22T10:00:01.000Z' });
    fireEvent.click(screen.getByRole('button', { name: 'Endorse the current text' }));
    await waitFor(() => expect(screen.queryByTestId('text-changed')).toBeNull());
    expect(requests[1]?.body).toMatchObject({ stance: 'endorsed', textHash: hashClauseText(EDITED) });
  });

  it('gives the chair freeze and re-open, never a position', () => {
    renderDecisions({ draft: draftAs(CHAIR) });
    expect(screen.queryByRole('button', { name: 'Endorse' })).toBeNull();
    expect(screen.getByRole('button', { name: /^Freeze/ })).toBeTruthy();
    cleanup();
    renderDecisions({ draft: draftAs(CHAIR), record: { positions: [], frozen: FROZEN } });
    expect(screen.getByTestId('status').textContent).toContain('Frozen');
    expect(screen.getByRole('button', { name: 'Re-open…' })).toBeTruthy();
  });

  it('lets a delegation finish a frozen clause: endorse its words (or ad ref) or lift its own reservation, never reserve', async () => {
    const actions = () =>
      screen.queryAllByRole('button').flatMap((b) => (b.textContent?.startsWith('All ') ? [] : [b.textContent]));
    renderDecisions({ record: { positions: [], frozen: FROZEN } });
    expect(actions()).toEqual(['Endorse', 'Agree ad ref…']);
    cleanup();
    const reserved = { ...positionRecord('MYS', 'reserved', TEXT), reason: 'Awaiting instructions.' };
    renderDecisions({ record: { positions: [reserved], frozen: FROZEN } });
    expect(actions()).toEqual(['Endorse', 'Agree ad ref…', 'Withdraw']);
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    await waitFor(() => expect(requests[0]?.body).toMatchObject({ type: 'position', stance: 'withdrawn' }));
  });

  it('offers nothing to change after adoption, or to an observer', () => {
    for (const props of [
      { adoption: { at: '2026-11-22T11:00:00.000Z', textHash: 'h' } },
      { draft: draftAs({ draftId: 'draft-0001', role: 'observer', delegation: null }) },
    ]) {
      renderDecisions(props);
      // Only the summary's "show every position" remains.
      expect(screen.queryAllByRole('button').map((b) => b.textContent)).toEqual(['All 2 positions']);
      cleanup();
    }
  });
});

describe('the compact card', () => {
  it('says in one line who endorsed and who reserves, with every reason readable without hovering', () => {
    renderDecisions({
      draft: { ...draftAs(MYS), delegations: ['MYS', 'PHL', 'CHN'] },
      record: {
        positions: [
          positionRecord('MYS', 'endorsed', TEXT),
          positionRecord('PHL', 'reserved', TEXT),
          { ...positionRecord('CHN', 'reserved', TEXT), reason: 'cannot accept "binding"' },
        ],
        frozen: null,
      },
    });
    expect(screen.getByTestId('summary').textContent).toBe('1/3 endorsed · PHL, CHN reserve');
    expect(screen.getByTestId('reasons').textContent).toBe(
      '✗ PHL reserves: awaiting instructions from capital✗ CHN reserves: cannot accept "binding"',
    );
    expect(screen.queryByTestId('position-MYS')).toBeNull();
    const toggle = screen.getByRole('button', { name: 'All 3 positions' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getAllByRole('listitem', { name: /^(MYS|PHL|CHN):/ })).toHaveLength(3);
  });
});

describe('the focus after a decision', () => {
  it('stays on Endorse while the endorsement is on its way and after it', async () => {
    renderDecisions();
    const endorse = screen.getByRole('button', { name: 'Endorse' });
    endorse.focus();
    fireEvent.click(endorse);
    // Not disabled while busy: a disabled button loses the focus to the page.
    expect(endorse.hasAttribute('disabled')).toBe(false);
    expect(endorse.getAttribute('aria-disabled')).toBe('true');
    await waitFor(() => expect(endorse.getAttribute('aria-disabled')).toBe('false'));
    expect(document.activeElement).toBe(endorse);
  });

  it('goes back to Reserve… when the reason is confirmed', async () => {
    renderDecisions();
    const reserve = screen.getByRole('button', { name: 'Reserve…' });
    reserve.focus();
    fireEvent.click(reserve);
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'awaiting instructions' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reserve' }));
    await waitFor(() => expect(requests).toHaveLength(1));
    await waitFor(() => expect(document.activeElement).toBe(reserve));
  });

  it('goes back to Reserve… when the dialog is cancelled with Escape', async () => {
    renderDecisions();
    const reserve = screen.getByRole('button', { name: 'Reserve…' });
    reserve.focus();
    fireEvent.click(reserve);
    screen.getByLabelText('Reason').focus();
    fireEvent(screen.getByRole('dialog'), new Event('cancel', { cancelable: true }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(reserve));
    expect(requests).toEqual([]);
  });

  it('goes to the card when a decision takes the focused action away', () => {
    const props = decisionsProps();
    const inCard = (p: ClauseDecisionsProps) => (
      <ol>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: as in ClauseCard, the card is a tab stop */}
        <li data-testid="clause" tabIndex={0}>
          <ClauseDecisions {...p} />
        </li>
      </ol>
    );
    const { rerender } = render(inCard(props));
    screen.getByRole('button', { name: 'Endorse' }).focus();
    // The chair adopted the draft meanwhile: a delegation's actions are gone.
    rerender(inCard({ ...props, adoption: { at: '2026-11-22T11:00:00.000Z', textHash: 'h' } }));
    expect(screen.queryByRole('button', { name: 'Endorse' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('clause'));
  });

  it('keeps the focus on the chair’s Freeze as it turns into Re-open…', () => {
    const props = decisionsProps({ draft: draftAs(CHAIR) });
    const { rerender } = render(<ClauseDecisions {...props} />);
    screen.getByRole('button', { name: /^Freeze/ }).focus();
    rerender(<ClauseDecisions {...props} record={{ positions: [], frozen: FROZEN }} />);
    expect(document.activeElement?.textContent).toBe('Re-open…');
  });
});

describe('freezing', () => {
  it('freezes an agreed clause at once, on the text on screen', async () => {
    renderDecisions({
      draft: draftAs(CHAIR),
      record: {
        positions: [positionRecord('MYS', 'endorsed', TEXT), positionRecord('PHL', 'endorsed', TEXT)],
        frozen: null,
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Freeze' }));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.body).toEqual({ type: 'freeze', clauseId: 'c1', textHash: hashClauseText(TEXT) });
  });

  it('asks the chair to confirm a clause not agreed, naming who has no position and who reserves', async () => {
    renderDecisions({
      draft: draftAs(CHAIR),
      record: { positions: [positionRecord('PHL', 'reserved', TEXT)], frozen: null },
    });
    const freeze = screen.getByRole('button', { name: 'Freeze…' });
    freeze.focus();
    fireEvent.click(freeze);
    const warning = screen.getByTestId('freeze-warning').textContent ?? '';
    expect(warning).toContain('No position on these words: MYS (1 of 2)');
    expect(warning).toContain('PHL reserves: awaiting instructions from capital');
    expect(requests).toHaveLength(0);
    // Cancel is where the focus starts: Enter out of habit freezes nothing.
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.click(screen.getByRole('button', { name: 'Freeze anyway' }));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.body).toMatchObject({ type: 'freeze', clauseId: 'c1' });
  });

  it('counts a position on earlier words as no position, and sends nothing when cancelled', async () => {
    renderDecisions({
      draft: draftAs(CHAIR),
      record: {
        positions: [positionRecord('MYS', 'endorsed', TEXT), positionRecord('PHL', 'endorsed', 'Earlier words.')],
        frozen: null,
      },
    });
    const freeze = screen.getByRole('button', { name: 'Freeze…' });
    freeze.focus();
    fireEvent.click(freeze);
    expect(screen.getByTestId('freeze-warning').textContent).toContain('No position on these words: PHL (1 of 2)');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('freeze-warning')).toBeNull();
    await act(async () => {});
    expect(requests).toHaveLength(0);
    expect(document.activeElement).toBe(freeze);
  });
});

describe('the reason dialog', () => {
  it('confirms with Ctrl+Enter and with ⌘+Enter', async () => {
    renderDecisions();
    fireEvent.click(screen.getByRole('button', { name: 'Reserve…' }));
    const reason = screen.getByLabelText('Reason');
    fireEvent.change(reason, { target: { value: 'awaiting instructions' } });
    fireEvent.keyDown(reason, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.body).toMatchObject({ stance: 'reserved', reason: 'awaiting instructions' });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Reserve…' }).getAttribute('aria-disabled')).toBe('false'),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Reserve…' }));
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'still awaiting' } });
    fireEvent.keyDown(screen.getByLabelText('Reason'), { key: 'Enter', metaKey: true });
    await waitFor(() => expect(requests).toHaveLength(2));
  });

  it('does not confirm an empty reason with Ctrl+Enter, nor with Enter alone', () => {
    renderDecisions();
    fireEvent.click(screen.getByRole('button', { name: 'Reserve…' }));
    fireEvent.keyDown(screen.getByLabelText('Reason'), { key: 'Enter', ctrlKey: true });
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'awaiting' } });
    fireEvent.keyDown(screen.getByLabelText('Reason'), { key: 'Enter' });
    expect(requests).toEqual([]);
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});

describe('ad referendum and kinds of reservation', () => {
  const adRef = (delegation: string, expectedBy: string | null) => ({
    ...positionRecord(delegation, 'endorsed', TEXT),
    adReferendum: { expectedBy },
  });

  it('agrees ad referendum with the date of confirmation picked, or none', async () => {
    renderDecisions();
    fireEvent.click(screen.getByRole('button', { name: 'Agree ad ref…' }));
    expect(screen.getByRole('dialog').textContent).toContain('subject to confirmation by your capital');
    fireEvent.change(screen.getByLabelText(/Expected confirmation by/), { target: { value: '2999-12-10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Agree ad ref' }));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.body).toEqual({
      type: 'position',
      clauseId: 'c1',
      stance: 'endorsed',
      textHash: hashClauseText(TEXT),
      adReferendum: { expectedBy: '2999-12-10' },
    });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Agree ad ref…' })).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Agree ad ref…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Agree ad ref' }));
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1]?.body).toMatchObject({ adReferendum: {} });
  });

  it('refuses a date of confirmation already past in the dialog', () => {
    renderDecisions();
    fireEvent.click(screen.getByRole('button', { name: 'Agree ad ref…' }));
    fireEvent.change(screen.getByLabelText(/Expected confirmation by/), { target: { value: '2001-01-01' } });
    expect(screen.getByRole('button', { name: 'Agree ad ref' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('alert').textContent).toContain('That day has passed');
  });

  it('shows "agreed ad ref" in words, and gives the delegation that agreed so a Confirm that endorses plainly', async () => {
    renderDecisions({
      record: { positions: [adRef('MYS', '2999-12-10'), positionRecord('PHL', 'endorsed', TEXT)], frozen: FROZEN },
    });
    expect(screen.getByTestId('status').textContent).toBe('Frozen');
    expect(screen.getByTestId('summary-ad-ref').textContent).toContain('MYS ad ref, not yet confirmed');
    expect(screen.getByTestId('own-ad-ref').textContent).toContain('confirmation expected by 2999-12-10');
    fireEvent.click(screen.getByRole('button', { name: 'All 2 positions' }));
    expect(screen.getByTestId('position-MYS').textContent).toContain('ad ref');
    expect(screen.getByTestId('position-MYS').getAttribute('aria-label')).toBe(
      'MYS: endorsed ad referendum (confirmation expected by 2999-12-10)',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.body).toEqual({
      type: 'position',
      clauseId: 'c1',
      stance: 'endorsed',
      textHash: hashClauseText(TEXT),
    });
  });

  it('says "Agreed ad ref" while a delegation has not confirmed', () => {
    renderDecisions({
      record: { positions: [positionRecord('MYS', 'endorsed', TEXT), adRef('PHL', null)], frozen: null },
    });
    expect(screen.getByTestId('status').textContent).toBe('✓ Agreed ad ref');
    expect(screen.queryByRole('button', { name: 'Confirm' })).toBeNull();
  });

  it('offers the kinds of reservation, substantive by default, a scrutiny one needing no reason', async () => {
    renderDecisions();
    fireEvent.click(screen.getByRole('button', { name: 'Reserve…' }));
    expect(screen.getByRole('radio', { name: /Substantive/ })).toHaveProperty('checked', true);
    const confirm = screen.getByRole('button', { name: 'Reserve' });
    expect(confirm).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('radio', { name: /Parliamentary scrutiny/ }));
    expect(confirm).toHaveProperty('disabled', false);
    fireEvent.click(confirm);
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.body).toEqual({
      type: 'position',
      clauseId: 'c1',
      stance: 'reserved',
      textHash: hashClauseText(TEXT),
      reservationKind: 'scrutiny',
    });
  });
});
