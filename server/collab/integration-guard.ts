import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol.ts';
import type { GuardRefusal, UpdateGuard } from './update-guard.ts';
import { type Arrival, BudgetExceeded, sameId, UnknownReference, VirtualIntegration } from './virtual-integration.ts';

/**
 * Steps (structs read, segments walked) one update may cost the check. A keystroke costs a few;
 * an honest update needs more only where many people's concurrent edits sit between its item's
 * origins, and 100,000 such segments in one paragraph is far past any meeting. A hostile update
 * that would cost more is refused rather than checked slowly.
 */
export const INTEGRATION_BUDGET = 100_000;

/**
 * How many structs the search for what an item's creator must have known reads, beyond the
 * item's own origins: their origins, and theirs, breadth first.
 */
export const KNOWN_STRUCTS_READ = 16;

/**
 * Refuses, before it is applied, any update holding an item whose origins are not neighbours
 * for its creator: the room applies updates one by one, but every client receives them merged
 * and a fresh join receives the whole state, and Yjs integrates such an item differently in each
 * case, so the server's text would no longer be anyone's.
 *
 * Yjs (YATA) converges when an item's right origin is to the right of its left origin and every
 * item between them is one its creator had not seen. Items the server finds between them are
 * honest only if concurrent; an item its creator provably had seen proves the update forged.
 * "Provably seen" is what the item names and what those name in turn (each known clock of a
 * client implies all earlier ones), read as far as {@link KNOWN_STRUCTS_READ}: never an item
 * an honest client could lack, so concurrent typing, offline edits and undo all pass.
 */
export const guardIntegration: UpdateGuard = createIntegrationGuard();

/** The guard with other limits: for tests and measurements. */
export function createIntegrationGuard({
  budget = INTEGRATION_BUDGET,
  knownStructsRead = KNOWN_STRUCTS_READ,
}: {
  budget?: number;
  knownStructsRead?: number;
} = {}): UpdateGuard {
  return (doc, update) => {
    const model = new VirtualIntegration(doc, budget);
    try {
      const result = model.run(update, (arrival) => judge(model, arrival, knownStructsRead));
      return result.outcome === 'refused' ? refuse(result.reason) : null;
    } catch (error: unknown) {
      if (error instanceof BudgetExceeded) return refuse(error.message);
      if (error instanceof UnknownReference) return refuse(`an item refers to ${error.message}, which exists nowhere`);
      throw error;
    }
  };
}

function refuse(reason: string): GuardRefusal {
  return { code: CloseCode.malformed, reason };
}

/** The refusal reason for one item about to be linked in, or null if it may be. */
function judge(model: VirtualIntegration, arrival: Arrival, knownStructsRead: number): string | null {
  const { origin, rightOrigin } = arrival;
  let at = origin === null ? model.first(arrival.parent, arrival.parentSub) : model.after(origin);
  // A keystroke: nothing lies between the origins.
  if (sameId(at, rightOrigin)) return null;
  const known = knownClocks(model, arrival, knownStructsRead);
  while (!sameId(at, rightOrigin)) {
    // The end of the sequence before the right origin: it is elsewhere, or to the left.
    if (at === null)
      return `item ${arrival.client}:${arrival.start} has a right origin that is not right of its origin`;
    model.charge();
    const segment = model.segmentAt(at);
    const bound = known.get(segment.client);
    if (bound !== undefined && segment.from <= bound) {
      return `item ${arrival.client}:${arrival.start} has origins that are not neighbours`;
    }
    at = model.after(Y.createID(segment.client, segment.to));
  }
  return null;
}

/**
 * For each client, the highest clock the arrival's creator must have had: the item's origins and
 * its own previous clock, then the origins of the structs holding them, breadth first.
 */
function knownClocks(model: VirtualIntegration, arrival: Arrival, structsRead: number): Map<number, number> {
  const known = new Map<number, number>();
  const queue: Y.ID[] = [];
  const note = (id: Y.ID | null) => {
    if (id === null) return;
    if ((known.get(id.client) ?? -1) < id.clock) known.set(id.client, id.clock);
    queue.push(id);
  };
  note(arrival.origin);
  note(arrival.rightOrigin);
  if (arrival.start > 0) note(Y.createID(arrival.client, arrival.start - 1));
  for (let read = 0; read < structsRead; read++) {
    const id = queue.shift();
    if (id === undefined) break;
    model.charge();
    const struct = model.view(id);
    note(struct.origin);
    note(struct.rightOrigin);
  }
  return known;
}
