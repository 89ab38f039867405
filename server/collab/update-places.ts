import * as Y from 'yjs';
import { docStruct } from './doc-struct.ts';
import type { DecodedUpdate } from './update-guard.ts';

/**
 * Where the items of an incoming update will go, found before the update is applied: what every
 * guard needs, shared so that each reads the update the way Yjs will integrate it.
 */

/** The root an item lives under, and its key there if it is an entry of a root map. */
export interface Place {
  root: string;
  /** The key of a map entry at the root (`clauses` metadata), if the item is one. */
  rootKey: string | null;
}

/**
 * Names of a doc's top-level types, kept per doc (`RootNames.of`) rather than built for every
 * update: reading the names of a 100-clause draft's roots three times per keystroke was a tenth
 * of the guards' time. A root the names do not know yet (one added since, or a placeholder that
 * `doc.get` replaced with its typed root) makes them read the doc's roots again, at most once per
 * `RootNames.of`, so a hostile update naming many unknown types costs what it did before.
 */
export class RootNames {
  private static readonly byDoc = new WeakMap<Y.Doc, RootNames>();
  private names = new Map<unknown, string>();
  private fresh = false;

  private constructor(private readonly doc: Y.Doc) {
    this.read();
  }

  /** The doc's root names, for one guard's (or one transaction's) lookups. */
  static of(doc: Y.Doc): RootNames {
    let roots = RootNames.byDoc.get(doc);
    if (roots === undefined) {
      roots = new RootNames(doc);
      RootNames.byDoc.set(doc, roots);
    } else {
      roots.fresh = false;
    }
    return roots;
  }

  of(type: unknown): string | null {
    const name = this.names.get(type);
    if (name !== undefined) return name;
    if (this.fresh) return null;
    this.read();
    return this.names.get(type) ?? null;
  }

  private read(): void {
    this.names = new Map();
    for (const [name, type] of this.doc.share) this.names.set(type, name);
    this.fresh = true;
  }
}

/** Where an item already in the doc lives: its root, and its key there if it is a root map entry. */
export function placeOfDocItem(item: Y.Item, roots: RootNames): Place | null {
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
export function placeOfNewItem(
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
export function resolve(
  id: Y.ID,
  incoming: IncomingItems,
  doc: Y.Doc,
): { item: Y.Item; inDoc: boolean } | 'removed' | null {
  if (id.clock < Y.getState(doc.store, id.client)) {
    const struct = docStruct(doc, id);
    return struct instanceof Y.Item ? { item: struct, inDoc: true } : 'removed';
  }
  const item = incoming.find(id);
  return item === null ? null : { item, inDoc: false };
}

/** The items of an update, found by any clock they cover (an origin names an item's last clock). */
export class IncomingItems {
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

/** The type an item goes into: a root by name, or the item whose content is a nested type. */
export type ParentRef = { root: string } | { typeItem: Y.Item; inDoc: boolean };

/** An item's parent and its key in it (`parentSub`: the map key or attribute name, if any). */
export interface ParentPlace {
  parent: ParentRef;
  parentSub: string | null;
}

/** The parent of an item already in the doc. */
export function parentOfDocItem(item: Y.Item, roots: RootNames): ParentPlace | null {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType)) return null;
  if (parent._item === null) {
    const root = roots.of(parent);
    return root === null ? null : { parent: { root }, parentSub: item.parentSub };
  }
  return { parent: { typeItem: parent._item, inDoc: true }, parentSub: item.parentSub };
}

/**
 * The parent of an incoming item, as Yjs will integrate it: named by the item itself when it has
 * no neighbours, or else its sibling's (an origin), with the sibling's key. `unknown` when it
 * depends on something neither the doc nor the update holds (Yjs holds it back; the room then
 * refuses the update), `discarded` when its neighbour was removed (Yjs drops it).
 */
export function parentOfNewItem(
  item: Y.Item,
  incoming: IncomingItems,
  doc: Y.Doc,
  roots: RootNames,
): ParentPlace | 'discarded' | 'unknown' {
  const seen = new Set<Y.Item>();
  let current = item;
  for (;;) {
    if (seen.has(current)) return 'unknown';
    seen.add(current);
    const parent: unknown = current.parent;
    if (typeof parent === 'string') return { parent: { root: parent }, parentSub: current.parentSub };
    if (parent instanceof Y.ID) {
      const found = resolve(parent, incoming, doc);
      if (found === 'removed') return 'discarded';
      if (found === null) return 'unknown';
      return { parent: { typeItem: found.item, inDoc: found.inDoc }, parentSub: current.parentSub };
    }
    const via = current.origin ?? current.rightOrigin;
    if (via === null) return 'unknown';
    const found = resolve(via, incoming, doc);
    if (found === 'removed') return 'discarded';
    if (found === null) return 'unknown';
    if (found.inDoc) return parentOfDocItem(found.item, roots) ?? 'unknown';
    current = found.item;
  }
}
