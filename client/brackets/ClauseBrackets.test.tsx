// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { anchorAtOffset, encodeAnchor } from '../../shared/consensus/bracket-anchors.ts';
import type { ClauseDecisionRecord } from '../../shared/consensus/decision-records.ts';
import { clauseTextRoot } from '../../shared/doc-layout.ts';
import type { BracketRecord } from '../../shared/schemas/brackets.ts';
import type { DraftSummary, SessionInfo } from '../../shared/schemas/draft.ts';
import { RoomContext, type RoomContextValue } from '../room/room-context.tsx';
import { docWithClause, jsonResponse } from '../testing/component-fixtures.ts';
import { ClauseBrackets } from './ClauseBrackets.tsx';

const TEXT = 'UPHOLD freedom of navigation and overflight in the region.';
const as = (role: SessionInfo['role'], delegation: string | null): SessionInfo => ({
  draftId: 'draft-0001',
  role,
  delegation,
});

let requests: unknown[];
beforeEach(() => {
  requests = [];
  vi.stubGlobal('fetch', async (_url: string, init?: RequestInit) => {
    requests.push(JSON.parse(String(init?.body)));
    return jsonResponse(200, { accepted: true, seq: 1, at: 'x' });
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function bracketOver(doc: Y.Doc, words: string, holders: string[]): BracketRecord {
  const root = clauseTextRoot(doc, 'c1');
  const from = TEXT.indexOf(words);
  return {
    id: 'b1',
    clauseId: 'c1',
    kind: 'awaiting-instructions',
    note: 'capital is consulting',
    holders,
    start: encodeAnchor(anchorAtOffset(root, from, 0)),
    end: encodeAnchor(anchorAtOffset(root, from + words.length, -1)),
    quote: words,
    placedAt: 'x',
    lifted: null,
  };
}

function renderAs(you: SessionInfo, brackets: (doc: Y.Doc) => BracketRecord[]) {
  const { doc, texts } = docWithClause('c1', TEXT);
  const draft: DraftSummary = {
    id: 'draft-0001',
    title: 'Joint Statement',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    consensus: { rule: 'unanimous' },
    createdAt: '2026-11-22T00:00:00.000Z',
    you,
  };
  // The cards' shared context: only what the bracket list reads of it.
  const room = { draft, doc, texts, adoption: null } as unknown as RoomContextValue;
  const record: ClauseDecisionRecord = { positions: [], frozen: null, brackets: brackets(doc) };
  const card = { current: null };
  render(
    <RoomContext.Provider value={room}>
      <ClauseBrackets
        clauseId="c1"
        kind="operative"
        label="Operative 1"
        numbered={{ label: 'paragraph 1', number: 'paragraph 1', proposedBy: null }}
        record={record}
        card={card}
      />
    </RoomContext.Provider>,
  );
  return { doc };
}

describe('a clause’s brackets', () => {
  it('lists a bracket with its words, kind, holders and note, and lets another delegation join it', async () => {
    renderAs(as('delegation', 'PHL'), (doc) => [bracketOver(doc, 'freedom of navigation', ['MYS'])]);
    expect(screen.getByTestId('bracket').textContent).toContain(
      '[freedom of navigation] awaiting instructions, MYS: capital is consulting',
    );
    expect(screen.getByTestId('brackets-summary').textContent).toContain(
      'Endorsing it means: you accept this text once its brackets are resolved.',
    );
    expect(screen.queryByRole('button', { name: 'Lift' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    await waitFor(() => expect(requests).toEqual([{ type: 'join-bracket', clauseId: 'c1', bracketId: 'b1' }]));
  });

  it('offers the chair Lift and nothing else', () => {
    renderAs(as('chair', null), (doc) => [bracketOver(doc, 'freedom of navigation', ['MYS', 'PHL'])]);
    expect(screen.getByTestId('bracket').textContent).toContain('MYS, also held by PHL');
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Lift']);
  });

  it('reports a bracket whose words were deleted', () => {
    const { doc } = renderAs(as('delegation', 'MYS'), (d) => [bracketOver(d, 'overflight', ['MYS'])]);
    expect(screen.queryByTestId('bracket-deleted')).toBeNull();
    const root = clauseTextRoot(doc, 'c1');
    doc.transact(() => root.delete(TEXT.indexOf('overflight'), 'overflight'.length));
    return waitFor(() =>
      expect(screen.getByTestId('bracket-deleted').textContent).toContain(
        'The bracketed words "overflight" were deleted',
      ),
    );
  });

  it('offers an observer nothing to do', () => {
    renderAs(as('observer', null), (doc) => [bracketOver(doc, 'freedom', ['MYS'])]);
    expect(screen.queryAllByRole('button')).toEqual([]);
  });
});
