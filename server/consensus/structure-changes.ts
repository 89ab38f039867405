import type * as Y from 'yjs';
import type { StructureEffect } from '../../shared/consensus/decide.ts';
import { type ClauseMeta, clauseMetaMap, clauseTextRoot, orderArray } from '../../shared/doc-layout.ts';
import { seedClauseText } from '../drafts/seed-clause-text.ts';

/**
 * Writes an accepted change to the clause list into the document, as the rules decided it:
 * called by the room inside one transaction (`Room.applyServerChange`), so clients receive it
 * as one update. A deleted clause leaves the order only: its metadata and text stay, so that it
 * can be restored with its words.
 */
export function applyStructureEffect(doc: Y.Doc, effect: StructureEffect): void {
  const order = orderArray(doc);
  const meta = clauseMetaMap(doc);
  const placeOf = (clauseId: string): number => order.toArray().indexOf(clauseId);
  switch (effect.type) {
    case 'add-clause': {
      const entry: ClauseMeta =
        effect.proposedBy === null ? { kind: effect.kind } : { kind: effect.kind, proposedBy: effect.proposedBy };
      meta.set(effect.clauseId, entry);
      order.insert(effect.index, [effect.clauseId]);
      // Its first, empty paragraph, as the editor writes it, so that whoever opens it can type.
      if (clauseTextRoot(doc, effect.clauseId).length === 0) seedClauseText(doc, effect.clauseId, '');
      return;
    }
    case 'move-clause': {
      const from = placeOf(effect.clauseId);
      if (from === -1) throw new Error(`Clause ${effect.clauseId} is not in the order.`);
      order.delete(from, 1);
      order.insert(effect.index, [effect.clauseId]);
      return;
    }
    case 'delete-clause': {
      const at = placeOf(effect.clauseId);
      if (at === -1) throw new Error(`Clause ${effect.clauseId} is not in the order.`);
      order.delete(at, 1);
      return;
    }
    case 'restore-clause':
      order.insert(effect.index, [effect.clauseId]);
      return;
    case 'take-up-clause':
      meta.set(effect.clauseId, { kind: effect.kind });
      return;
  }
}
