import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { craftedBatches, playCrafted } from '../testing/crafted-batches.ts';
import { type CraftedStruct, encodeCraftedUpdate } from '../testing/crafted-updates.ts';
import { honestSessions, playSession } from '../testing/honest-session.ts';
import { createIntegrationGuard, guardIntegration } from './integration-guard.ts';
import type { UpdateGuard } from './update-guard.ts';

/** Longer runs: MUFAKAT_PROPERTY_RUNS=10 multiplies every property's runs by ten. */
const RUNS = Number(process.env.MUFAKAT_PROPERTY_RUNS ?? 1);
const LOCKS = { frozen: new Set<string>(), adopted: false };
const id = Y.createID;
const inText = { root: 't', key: null };

/** A room whose text `t` client 1 typed in one go: clocks 0 to 9 hold "ext of c1.". */
function room(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 1;
  doc.getText('t').insert(0, 'ext of c1.');
  return doc;
}

/** A client that has synced with `server`, with its own client id. */
function clientOf(server: Y.Doc, clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  return doc;
}

/** What `client` has that `server` lacks, as its provider would send it. */
function changesOf(client: Y.Doc, server: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
}

function verdict(doc: Y.Doc, update: Uint8Array, guard: UpdateGuard = guardIntegration): string {
  return guard(doc, Y.decodeUpdate(update), LOCKS)?.reason ?? 'accepted';
}

/** Checks then applies each update in turn, as the room does; returns each verdict. */
function receiveAll(doc: Y.Doc, updates: Uint8Array[]): string[] {
  return updates.map((update) => {
    const result = verdict(doc, update);
    if (result === 'accepted') Y.applyUpdate(doc, update);
    return result;
  });
}

function text(struct: Omit<CraftedStruct, 'parent' | 'content'>, string: string): Uint8Array {
  return encodeCraftedUpdate([{ ...struct, parent: inText, content: { string } }]);
}

/**
 * A forged pair like the issue's: "ab" between "o" and "." over the "f c1" that "." implies it
 * knew, "Z" between "e" and "c" over "xt of". One by one they read "ext of Zc1ab."; merged or
 * joined afresh, "ext of abZc1.".
 */
const FORGED_AB = text({ client: 2, clock: 0, origin: id(1, 4), rightOrigin: id(1, 9) }, 'ab');
const FORGED_Z = text({ client: 3, clock: 0, origin: id(1, 0), rightOrigin: id(1, 7) }, 'Z');

function freshJoin(doc: Y.Doc): string {
  const joined = new Y.Doc();
  Y.applyUpdate(joined, Y.encodeStateAsUpdate(doc));
  return joined.getText('t').toString();
}

describe('the guard on item origins: honest edits', () => {
  it('accepts a keystroke between neighbours', () => {
    const server = room();
    const client = clientOf(server, 7);
    client.getText('t').insert(3, ' ');
    expect(verdict(server, changesOf(client, server))).toBe('accepted');
  });

  it('accepts three clients typing at the same place, whatever order their updates arrive in', () => {
    const base = room();
    const updates = [7, 8, 9].map((clientID) => {
      const client = clientOf(base, clientID);
      client.getText('t').insert(3, `[${clientID}]`);
      client.getText('t').insert(4, '-');
      return changesOf(client, base);
    });
    for (const order of [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ]) {
      const server = room();
      expect(
        receiveAll(
          server,
          order.map((index) => updates[index] as Uint8Array),
        ),
      ).toEqual(['accepted', 'accepted', 'accepted']);
      expect(freshJoin(server)).toBe(server.getText('t').toString());
    }
  });

  it('accepts a long offline edit merged after others typed at the same place', () => {
    const server = room();
    const offline = clientOf(server, 5);
    for (let word = 0; word < 20; word++) {
      offline.getText('t').insert(10, ` w${word}`, word % 2 === 0 ? { bold: true } : {});
    }
    offline.getText('t').format(0, 3, { italic: true });
    const online = [6, 8].map((clientID) => {
      const client = clientOf(server, clientID);
      client.getText('t').insert(10, ` online ${clientID}`);
      return changesOf(client, server);
    });
    expect(receiveAll(server, [...online, changesOf(offline, server)])).toEqual(['accepted', 'accepted', 'accepted']);
  });

  it('accepts undo and redo of a deleted paragraph while another client types beside it', () => {
    const server = new Y.Doc();
    const seed = clientOf(server, 1);
    const paragraph = new Y.XmlText();
    seed.get('x', Y.XmlText).insertEmbed(0, paragraph);
    paragraph.insert(0, 'one two three');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(seed));
    const editor = clientOf(server, 20);
    const other = clientOf(server, 10);
    const undo = new Y.UndoManager(editor.get('x', Y.XmlText), { captureTimeout: 0 });
    editor.get('x', Y.XmlText).delete(0, 1);
    const deleted = changesOf(editor, server);
    (other.get('x', Y.XmlText).toDelta()[0] as { insert: Y.XmlText }).insert.insert(3, ' and');
    undo.undo();
    const undone = changesOf(editor, server);
    undo.redo();
    undo.undo();
    expect(receiveAll(server, [deleted, changesOf(other, server), undone, changesOf(editor, server)])).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
    ]);
  });

  it('accepts concurrent values of one map key and of one paragraph attribute', () => {
    const server = new Y.Doc();
    const seed = clientOf(server, 1);
    seed.get('x', Y.XmlText).insertEmbed(0, new Y.XmlText('p'));
    seed.getMap('m').set('k', 0);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(seed));
    const updates = [4, 3, 2].map((clientID) => {
      const client = clientOf(server, clientID);
      client.getMap('m').set('k', clientID);
      (client.get('x', Y.XmlText).toDelta()[0] as { insert: Y.XmlText }).insert.setAttribute('__indent', clientID);
      return changesOf(client, server);
    });
    expect(receiveAll(server, updates)).toEqual(['accepted', 'accepted', 'accepted']);
  });

  it('checks a keystroke in a long text in a few steps, whatever the length', () => {
    const server = new Y.Doc();
    const long = server.getText('t');
    // 2,000 clients' insertions in the middle: 2,000 items that Yjs cannot merge into one.
    for (let clientID = 1; clientID <= 2_000; clientID++) {
      server.clientID = clientID;
      long.insert(Math.floor(long.length / 2), 'ab');
    }
    const typist = clientOf(server, 9_999);
    typist.getText('t').insert(2_000, 'x');
    expect(verdict(server, changesOf(typist, server), createIntegrationGuard({ budget: 4 }))).toBe('accepted');
  });
});

describe('the guard on item origins: forged items', () => {
  it('refuses the item that makes the room and a fresh join read different texts', () => {
    const unguarded = room();
    Y.applyUpdate(unguarded, FORGED_AB);
    Y.applyUpdate(unguarded, FORGED_Z);
    expect(unguarded.getText('t').toString()).toBe('ext of Zc1ab.');
    expect(freshJoin(unguarded)).toBe('ext of abZc1.');

    const guarded = room();
    expect(receiveAll(guarded, [FORGED_AB, FORGED_Z])).toEqual([
      'item 2:0 has origins that are not neighbours',
      'item 3:0 has origins that are not neighbours',
    ]);
    expect(freshJoin(guarded)).toBe(guarded.getText('t').toString());
  });

  it('refuses an item whose right origin lies left of its origin', () => {
    const update = text({ client: 3, clock: 0, origin: id(1, 4), rightOrigin: id(1, 1) }, 'Z');
    expect(verdict(room(), update)).toBe('item 3:0 has a right origin that is not right of its origin');
  });

  it('refuses an item whose origins are in different sequences', () => {
    const server = room();
    server.getText('u').insert(0, 'other');
    const update = text({ client: 3, clock: 0, origin: id(1, 9), rightOrigin: id(1, 12) }, 'Z');
    expect(verdict(server, update)).toBe('item 3:0 has a right origin that is not right of its origin');
  });

  it("refuses an item with, between its origins, the item its right origin's creator typed it after", () => {
    const server = room();
    // 4:0 goes after "c1." and names "c" as its origin: whoever knows 4:0 knows 1:7.
    Y.applyUpdate(server, text({ client: 4, clock: 0, origin: id(1, 9), rightOrigin: null }, '!'));
    const update = text({ client: 5, clock: 0, origin: id(1, 1), rightOrigin: id(4, 0) }, 'Z');
    expect(verdict(server, update)).toBe('item 5:0 has origins that are not neighbours');
  });

  it('refuses an item that names its own earlier item between its origins, within one update', () => {
    const update = encodeCraftedUpdate([
      { client: 6, clock: 0, origin: id(1, 9), rightOrigin: null, parent: inText, content: { string: '!' } },
      { client: 6, clock: 1, origin: id(1, 2), rightOrigin: null, parent: inText, content: { string: 'Z' } },
    ]);
    expect(verdict(room(), update)).toBe('item 6:1 has origins that are not neighbours');
  });

  it('refuses an update that lists its clients in ascending order, which merging would drop', () => {
    const update = encodeCraftedUpdate([
      { client: 2, clock: 0, origin: id(1, 9), rightOrigin: null, parent: inText, content: { string: 'a' } },
      { client: 3, clock: 0, origin: null, rightOrigin: null, parent: inText, content: { string: 'b' } },
    ]);
    expect(verdict(room(), update)).toBe('the clients of an update are not in descending order');
  });

  it('refuses an item that refers to a clock its own client has not written', () => {
    const update = text({ client: 1, clock: 10, origin: id(1, 40), rightOrigin: null }, 'Z');
    expect(verdict(room(), update)).toBe('an item refers to 1:40, which exists nowhere');
  });

  it('refuses an update that would cost more than the budget to check', () => {
    const update = text({ client: 3, clock: 0, origin: null, rightOrigin: null }, 'Z');
    expect(verdict(room(), update)).toBe('accepted');
    const server = room();
    for (let clientID = 10; clientID < 40; clientID++) {
      Y.applyUpdate(server, text({ client: clientID, clock: 0, origin: null, rightOrigin: null }, 'y'));
    }
    expect(verdict(server, update, createIntegrationGuard({ budget: 20 }))).toBe('the update is too costly to check');
  });
});

describe('the guard on item origins: properties', () => {
  it('accepts every update of random sessions of honest clients with delays, offline periods and undo', () => {
    fc.assert(
      fc.property(honestSessions, ({ clients, steps }) => {
        expect(playSession(clients, steps, guardIntegration).refusals).toEqual([]);
      }),
      { numRuns: 40 * RUNS },
    );
  });

  it('keeps the room, a fresh join, a merged replay and every browser equal over random crafted batches', () => {
    fc.assert(
      fc.property(craftedBatches, (batches) => {
        const outcome = playCrafted(batches, guardIntegration);
        expect(outcome.join).toBe(outcome.room);
        expect(outcome.replay).toBe(outcome.room);
        expect(outcome.browser).toBe(outcome.room);
      }),
      { numRuns: 300 * RUNS },
    );
  });

  it('finds the room and its clients apart in the same crafted batches when no guard runs', () => {
    const result = fc.check(
      fc.property(craftedBatches, (batches) => {
        const outcome = playCrafted(batches, null);
        return outcome.join === outcome.room && outcome.replay === outcome.room && outcome.browser === outcome.room;
      }),
      { numRuns: 300 * RUNS },
    );
    expect(result.failed).toBe(true);
  });
});
