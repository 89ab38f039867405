import fc from 'fast-check';
import * as Y from 'yjs';
import { hasNewChanges, type UpdateGuard } from '../collab/update-guard.ts';
import { type CraftedStruct, encodeCraftedUpdate } from './crafted-updates.ts';
import { docContent, type RootKinds } from './doc-content.ts';

/** The roots a crafted session writes to and compares. */
export const CRAFTED_ROOTS: RootKinds = { t: 'text', x: 'xmlText', a: 'array', m: 'map' };

/**
 * How one crafted struct picks its neighbours; numbers are read modulo what exists.
 * - `random`: any two clocks of any sequences (or none);
 * - `rightOf`: a clock, and the one `distance` places to its right in the same sequence;
 * - `leftOf`: a clock, and the one `distance` places to its left;
 * - `chain`: after the update's previous struct, with a right origin near it;
 * - `parent`: no origins, a root (and map key) named.
 */
export interface CraftedPick {
  client: number;
  strategy: 'random' | 'rightOf' | 'leftOf' | 'chain' | 'parent';
  a: number;
  b: number;
  distance: number;
  any: boolean;
}

/**
 * One crafted update. Yjs writes clients in descending order; `asPicked` writes them in the
 * order the picks name them, as only a hand encoder would.
 */
export interface CraftedUpdate {
  picks: CraftedPick[];
  clientOrder: 'descending' | 'asPicked';
}

/** An arbitrary crafted session: batches of updates, each of one to three structs. */
export const craftedBatches: fc.Arbitrary<CraftedUpdate[][]> = fc.array(
  fc.array(
    fc.record({
      clientOrder: fc.constantFrom('descending', 'descending', 'descending', 'asPicked'),
      picks: fc.array(
        fc.record({
          client: fc.nat(5),
          strategy: fc.constantFrom('random', 'rightOf', 'rightOf', 'leftOf', 'chain', 'parent'),
          a: fc.nat(1000),
          b: fc.nat(1000),
          distance: fc.integer({ min: 1, max: 4 }),
          any: fc.boolean(),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  { minLength: 1, maxLength: 4 },
);

/** What a crafted session ended with, in the four places the text lives. */
export interface CraftedOutcome {
  accepted: number;
  refused: number;
  /** The room's doc, built update by update. */
  room: string;
  /** A fresh join: the room's state as one update. */
  join: string;
  /** The accepted updates merged and applied at once. */
  replay: string;
  /** A browser present from the start: each batch merged, as the room broadcasts it. */
  browser: string;
}

const HOSTILE_CLIENTS = [0x7fff_0001, 0x0000_0002, 0xffff_fffe];

/**
 * Builds a room from an honest base (several clients typing concurrently into every root), then
 * feeds it crafted updates, each checked by `guard` (none: accept all) and applied one by one
 * as the room does, `applied` called after each; updates Yjs cannot apply or must hold back are
 * left out, as the room refuses them by itself.
 */
export function playCrafted(
  batches: CraftedUpdate[][],
  guard: UpdateGuard | null,
  applied: (room: Y.Doc) => void = () => {},
): CraftedOutcome {
  const base = honestBase();
  const room = new Y.Doc();
  Y.applyUpdate(room, base);
  const browser = new Y.Doc();
  Y.applyUpdate(browser, base);
  const accepted: Uint8Array[] = [];
  // What the room stores and broadcasts: the doc's own record of each change, not the bytes sent.
  const stored: Uint8Array[] = [];
  room.on('update', (update: Uint8Array) => stored.push(update));
  let refused = 0;
  const locks = { frozen: new Set<string>(), adopted: false };
  for (const batch of batches) {
    const storedBefore = stored.length;
    for (const { picks, clientOrder } of batch) {
      const structs = craft(room, picks);
      if (clientOrder === 'descending') structs.sort((x, y) => y.client - x.client);
      const update = encodeCraftedUpdate(structs);
      const decoded = Y.decodeUpdate(update);
      if (!hasNewChanges(room, decoded)) continue;
      if (guard !== null && guard(room, decoded, locks) !== null) {
        refused++;
        continue;
      }
      if (!appliesCleanly(room, update)) continue;
      Y.applyUpdate(room, update);
      applied(room);
      accepted.push(update);
    }
    const batchStored = stored.slice(storedBefore);
    if (batchStored.length > 0) Y.applyUpdate(browser, Y.mergeUpdates(batchStored));
  }
  const join = new Y.Doc();
  Y.applyUpdate(join, Y.encodeStateAsUpdate(room));
  const replay = new Y.Doc();
  Y.applyUpdate(replay, Y.mergeUpdates([base, ...accepted]));
  return {
    accepted: accepted.length,
    refused,
    room: docContent(room, CRAFTED_ROOTS),
    join: docContent(join, CRAFTED_ROOTS),
    replay: docContent(replay, CRAFTED_ROOTS),
    browser: docContent(browser, CRAFTED_ROOTS),
  };
}

/** True if the room could apply `update` without an error and without holding part of it back. */
function appliesCleanly(room: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(room));
  try {
    Y.applyUpdate(copy, update);
  } catch {
    // Yjs throws on some forged references; the room answers those with 4400 itself.
    return false;
  }
  return copy.store.pendingStructs === null && copy.store.pendingDs === null;
}

/** Three honest clients type concurrently into every root; the room's state after that. */
function honestBase(): Uint8Array {
  const docs = [1, 2, 3].map((client) => {
    const doc = new Y.Doc();
    doc.clientID = client;
    return doc;
  });
  const sync = () => {
    const updates = docs.map((doc) => Y.encodeStateAsUpdate(doc));
    for (const doc of docs) for (const update of updates) Y.applyUpdate(doc, update);
  };
  docs.forEach((doc, index) => {
    doc.getText('t').insert(0, `t${index}`);
    const paragraph = new Y.XmlText(`p${index}`);
    doc.get('x', Y.XmlText).insertEmbed(0, paragraph);
    doc.getArray('a').insert(0, [index, index + 10]);
    doc.getMap('m').set('k0', index);
  });
  sync();
  docs.forEach((doc, index) => {
    const text = doc.getText('t');
    text.insert(Math.min(2, text.length), `u${index}`);
    if (index === 1) text.delete(0, 1);
    doc.getArray('a').insert(1, [index + 20]);
    doc.getMap('m').set(`k${index}`, index + 30);
  });
  sync();
  return Y.encodeStateAsUpdate(docs[0] as Y.Doc);
}

/** Every clock of every item in the room, in no particular order, with the item holding it. */
function clocks(doc: Y.Doc): Array<{ id: Y.ID; item: Y.Item }> {
  const all: Array<{ id: Y.ID; item: Y.Item }> = [];
  for (const [client, structs] of doc.store.clients) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      for (let offset = 0; offset < struct.length; offset++) {
        all.push({ id: Y.createID(client, struct.id.clock + offset), item: struct });
      }
    }
  }
  return all;
}

/** The clock `distance` places from `id` in its sequence, to the right or left, or null. */
function step(id: Y.ID, item: Y.Item, distance: number, direction: 'right' | 'left'): Y.ID | null {
  let current: Y.Item | null = item;
  let clock = id.clock;
  for (let moved = 0; moved < distance && current !== null; moved++) {
    if (direction === 'right') {
      if (clock < current.id.clock + current.length - 1) clock++;
      else {
        current = current.right;
        clock = current?.id.clock ?? 0;
      }
    } else if (clock > current.id.clock) clock--;
    else {
      current = current.left;
      clock = current === null ? 0 : current.id.clock + current.length - 1;
    }
  }
  return current === null ? null : Y.createID(current.id.client, clock);
}

function craft(room: Y.Doc, picks: CraftedPick[]): CraftedStruct[] {
  const all = clocks(room);
  const pool = [...HOSTILE_CLIENTS, ...room.store.clients.keys()];
  const nextClock = new Map<number, number>();
  const structs: CraftedStruct[] = [];
  const at = (n: number) => all[n % Math.max(all.length, 1)];
  for (const pick of picks) {
    const client = pool[pick.client % pool.length] as number;
    const content: CraftedStruct['content'] = pick.any ? { any: [pick.b] } : { string: `X${pick.b % 10}` };
    const clock = nextClock.get(client) ?? Y.getState(room.store, client);
    nextClock.set(client, clock + ('any' in content ? content.any.length : content.string.length));
    const a = at(pick.a);
    const b = at(pick.b);
    const previous = structs.at(-1);
    let origin: Y.ID | null = null;
    let rightOrigin: Y.ID | null = null;
    if (a !== undefined && b !== undefined) {
      if (pick.strategy === 'random') {
        origin = pick.a % 7 === 0 ? null : a.id;
        rightOrigin = pick.b % 5 === 0 ? null : b.id;
      } else if (pick.strategy === 'rightOf') {
        origin = a.id;
        rightOrigin = step(a.id, a.item, pick.distance, 'right');
      } else if (pick.strategy === 'leftOf') {
        origin = step(a.id, a.item, pick.distance, 'left');
        rightOrigin = a.id;
      } else if (pick.strategy === 'chain') {
        origin = previous === undefined ? a.id : Y.createID(previous.client, previous.clock + 1);
        rightOrigin = step(a.id, a.item, pick.distance, 'right');
      }
    }
    const roots = ['t', 'x', 'a', 'm'];
    const root = roots[pick.a % roots.length] as string;
    structs.push({
      client,
      clock,
      origin,
      rightOrigin,
      parent: { root, key: root === 'm' ? `k${pick.b % 3}` : null },
      content,
    });
  }
  return structs;
}
