import * as Y from 'yjs';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import { clauseRootName } from '../../shared/doc-layout.ts';
import type { ClauseState, DraftState, PositionState } from '../../shared/schemas/state.ts';

/** A draft document holding one clause whose plain text is `text`. */
export function docWithClause(clauseId: string, text: string): Y.Doc {
  const doc = new Y.Doc();
  (doc.get(clauseRootName(clauseId), Y.XmlText) as Y.XmlText).insert(0, text);
  return doc;
}

/** Replaces a clause's text, as a remote edit would. */
export function setClauseText(doc: Y.Doc, clauseId: string, text: string): void {
  const root = doc.get(clauseRootName(clauseId), Y.XmlText) as Y.XmlText;
  doc.transact(() => {
    root.delete(0, root.length);
    root.insert(0, text);
  });
}

export function position(
  delegation: string,
  stance: 'endorsed' | 'reserved',
  text: string,
  extra: Partial<PositionState> = {},
): PositionState {
  return {
    delegation,
    stance,
    reason: stance === 'reserved' ? 'awaiting instructions from capital' : null,
    textHash: hashClauseText(text),
    at: '2026-11-22T09:00:00.000Z',
    stale: false,
    ...extra,
  };
}

export function clauseState(id: string, text: string, extra: Partial<ClauseState> = {}): ClauseState {
  return {
    id,
    kind: 'operative',
    label: 'paragraph 1',
    textHash: hashClauseText(text),
    status: 'open',
    frozen: null,
    endorsedCount: 0,
    positions: [],
    ...extra,
  };
}

export function draftState(clauses: ClauseState[], delegations: string[]): DraftState {
  return { draftId: 'draft-0001', consensus: { rule: 'unanimous' }, delegations, clauses, adoption: null };
}

/** A JSON response as the server sends it. */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
