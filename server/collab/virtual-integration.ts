import * as Y from 'yjs';
import { docStruct } from './doc-struct.ts';
import type { DecodedUpdate } from './update-guard.ts';

/**
 * A sequence Yjs keeps items in: the children of a type (`sub` null) or the values ever set for
 * one key of a map type. A type is the doc's own, a type an item of the update creates, or a
 * root the update names that the doc does not have yet.
 */
export type ParentRef = DocType | NewStruct | string;

/** A type of the doc, whatever its events. */
export type DocType = Y.AbstractType<Y.YEvent<Y.AbstractType<unknown>>>;

/** A struct of the update, once the simulation has integrated it. */
export interface NewStruct {
  readonly client: number;
  /** The first clock Yjs integrates: past what the doc already had of this client. */
  readonly start: number;
  /** The last clock, inclusive. */
  readonly end: number;
  /** True for a GC struct, and for an item Yjs turns into one (its neighbour or parent is gone). */
  readonly gc: boolean;
  readonly origin: Y.ID | null;
  readonly rightOrigin: Y.ID | null;
  readonly parent: ParentRef | null;
  readonly parentSub: string | null;
  /** Whether it holds a type, and so can be the parent of other items. */
  readonly isType: boolean;
}

/** What any struct, the doc's or the update's, looks like to the simulation. */
interface StructView {
  start: number;
  end: number;
  gc: boolean;
  origin: Y.ID | null;
  rightOrigin: Y.ID | null;
  parent: ParentRef | null;
  parentSub: string | null;
  /** The doc's item, whose `right` link holds where its last clock is followed. */
  docItem: Y.Item | null;
}

/** An item of the update about to be linked in, with the neighbours Yjs resolved for it. */
export interface Arrival {
  readonly client: number;
  readonly start: number;
  /** The left origin Yjs uses: the declared one, or the item's own previous clock. */
  readonly origin: Y.ID | null;
  readonly rightOrigin: Y.ID | null;
  readonly parent: ParentRef;
  readonly parentSub: string | null;
}

/** A run of clocks of one client that sits together in a sequence: Yjs's item, split or not. */
export interface Segment {
  readonly client: number;
  readonly from: number;
  readonly to: number;
}

/** Thrown when a hostile update would make the simulation walk further than the budget. */
export class BudgetExceeded extends Error {
  constructor() {
    super('the update is too costly to check');
  }
}

/** Thrown where Yjs itself would throw: a reference to an item that exists nowhere. */
export class UnknownReference extends Error {}

export type SimulationResult =
  | { outcome: 'integrated' }
  | { outcome: 'refused'; reason: string }
  /** Yjs would hold part of the update back: the room refuses such an update by itself. */
  | { outcome: 'held-back' };

/**
 * Integrates an update into a model of the doc's sequences, exactly as `Y.applyUpdate` would
 * (the same order of structs, the same conflict scan), without changing the doc. Before each item
 * is linked, `judge` sees it, with the model as it is at that moment, and may refuse it.
 *
 * The model overlays the doc: links it changes are kept in maps keyed by `${client}:${clock}`,
 * everything else is read from the doc's own items. Every step walked is counted against
 * `budget`, so that no update can make the check cost more than that.
 */
export class VirtualIntegration {
  private readonly next = new Map<string, Y.ID | null>();
  private readonly starts = new Map<ParentRef, Map<string | null, Y.ID | null>>();
  /** Clocks after which `next` holds a link, per client, sorted: where segments end. */
  private readonly cuts = new Map<number, number[]>();
  private readonly added = new Map<number, NewStruct[]>();
  private readonly state = new Map<number, number>();
  private steps = 0;

  constructor(
    private readonly doc: Y.Doc,
    private readonly budget: number,
  ) {}

  /** Charges `count` steps; throws once the budget is spent. */
  charge(count = 1): void {
    this.steps += count;
    if (this.steps > this.budget) throw new BudgetExceeded();
  }

  /** Steps spent so far. */
  get spent(): number {
    return this.steps;
  }

  run(update: DecodedUpdate, judge: (arrival: Arrival) => string | null): SimulationResult {
    const refs = groupByClient(update.structs);
    if (refs === null) return { outcome: 'refused', reason: 'the clients of an update are not in descending order' };
    // The order of Y.applyUpdate (integrateStructs): the highest client first, a struct's
    // missing dependency first through a stack.
    const ids = [...refs.keys()].sort((a, b) => a - b);
    const nextTarget = (): { i: number; refs: AnyStruct[] } | null => {
      for (;;) {
        const client = ids.at(-1);
        if (client === undefined) return null;
        const target = refs.get(client) as { i: number; refs: AnyStruct[] };
        if (target.i < target.refs.length) return target;
        ids.pop();
      }
    };
    let current = nextTarget();
    if (current === null) return { outcome: 'integrated' };
    const stack: AnyStruct[] = [];
    let head = current.refs[current.i++] as AnyStruct;
    for (;;) {
      this.charge();
      if (!(head instanceof Y.Skip)) {
        const offset = this.clockOf(head.id.client) - head.id.clock;
        if (offset < 0) return { outcome: 'held-back' };
        const missing = head instanceof Y.Item ? this.missingClient(head) : null;
        if (missing !== null) {
          stack.push(head);
          const target = refs.get(missing);
          if (target === undefined || target.i >= target.refs.length) return { outcome: 'held-back' };
          head = target.refs[target.i++] as AnyStruct;
          continue;
        }
        if (offset >= head.length) {
          // Known already, so skipped; but Yjs looks up (and splits at) its neighbours first.
          if (head instanceof Y.Item) this.resolveNeighbours(head);
        } else {
          const refusal = this.integrate(head, offset, judge);
          if (refusal !== null) return { outcome: 'refused', reason: refusal };
          this.state.set(head.id.client, head.id.clock + head.length);
        }
      }
      const popped = stack.pop();
      if (popped !== undefined) {
        head = popped;
      } else if (current !== null && current.i < current.refs.length) {
        head = current.refs[current.i++] as AnyStruct;
      } else {
        current = nextTarget();
        if (current === null) return { outcome: 'integrated' };
        head = current.refs[current.i++] as AnyStruct;
      }
    }
  }

  /** The client's clock as the integration stands: the doc's, then what the update added. */
  clockOf(client: number): number {
    return this.state.get(client) ?? Y.getState(this.doc.store, client);
  }

  /** Item.getMissing: a dependency on another client's clock that is not integrated yet. */
  private missingClient(item: Y.Item): number | null {
    const own = item.id.client;
    for (const id of [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null]) {
      if (id !== null && id.client !== own && id.clock >= this.clockOf(id.client)) return id.client;
    }
    return null;
  }

  private integrate(struct: Y.Item | Y.GC, offset: number, judge: (arrival: Arrival) => string | null): string | null {
    const client = struct.id.client;
    const start = struct.id.clock + offset;
    const end = struct.id.clock + struct.length - 1;
    if (!(struct instanceof Y.Item)) {
      const gcStruct = { origin: null, rightOrigin: null, parent: null, parentSub: null, isType: false };
      this.register({ client, start, end, gc: true, ...gcStruct });
      return null;
    }
    const { declared, right, left: resolvedLeft } = this.resolveNeighbours(struct);
    const rightOrigin = struct.rightOrigin;
    // Item.getMissing takes the parent from the declared neighbours.
    let parent: ParentRef | null = null;
    let parentSub: string | null = struct.parentSub;
    let gc = declared?.gc === true || right?.gc === true;
    if (!gc) {
      if (declared !== null) {
        parent = declared.parent;
        parentSub = declared.parentSub;
      } else if (right !== null) {
        parent = right.parent;
        parentSub = right.parentSub;
      } else if (typeof struct.parent === 'string') {
        parent = this.doc.share.get(struct.parent) ?? struct.parent;
      } else if (struct.parent instanceof Y.ID) {
        parent = this.typeAt(struct.parent);
      }
      gc = parent === null;
    }
    // Item.integrate with an offset links the rest after the clock before it, whatever origin
    // was declared.
    const origin = offset > 0 ? Y.createID(client, start - 1) : struct.origin;
    let left = resolvedLeft;
    if (!gc && offset > 0) {
      left = origin;
      const view = this.view(left as Y.ID);
      if (view.gc) return 'an item overlaps a removed one';
      if (view.parent !== parent || view.parentSub !== parentSub) return 'an item continues its client elsewhere';
      this.cutAfter(left as Y.ID);
    }
    const isType = struct.content instanceof Y.ContentType;
    const newStruct: NewStruct = { client, start, end, gc, origin, rightOrigin, parent, parentSub, isType };
    if (gc || parent === null) {
      this.register(newStruct);
      return null;
    }
    const refusal = judge({ client, start, origin, rightOrigin, parent, parentSub });
    if (refusal !== null) return refusal;
    this.link(newStruct, left, parent, parentSub);
    this.register(newStruct);
    return null;
  }

  /**
   * Item.getMissing's lookups: the structs at the declared origins, split there as Yjs splits
   * them. Yjs ends the left item at the origin first and then starts the right one at the right
   * origin; if that falls inside the left item, the left item is cut short before it, and the new
   * item goes there, not after its declared origin.
   */
  private resolveNeighbours(struct: Y.Item): {
    declared: StructView | null;
    right: StructView | null;
    left: Y.ID | null;
  } {
    const { origin, rightOrigin } = struct;
    const declared = origin === null ? null : this.view(origin);
    const right = rightOrigin === null ? null : this.view(rightOrigin);
    let left = origin;
    if (origin !== null && declared !== null && !declared.gc) {
      this.cutAfter(origin);
      const leftStart = this.segmentStartOf(origin).clock;
      if (rightOrigin?.client === origin.client && leftStart < rightOrigin.clock && rightOrigin.clock <= origin.clock) {
        left = Y.createID(origin.client, rightOrigin.clock - 1);
      }
    }
    if (rightOrigin !== null && right !== null && !right.gc && rightOrigin.clock > right.start) {
      this.cutAfter(Y.createID(rightOrigin.client, rightOrigin.clock - 1));
    }
    return { declared, right, left };
  }

  /** The type an item at `id` holds, or null where Yjs integrates the child as GC. */
  private typeAt(id: Y.ID): ParentRef | null {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const struct = docStruct(this.doc, id);
      if (struct instanceof Y.Item && struct.content instanceof Y.ContentType) return struct.content.type;
      if (struct === undefined) throw new UnknownReference(`${id.client}:${id.clock}`);
      return null;
    }
    const found = this.findAdded(id);
    if (found === null) throw new UnknownReference(`${id.client}:${id.clock}`);
    return found.gc || !found.isType ? null : found;
  }

  /** The struct holding `id`, as the integration stands; throws where Yjs would. */
  view(id: Y.ID): StructView {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const struct = docStruct(this.doc, id);
      if (struct === undefined) throw new UnknownReference(`${id.client}:${id.clock}`);
      const start = struct.id.clock;
      const end = start + struct.length - 1;
      if (!(struct instanceof Y.Item)) {
        return { start, end, gc: true, origin: null, rightOrigin: null, parent: null, parentSub: null, docItem: null };
      }
      const parent = struct.parent instanceof Y.AbstractType ? struct.parent : null;
      return {
        start,
        end,
        gc: parent === null,
        origin: struct.origin,
        rightOrigin: struct.rightOrigin,
        parent,
        parentSub: struct.parentSub,
        docItem: struct,
      };
    }
    const found = this.findAdded(id);
    if (found === null) throw new UnknownReference(`${id.client}:${id.clock}`);
    return { ...found, docItem: null };
  }

  /** The left origin of the piece that starts at `id`. */
  originOf(id: Y.ID): Y.ID | null {
    const struct = this.view(id);
    return id.clock > struct.start ? Y.createID(id.client, id.clock - 1) : struct.origin;
  }

  /** The clock that follows `id` in its sequence, or null at the end. */
  after(id: Y.ID): Y.ID | null {
    // Every changed link is also a cut: a client without cuts has none to look up.
    if (this.cuts.has(id.client)) {
      const linked = this.next.get(key(id));
      if (linked !== undefined) return linked;
    }
    const struct = this.view(id);
    if (id.clock < struct.end) return Y.createID(id.client, id.clock + 1);
    return struct.docItem?.right?.id ?? null;
  }

  /** The first clock of a sequence, or null if it is empty. */
  first(parent: ParentRef, parentSub: string | null): Y.ID | null {
    const linked = this.starts.get(parent)?.get(parentSub);
    if (linked !== undefined) return linked;
    if (typeof parent === 'string' || !(parent instanceof Y.AbstractType)) return null;
    if (parentSub === null) return parent._start?.id ?? null;
    // A map keeps its current value; the sequence of a key starts at its oldest.
    let item = parent._map.get(parentSub) ?? null;
    while (item?.left) {
      this.charge();
      item = item.left;
    }
    return item?.id ?? null;
  }

  /** The segment that starts at `id`: up to its struct's end or the next place a link was changed. */
  segmentAt(id: Y.ID): Segment {
    const struct = this.view(id);
    const cuts = this.cuts.get(id.client) ?? [];
    const index = lowerBound(cuts, id.clock);
    const cut = cuts[index];
    const to = cut !== undefined && cut < struct.end ? cut : struct.end;
    return { client: id.client, from: id.clock, to };
  }

  /** Every clock of a sequence in order, as the integration stands: for tests of the model. */
  sequence(parent: ParentRef, parentSub: string | null): Y.ID[] {
    const ids: Y.ID[] = [];
    for (let at = this.first(parent, parentSub); at !== null; ) {
      const segment = this.segmentAt(at);
      for (let clock = segment.from; clock <= segment.to; clock++) ids.push(Y.createID(segment.client, clock));
      at = this.after(Y.createID(segment.client, segment.to));
    }
    return ids;
  }

  /** The first clock of the segment holding `id`: what Yjs's getItem returns for it. */
  segmentStartOf(id: Y.ID): Y.ID {
    const struct = this.view(id);
    const cuts = this.cuts.get(id.client) ?? [];
    const cut = cuts[lowerBound(cuts, id.clock) - 1];
    const from = cut !== undefined && cut >= struct.start ? cut + 1 : struct.start;
    return Y.createID(id.client, from);
  }

  /** Marks a segment boundary after `id`, as Yjs's getItemCleanEnd splits an item there. */
  private cutAfter(id: Y.ID): void {
    if (this.next.has(key(id))) return;
    this.setNext(id, this.after(id));
  }

  private setNext(id: Y.ID, value: Y.ID | null): void {
    if (!this.next.has(key(id))) {
      let cuts = this.cuts.get(id.client);
      if (cuts === undefined) {
        cuts = [];
        this.cuts.set(id.client, cuts);
      }
      cuts.splice(lowerBound(cuts, id.clock), 0, id.clock);
    }
    this.next.set(key(id), value);
  }

  private setFirst(parent: ParentRef, parentSub: string | null, value: Y.ID | null): void {
    let subs = this.starts.get(parent);
    if (subs === undefined) {
      subs = new Map();
      this.starts.set(parent, subs);
    }
    subs.set(parentSub, value);
  }

  /** Item.integrate: the conflict scan between the origins, then the new links. */
  private link(item: NewStruct, from: Y.ID | null, parent: ParentRef, parentSub: string | null): void {
    const firstId = Y.createID(item.client, item.start);
    const lastId = Y.createID(item.client, item.end);
    const { origin, rightOrigin } = item;
    let left = from;
    const startsAtRight = (id: Y.ID | null) => sameId(id, rightOrigin);
    const next = from === null ? this.first(parent, parentSub) : this.after(from);
    if (!startsAtRight(next)) {
      const before = new Set<string>();
      const conflicting = new Set<string>();
      let o = next;
      while (o !== null && !startsAtRight(o)) {
        this.charge();
        const segment = this.segmentAt(o);
        before.add(key(o));
        conflicting.add(key(o));
        const oOrigin = this.originOf(o);
        const oRight = this.view(o).rightOrigin;
        const segmentEnd = Y.createID(o.client, segment.to);
        if (sameId(origin, oOrigin)) {
          if (o.client < item.client) {
            left = segmentEnd;
            conflicting.clear();
          } else if (sameId(rightOrigin, oRight)) {
            break;
          }
        } else if (oOrigin !== null && before.has(key(this.segmentStartOf(oOrigin)))) {
          if (!conflicting.has(key(this.segmentStartOf(oOrigin)))) {
            left = segmentEnd;
            conflicting.clear();
          }
        } else {
          break;
        }
        o = this.after(segmentEnd);
      }
    }
    if (left !== null) {
      const right = this.after(left);
      this.setNext(left, firstId);
      this.setNext(lastId, right);
    } else {
      const right = this.first(parent, parentSub);
      this.setFirst(parent, parentSub, firstId);
      this.setNext(lastId, right);
    }
  }

  private register(struct: NewStruct): void {
    let list = this.added.get(struct.client);
    if (list === undefined) {
      list = [];
      this.added.set(struct.client, list);
    }
    list.push(struct);
  }

  private findAdded(id: Y.ID): NewStruct | null {
    const list = this.added.get(id.client);
    if (list === undefined) return null;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const struct = list[mid] as NewStruct;
      if (id.clock < struct.start) high = mid - 1;
      else if (id.clock > struct.end) low = mid + 1;
      else return struct;
    }
    return null;
  }
}

type AnyStruct = DecodedUpdate['structs'][number];

/** `${client}:${clock}`: never one number, which passes 2^53 for client ids near 2^32. */
export function key(id: Y.ID): string {
  return `${id.client}:${id.clock}`;
}

/** Y.compareIDs: two absent ids are the same. */
export function sameId(a: Y.ID | null, b: Y.ID | null): boolean {
  return a === b || (a !== null && b !== null && a.client === b.client && a.clock === b.clock);
}

/**
 * The update's structs per client in clock order, as Yjs reads them; null unless the clients come
 * in strictly descending order, as every Yjs encoder writes them. Y.mergeUpdates relies on that
 * order and silently drops structs of an update that breaks it, so the room would keep text
 * that no client receives; and a client written twice is read differently by Y.applyUpdate (the
 * later run replaces the earlier) than by Y.decodeUpdate, which every guard reads.
 */
function groupByClient(structs: AnyStruct[]): Map<number, { i: number; refs: AnyStruct[] }> | null {
  const refs = new Map<number, { i: number; refs: AnyStruct[] }>();
  let previous: { client: number; refs: AnyStruct[] } | null = null;
  for (const struct of structs) {
    const client = struct.id.client;
    if (previous !== null && previous.client === client) {
      previous.refs.push(struct);
      continue;
    }
    if (previous !== null && previous.client < client) return null;
    previous = { client, refs: [struct] };
    refs.set(client, { i: 0, refs: previous.refs });
  }
  return refs;
}

/** The index of the first element of sorted `values` not below `value`. */
function lowerBound(values: number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((values[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
