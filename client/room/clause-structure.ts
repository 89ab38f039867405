import * as Y from 'yjs';
import { clauseMetaMap, orderArray } from '../../shared/doc-layout.ts';
import type { ClauseKind } from '../../shared/schemas/draft.ts';

/** The origin of this person's changes to the clause list, so that undo covers only those. */
export const STRUCTURE_ORIGIN = Symbol('clause-structure');

/** A new clause id: 96 random bits, in the alphabet of the server's ids. */
function newClauseId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');
}

/** Inserts an empty clause of `kind` at `index` in the order; returns its id. */
export function addClause(doc: Y.Doc, index: number, kind: ClauseKind): string {
  const id = newClauseId();
  doc.transact(() => {
    clauseMetaMap(doc).set(id, { kind });
    orderArray(doc).insert(index, [id]);
  }, STRUCTURE_ORIGIN);
  return id;
}

/**
 * Takes a clause out of the order. Its text stays in the document, so undo brings it back whole
 * and the record of what was said is kept.
 */
export function deleteClause(doc: Y.Doc, clauseId: string): void {
  const order = orderArray(doc);
  const index = order.toArray().indexOf(clauseId);
  if (index === -1) return;
  doc.transact(() => order.delete(index, 1), STRUCTURE_ORIGIN);
}

/** Moves a clause one place up (-1) or down (+1). */
export function moveClause(doc: Y.Doc, clauseId: string, step: -1 | 1): void {
  const order = orderArray(doc);
  const index = order.toArray().indexOf(clauseId);
  const target = index + step;
  if (index === -1 || target < 0 || target >= order.length) return;
  doc.transact(() => {
    order.delete(index, 1);
    order.insert(target, [clauseId]);
  }, STRUCTURE_ORIGIN);
}

/** Undo of this person's own changes to the clause list (not others', not the text). */
export function createStructureUndo(doc: Y.Doc): Y.UndoManager {
  return new Y.UndoManager([orderArray(doc), clauseMetaMap(doc)], {
    trackedOrigins: new Set([STRUCTURE_ORIGIN]),
    // Each click is its own step: by default changes within 500 ms merge, so undoing a delete
    // right after a move would undo the move too.
    captureTimeout: 0,
  });
}
