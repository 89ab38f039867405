import * as Y from 'yjs';
import { alternativeOfRoot, CLAUSES_ROOT, clauseIdOfRoot, ORDER_ROOT } from '../../shared/doc-layout.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { docStruct } from './doc-struct.ts';
import type { DecodedUpdate, GuardRefusal, TextLocks, UpdateGuard } from './update-guard.ts';
import { IncomingItems, type Place, placeOfDocItem, placeOfNewItem, RootNames } from './update-places.ts';

type AnyStruct = DecodedUpdate['structs'][number];

/**
 * Refuses, before it is applied, any update that changes an adopted draft, touches the text of a
 * frozen clause, changes a frozen clause's metadata or removes a frozen clause from the order,
 * or touches an alternative that is not open (withdrawn, retained, not retained) or whose
 * clause is frozen: an alternative is locked with its clause.
 * The whole update is refused: applying its allowed half would leave the sender's clock with a
 * gap that stalls every later update of that client.
 */
export const guardDecisions: UpdateGuard = (doc, update, locks) => {
  if (locks.adopted) return refuse('the draft is adopted');
  if (locks.frozen.size === 0 && !hasClosedAlternative(locks)) return null;
  const roots = RootNames.of(doc);
  // Items of this update by client, then clock range: never one number made of both, which
  // passes 2^53 for client ids near 2^32 and lets different items collide.
  const incoming = new IncomingItems(update.structs);

  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const known = Y.getState(doc.store, struct.id.client);
    // Yjs skips what it already has: such a struct changes nothing, and must not be trusted
    // to say where anything else goes either (see `resolve`).
    if (struct.id.clock + struct.length <= known) continue;
    if (struct.id.clock < known) {
      // Yjs integrates the unknown rest right after its own item at `known - 1`, whatever
      // origin the struct declares: that place is judged as well as the declared one.
      const left = docStruct(doc, Y.createID(struct.id.client, known - 1));
      const leftPlace = left instanceof Y.Item ? placeOfDocItem(left, roots) : null;
      if (leftPlace === null) return refuse('an update overlaps a removed item');
      const refusal = checkPlace(leftPlace, locks);
      if (refusal !== null) return refusal;
    }
    const place = placeOfNewItem(struct, incoming, doc, roots);
    // Yjs discards an item whose neighbour was removed, and holds back one whose neighbour it
    // lacks (the room then refuses the update with 4400): neither can change a clause.
    if (place === 'discarded' || place === 'unknown') continue;
    const refusal = checkPlace(place, locks) ?? checkOrderInsert(place, struct, locks.frozen);
    if (refusal !== null) return refusal;
  }
  for (const [client, deletions] of update.ds.clients) {
    const structs = doc.store.clients.get(client);
    if (structs === undefined) continue;
    for (const deletion of deletions) {
      const refusal = checkDeletion(structs, deletion.clock, deletion.len, roots, locks);
      if (refusal !== null) return refusal;
    }
  }
  return null;
};

function refuse(reason: string): GuardRefusal {
  return { code: CloseCode.forbidden, reason };
}

function hasClosedAlternative(locks: TextLocks): boolean {
  for (const state of locks.alternatives?.values() ?? []) if (state !== 'open') return true;
  return false;
}

function checkPlace(place: Place, locks: TextLocks): GuardRefusal | null {
  const { frozen } = locks;
  const alternative = alternativeOfRoot(place.root);
  if (alternative !== null) {
    const state = locks.alternatives?.get(place.root);
    if (state === undefined || state === 'open') {
      // An unknown root is the layout guard's to refuse; an open one is locked with its clause.
      return frozen.has(alternative.clauseId)
        ? refuse(`edit of an alternative of frozen clause ${alternative.clauseId}`)
        : null;
    }
    return refuse(`edit of ${state} alternative ${alternative.n} of clause ${alternative.clauseId}`);
  }
  const clauseId = clauseIdOfRoot(place.root);
  if (clauseId !== null && frozen.has(clauseId)) return refuse(`edit of frozen clause ${clauseId}`);
  if (place.root === CLAUSES_ROOT && place.rootKey !== null && frozen.has(place.rootKey)) {
    return refuse(`metadata change of frozen clause ${place.rootKey}`);
  }
  return null;
}

/** A frozen clause appears in the order once: inserting its id again would repeat it. */
function checkOrderInsert(place: Place, item: Y.Item, frozen: ReadonlySet<string>): GuardRefusal | null {
  const ids = place.root === ORDER_ROOT ? orderEntries(item) : null;
  if (ids === null) return null;
  for (const id of ids) {
    if (typeof id === 'string' && frozen.has(id)) return refuse(`second insertion of frozen clause ${id}`);
  }
  return null;
}

/** Checks every doc item a deletion range covers. */
function checkDeletion(
  structs: AnyStruct[] | Array<Y.Item | Y.GC>,
  clock: number,
  len: number,
  roots: RootNames,
  locks: TextLocks,
): GuardRefusal | null {
  const { frozen } = locks;
  const end = clock + len;
  const last = structs.at(-1);
  if (last === undefined || clock >= last.id.clock + last.length) return null;
  for (let index = Y.findIndexSS(structs as Array<Y.Item | Y.GC>, clock); index < structs.length; index++) {
    const struct = structs[index];
    if (struct === undefined || struct.id.clock >= end) break;
    if (!(struct instanceof Y.Item) || struct.deleted) continue;
    const place = placeOfDocItem(struct, roots);
    if (place === null) continue;
    const refusal = checkPlace(place, locks);
    if (refusal !== null) return refusal;
    const ids = place.root === ORDER_ROOT ? orderEntries(struct) : null;
    if (ids !== null) {
      // The range may cover part of an item that holds several clause ids.
      const from = Math.max(clock, struct.id.clock) - struct.id.clock;
      const to = Math.min(end, struct.id.clock + struct.length) - struct.id.clock;
      for (const id of ids.slice(from, to)) {
        if (typeof id === 'string' && frozen.has(id)) return refuse(`removal of frozen clause ${id} from the order`);
      }
    }
  }
  return null;
}

/**
 * The clause ids an item of the order holds. Yjs writes them as ContentAny, but decodes the older
 * ContentJSON too: a frozen clause's id in either is the same id.
 */
function orderEntries(item: Y.Item): unknown[] | null {
  return item.content instanceof Y.ContentAny || item.content instanceof Y.ContentJSON ? item.content.arr : null;
}
