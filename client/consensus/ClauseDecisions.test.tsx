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

function renderDecisions(overrides: Partial<ClauseDecisionsProps> = {}) {
  const props: ClauseDecisionsProps = {
    draft: draftAs(MYS),
    texts: docWithClause('c1', TEXT).texts,
    clauseId: 'c1',
    kind: 'operative',
    label: 'paragraph 1',
    numbered: { label: 'paragraph 1', number: '1', proposedBy: null },
    record: { positions: [], frozen: null },
    adoption: null,
    ...overrides,
  };
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
    expect(screen.getByTestId('position-MYS').getAttribute('aria-label')).toBe('MYS: endorsed');
    expect(screen.getByTestId('position-PHL').getAttribute('aria-label')).toBe(
      'PHL: reserved — awaiting instructions from capital',
    );
    expect(screen.getByTestId('endorsed-count').textContent).toBe('1/2 endorsed');
    expect(screen.getByRole('button', { name: 'Endorse' })).toHaveProperty('disabled', true);
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
    expect(screen.getByTestId('word-diff').querySelector('ins')?.textContent).toBe('added: fruitful ');
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
    expect(screen.getByRole('button', { name: 'Freeze' })).toBeTruthy();
    cleanup();
    renderDecisions({ draft: draftAs(CHAIR), record: { positions: [], frozen: FROZEN } });
    expect(screen.getByTestId('status').textContent).toContain('Frozen');
    expect(screen.getByRole('button', { name: 'Re-open…' })).toBeTruthy();
  });

  it('lets a delegation finish a frozen clause: endorse its words or lift its own reservation, never reserve', async () => {
    renderDecisions({ record: { positions: [], frozen: FROZEN } });
    expect(screen.queryAllByRole('button').map((b) => b.textContent)).toEqual(['Endorse']);
    cleanup();
    const reserved = { ...positionRecord('MYS', 'reserved', TEXT), reason: 'Awaiting instructions.' };
    renderDecisions({ record: { positions: [reserved], frozen: FROZEN } });
    expect(screen.queryAllByRole('button').map((b) => b.textContent)).toEqual(['Endorse', 'Withdraw']);
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    await waitFor(() => expect(requests[0]?.body).toMatchObject({ type: 'position', stance: 'withdrawn' }));
  });

  it('offers nothing to change after adoption, or to an observer', () => {
    for (const props of [
      { adoption: { at: '2026-11-22T11:00:00.000Z', textHash: 'h' } },
      { draft: draftAs({ draftId: 'draft-0001', role: 'observer', delegation: null }) },
    ]) {
      renderDecisions(props);
      expect(screen.queryAllByRole('button')).toEqual([]);
      cleanup();
    }
  });
});
