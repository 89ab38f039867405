import * as Y from 'yjs';
import { CLAUSES_ROOT, ORDER_ROOT } from '../../shared/doc-layout.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { docStruct } from './doc-struct.ts';
import type { GuardRefusal, UpdateGuard } from './update-guard.ts';
import { IncomingItems, type Place, placeOfDocItem, placeOfNewItem, RootNames } from './update-places.ts';

/**
 * Refuses any update from a client that changes the clause list: the order or the clauses'
 * metadata. Adding, moving, deleting and restoring clauses and taking a proposal into the text
 * are commands, decided by the rules and written into the document by the server with their
 * audit entry (`server/consensus/structure-changes.ts`); so a delegation cannot move or delete a
 * clause, nor pass its clause off as the chair's, whatever its client sends.
 */
export const guardStructure: UpdateGuard = (doc, update) => {
  const roots = RootNames.of(doc);
  const incoming = new IncomingItems(update.structs);
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const known = Y.getState(doc.store, struct.id.client);
    if (struct.id.clock + struct.length <= known) continue;
    if (struct.id.clock < known) {
      // Yjs integrates the unknown rest right after its own item at `known - 1`.
      const left = docStruct(doc, Y.createID(struct.id.client, known - 1));
      const leftPlace = left instanceof Y.Item ? placeOfDocItem(left, roots) : null;
      if (leftPlace !== null && isClauseList(leftPlace)) return REFUSAL;
    }
    const place = placeOfNewItem(struct, incoming, doc, roots);
    if (place === 'discarded' || place === 'unknown') continue;
    if (isClauseList(place)) return REFUSAL;
  }
  for (const [client, deletions] of update.ds.clients) {
    const structs = doc.store.clients.get(client);
    if (structs === undefined) continue;
    for (const { clock, len } of deletions) {
      const end = clock + len;
      const last = structs.at(-1);
      if (len === 0 || last === undefined || clock >= last.id.clock + last.length) continue;
      for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
        const struct = structs[index];
        if (struct === undefined || struct.id.clock >= end) break;
        if (!(struct instanceof Y.Item) || struct.deleted) continue;
        const place = placeOfDocItem(struct, roots);
        if (place !== null && isClauseList(place)) return REFUSAL;
      }
    }
  }
  return null;
};

function isClauseList(place: Place): boolean {
  return place.root === ORDER_ROOT || place.root === CLAUSES_ROOT;
}

const REFUSAL: GuardRefusal = {
  code: CloseCode.forbidden,
  reason: 'a client changed the clause list',
  message: 'The clause list changes only through the room’s commands (add, move, delete). Reload.',
};
