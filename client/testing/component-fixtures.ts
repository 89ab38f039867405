import * as Y from 'yjs';
import { ClauseTextCache } from '../../shared/clause-text-cache.ts';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import { clauseTextRoot } from '../../shared/doc-layout.ts';
import type { PositionRecord, Stance } from '../../shared/schemas/decisions.ts';
import type { ClauseState, DraftState, PositionState } from '../../shared/schemas/state.ts';

/** A draft document holding one clause whose plain text is `text`, and the cache of its texts. */
export function docWithClause(clauseId: string, text: string): { doc: Y.Doc; texts: ClauseTextCache } {
  const doc = new Y.Doc();
  clauseTextRoot(doc, clauseId).insert(0, text);
  return { doc, texts: new ClauseTextCache(doc) };
}

/** Replaces a clause's text, as a remote edit would. */
export function setClauseText(doc: Y.Doc, clauseId: string, text: string): void {
  const root = clauseTextRoot(doc, clauseId);
  doc.transact(() => {
    root.delete(0, root.length);
    root.insert(0, text);
  });
}

/** A delegation's position on `text`, as the server records it. */
export function positionRecord(delegation: string, stance: Stance, text: string): PositionRecord {
  return {
    delegation,
    stance,
    reason: stance === 'reserved' ? 'awaiting instructions from capital' : null,
    textHash: hashClauseText(text),
    at: '2026-11-22T09:00:00.000Z',
  };
}

/** The same, as `/state` shows it. */
export function position(
  delegation: string,
  stance: Stance,
  text: string,
  extra: Partial<PositionState> = {},
): PositionState {
  return { ...positionRecord(delegation, stance, text), stale: false, ...extra };
}

export function clauseState(id: string, text: string, extra: Partial<ClauseState> = {}): ClauseState {
  return {
    id,
    kind: 'operative',
    label: 'paragraph 1',
    number: '1',
    proposedBy: null,
    textHash: hashClauseText(text),
    status: 'open',
    frozen: null,
    endorsedCount: 0,
    positions: [],
    ...extra,
  };
}

export function draftState(clauses: ClauseState[], delegations: string[]): DraftState {
  return { draftId: 'draft-0001', seq: 0, consensus: { rule: 'unanimous' }, delegations, clauses, adoption: null };
}

/** A JSON response as the server sends it. */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
