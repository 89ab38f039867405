import * as Y from 'yjs';
import { walkClause } from '../../shared/attribution/clause-items.ts';
import { clauseIdOfRoot } from '../../shared/doc-layout.ts';
import type { TextEdit } from '../storage/document-store.ts';
import { RootNames } from './update-places.ts';

/** The characters of one recorded edit, at most; the rest is cut with "…" (one paste can be long). */
export const MAX_EDIT_TEXT = 2000;
/** Edits recorded of one transaction, at most (a paste over many paragraphs of many clauses). */
const MAX_EDITS_PER_TRANSACTION = 200;

/**
 * The clause edits of a transaction: text it inserted and text it deleted, clause by clause, as
 * runs in document order with their offsets. Must run in `afterTransaction`, before Yjs garbage
 * collects the deleted items' content (which a live room's doc does, `gc: true`). Text both
 * inserted and deleted in the same transaction is neither.
 */
export function clauseEditsOf(transaction: Y.Transaction): TextEdit[] {
  const roots = new Map<Y.XmlText, string>();
  const doc = transaction.doc;
  for (const type of transaction.changed.keys()) {
    const root = rootOf(type);
    if (root instanceof Y.XmlText && !roots.has(root)) {
      const clauseId = clauseIdOf(doc, root);
      if (clauseId !== null) roots.set(root, clauseId);
    }
  }
  const edits: TextEdit[] = [];
  for (const [root, clauseId] of roots) {
    let current: TextEdit | null = null;
    walkClause(root, ({ item, text, offset }) => {
      const inserted = item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
      const deleted = Y.isDeleted(transaction.deleteSet, item.id);
      const kind = inserted && !deleted ? 'insert' : deleted && !inserted ? 'delete' : null;
      if (kind === null || text === '') {
        if (!(inserted && deleted)) current = null;
        return;
      }
      if (
        current !== null &&
        current.kind === kind &&
        (kind === 'delete' || current.offset + current.text.length === offset)
      ) {
        if (current.text.length < MAX_EDIT_TEXT) current.text += text;
        return;
      }
      current = { clauseId, kind, offset, text };
      edits.push(current);
    });
  }
  for (const edit of edits) {
    if (edit.text.length > MAX_EDIT_TEXT) edit.text = `${edit.text.slice(0, MAX_EDIT_TEXT - 1)}…`;
  }
  return edits.slice(0, MAX_EDITS_PER_TRANSACTION);
}

/** A shared type as far as its place in the tree goes (Yjs types it loosely). */
interface Nested {
  _item: Y.Item | null;
}

function rootOf(type: Nested): Nested {
  let current = type;
  while (current._item !== null) current = current._item.parent as Nested;
  return current;
}

/** The id of the clause whose root `root` is, or null (the order, the metadata). */
function clauseIdOf(doc: Y.Doc, root: Nested): string | null {
  const name = RootNames.of(doc).of(root);
  return name === null ? null : clauseIdOfRoot(name);
}
