import * as Y from 'yjs';
import { CLAUSES_ROOT, clauseIdOfRoot, ORDER_ROOT } from '../../shared/doc-layout.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { docStruct } from './doc-struct.ts';
import type { DecodedUpdate, GuardRefusal, UpdateGuard } from './update-guard.ts';

type AnyStruct = DecodedUpdate['structs'][number];

/**
 * Refuses, before it is applied, any update that changes an adopted draft, touches the text of a
 * frozen clause, changes a frozen clause's metadata or removes a frozen clause from the order.
 * The whole update is refused: applying its allowed half would leave the sender's clock with a
 * gap that stalls every later update of that client.
 */
export const guardDecisions: UpdateGuard = (doc, update, locks) => {
  if (locks.adopted) return refuse('the draft is adopted');
  if (locks.frozen.size === 0) return null;
  const roots = new RootNames(doc);
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
      const refusal = checkPlace(leftPlace, locks.frozen);
      if (refusal !== null) return refusal;
    }
    const place = placeOfNewItem(struct, incoming, doc, roots);
    // Yjs discards an item whose neighbour was removed, and holds back one whose neighbour it
    // lacks (the room then refuses the update with 4400): neither can change a clause.
    if (place === 'discarded' || place === 'unknown') continue;
    const refusal = checkPlace(place, locks.frozen) ?? checkOrderInsert(place, struct, locks.frozen);
    if (refusal !== null) return refusal;
  }
  for (const [client, deletions] of update.ds.clients) {
    const structs = doc.store.clients.get(client);
    if (structs === undefined) continue;
    for (const deletion of deletions) {
      const refusal = checkDeletion(structs, deletion.clock, deletion.len, roots, locks.frozen);
      if (refusal !== null) return refusal;
    }
  }
  return null;
};

interface Place {
  root: string;
  /** The key of a map entry at the root (`clauses` metadata), if the item is one. */
  rootKey: string | null;
}

function refuse(reason: string): GuardRefusal {
  return { code: CloseCode.forbidden, reason };
}

/** Names of the doc's top-level types, built once per update rather than scanned per item. */
class RootNames {
  private readonly names = new Map<unknown, string>();
  constructor(doc: Y.Doc) {
    for (const [name, type] of doc.share) this.names.set(type, name);
  }
  of(type: unknown): string | null {
    return this.names.get(type) ?? null;
  }
}

/** Where an item already in the doc lives: its root, and its key there if it is a root map entry. */
function placeOfDocItem(item: Y.Item, roots: RootNames): Place | null {
  let current: Y.Item = item;
  for (;;) {
    const parent = current.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    if (parent._item === null) {
      const root = roots.of(parent);
      return root === null ? null : { root, rootKey: current.parentSub };
    }
    current = parent._item;
  }
}

/**
 * Where an incoming item will live. Yjs writes an item's parent only when it has no neighbour;
 * otherwise the parent is its left (or right) origin's, so the place is found through that.
 */
function placeOfNewItem(
  item: Y.Item,
  incoming: IncomingItems,
  doc: Y.Doc,
  roots: RootNames,
): Place | 'discarded' | 'unknown' {
  const seen = new Set<Y.Item>();
  let current = item;
  for (;;) {
    if (seen.has(current)) return 'unknown';
    seen.add(current);
    const parent: unknown = current.parent;
    if (typeof parent === 'string') return { root: parent, rootKey: current.parentSub };
    // A parent id names the item of the type the item goes into; an origin names a sibling.
    // Either lives where the item will (a sibling shares parent and map key), so follow it.
    const via = parent instanceof Y.ID ? parent : (current.origin ?? current.rightOrigin);
    if (via === null) return 'unknown';
    const found = resolve(via, incoming, doc);
    if (found === 'removed') return 'discarded';
    if (found === null) return 'unknown';
    if (found.inDoc) return placeOfDocItem(found.item, roots) ?? 'unknown';
    current = found.item;
  }
}

/**
 * The struct an id names, as Yjs will see it: the doc's own for any clock the doc has (a struct
 * of the update with the same id is skipped by Yjs, so a forged one must not mislead the guard),
 * the update's beyond that.
 */
function resolve(id: Y.ID, incoming: IncomingItems, doc: Y.Doc): { item: Y.Item; inDoc: boolean } | 'removed' | null {
  if (id.clock < Y.getState(doc.store, id.client)) {
    const struct = docStruct(doc, id);
    return struct instanceof Y.Item ? { item: struct, inDoc: true } : 'removed';
  }
  const item = incoming.find(id);
  return item === null ? null : { item, inDoc: false };
}

/** The items of an update, found by any clock they cover (an origin names an item's last clock). */
class IncomingItems {
  private readonly byClient = new Map<number, Y.Item[]>();
  constructor(structs: DecodedUpdate['structs']) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      let items = this.byClient.get(struct.id.client);
      if (items === undefined) {
        items = [];
        this.byClient.set(struct.id.client, items);
      }
      items.push(struct);
    }
    for (const items of this.byClient.values()) items.sort((a, b) => a.id.clock - b.id.clock);
  }
  find(id: Y.ID): Y.Item | null {
    const items = this.byClient.get(id.client);
    if (items === undefined) return null;
    let low = 0;
    let high = items.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const item = items[mid] as Y.Item;
      if (id.clock < item.id.clock) high = mid - 1;
      else if (id.clock >= item.id.clock + item.length) low = mid + 1;
      else return item;
    }
    return null;
  }
}

function checkPlace(place: Place, frozen: ReadonlySet<string>): GuardRefusal | null {
  const clauseId = clauseIdOfRoot(place.root);
  if (clauseId !== null && frozen.has(clauseId)) return refuse(`edit of frozen clause ${clauseId}`);
  if (place.root === CLAUSES_ROOT && place.rootKey !== null && frozen.has(place.rootKey)) {
    return refuse(`metadata change of frozen clause ${place.rootKey}`);
  }
  return null;
}

/** A frozen clause appears in the order once: inserting its id again would repeat it. */
function checkOrderInsert(place: Place, item: Y.Item, frozen: ReadonlySet<string>): GuardRefusal | null {
  if (place.root !== ORDER_ROOT || !(item.content instanceof Y.ContentAny)) return null;
  for (const id of item.content.arr) {
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
  frozen: ReadonlySet<string>,
): GuardRefusal | null {
  const end = clock + len;
  const last = structs.at(-1);
  if (last === undefined || clock >= last.id.clock + last.length) return null;
  for (let index = Y.findIndexSS(structs as Array<Y.Item | Y.GC>, clock); index < structs.length; index++) {
    const struct = structs[index];
    if (struct === undefined || struct.id.clock >= end) break;
    if (!(struct instanceof Y.Item) || struct.deleted) continue;
    const place = placeOfDocItem(struct, roots);
    if (place === null) continue;
    const refusal = checkPlace(place, frozen);
    if (refusal !== null) return refusal;
    if (place.root === ORDER_ROOT && struct.content instanceof Y.ContentAny) {
      // The range may cover part of an item that holds several clause ids.
      const from = Math.max(clock, struct.id.clock) - struct.id.clock;
      const to = Math.min(end, struct.id.clock + struct.length) - struct.id.clock;
      for (const id of struct.content.arr.slice(from, to)) {
        if (typeof id === 'string' && frozen.has(id)) return refuse(`removal of frozen clause ${id} from the order`);
      }
    }
  }
  return null;
}
