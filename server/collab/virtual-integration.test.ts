import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { craftedBatches, playCrafted } from '../testing/crafted-batches.ts';
import { honestSessions, playSession } from '../testing/honest-session.ts';
import type { UpdateGuard } from './update-guard.ts';
import { type DocType, key, UnknownReference, VirtualIntegration } from './virtual-integration.ts';

/** Longer runs: MUFAKAT_PROPERTY_RUNS=10 multiplies every property's runs by ten. */
const RUNS = Number(process.env.MUFAKAT_PROPERTY_RUNS ?? 1);

/** Every clock of one of the doc's sequences in order, read from Yjs's own links. */
function realSequence(type: DocType, sub: string | null): string[] {
  let item = sub === null ? type._start : (type._map.get(sub) ?? null);
  while (sub !== null && item?.left) item = item.left;
  const ids: string[] = [];
  for (; item !== null; item = item.right) {
    for (let offset = 0; offset < item.length; offset++) ids.push(`${item.id.client}:${item.id.clock + offset}`);
  }
  return ids;
}

/** Every type of the doc: its roots and the types its items hold. */
function docTypes(doc: Y.Doc): DocType[] {
  const types: DocType[] = [...doc.share.values()];
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (struct instanceof Y.Item && struct.content instanceof Y.ContentType) types.push(struct.content.type);
    }
  }
  return types;
}

/**
 * A guard that accepts everything, and a hook that, once Yjs has applied the update, records
 * every sequence the doc had before where the model's order differs from Yjs's.
 */
function mirror(disagreements: string[]): { guard: UpdateGuard; applied: (doc: Y.Doc) => void } {
  let pending: { model: VirtualIntegration; types: DocType[] } | null = null;
  return {
    guard: (doc, update) => {
      const model = new VirtualIntegration(doc, Number.POSITIVE_INFINITY);
      pending = null;
      try {
        if (model.run(update, () => null).outcome === 'integrated') pending = { model, types: docTypes(doc) };
      } catch (error: unknown) {
        // Where Yjs itself would throw, there is nothing to compare.
        if (!(error instanceof UnknownReference)) throw error;
      }
      return null;
    },
    applied: () => {
      if (pending === null) return;
      for (const type of pending.types) {
        // A type the update deleted is garbage-collected after the structs are in: nothing to see.
        if (type._item?.deleted) continue;
        for (const sub of [null, ...type._map.keys()]) {
          const modelled = pending.model.sequence(type, sub).map(key);
          const real = realSequence(type, sub);
          if (modelled.join() !== real.join()) disagreements.push(`model ${modelled} / Yjs ${real}`);
        }
      }
      pending = null;
    },
  };
}

describe('the model of Yjs integration', () => {
  it('puts every clock of honest sessions where Y.applyUpdate puts it', () => {
    fc.assert(
      fc.property(honestSessions, ({ clients, steps }) => {
        const disagreements: string[] = [];
        const { guard, applied } = mirror(disagreements);
        playSession(clients, steps, guard, applied);
        expect(disagreements).toEqual([]);
      }),
      { numRuns: 30 * RUNS },
    );
  });

  it('puts every clock of crafted updates where Y.applyUpdate puts it, forged origins included', () => {
    fc.assert(
      fc.property(craftedBatches, (batches) => {
        const disagreements: string[] = [];
        const { guard, applied } = mirror(disagreements);
        playCrafted(batches, guard, applied);
        expect(disagreements).toEqual([]);
      }),
      { numRuns: 200 * RUNS },
    );
  });

  it('leaves the doc it models untouched', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'hello world');
    const before = Y.encodeStateAsUpdate(doc);
    const other = new Y.Doc();
    Y.applyUpdate(other, before);
    other.getText('t').insert(5, ',');
    other.getText('t').insert(0, '> ');
    const model = new VirtualIntegration(doc, 1000);
    model.run(Y.decodeUpdate(Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc))), () => null);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(doc.getText('t').toString()).toBe('hello world');
  });
});
