import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readClauseText } from '../../shared/clause-text.ts';
import { CLAUSES_ROOT, clauseTextRoot, ORDER_ROOT } from '../../shared/doc-layout.ts';
import { buildInitialDocument } from '../drafts/create-draft.ts';
import { guardDecisions } from './decision-guard.ts';

/** The server's doc of a draft with these operative clauses, and their ids. */
function draftDoc(texts: string[]): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, buildInitialDocument(texts.map((text) => ({ kind: 'operative' as const, text }))));
  return { doc, ids: doc.getArray<string>(ORDER_ROOT).toArray() };
}

function root(doc: Y.Doc, id: string): Y.XmlText {
  return clauseTextRoot(doc, id);
}

function paragraph(doc: Y.Doc, id: string, index = 0): Y.XmlText {
  const found = (root(doc, id).toDelta() as Array<{ insert: unknown }>)[index]?.insert;
  if (!(found instanceof Y.XmlText)) throw new Error(`clause ${id} has no paragraph ${index}`);
  return found;
}

/** The update a client with the server's state makes with `change`. */
function edit(server: Y.Doc, change: (client: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(server);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}

function verdict(doc: Y.Doc, frozen: string[], update: Uint8Array, adopted = false): 'allow' | 'refuse' {
  return guardDecisions(doc, Y.decodeUpdate(update), { frozen: new Set(frozen), adopted }) === null
    ? 'allow'
    : 'refuse';
}

/** The first text item of a clause's first paragraph. */
function firstTextItem(doc: Y.Doc, id: string): Y.Item {
  let item = paragraph(doc, id)._start;
  while (item !== null && !(item.content instanceof Y.ContentString)) item = item.right;
  if (item === null) throw new Error('no text');
  return item;
}

/** One hand-encoded string struct: what a hostile client, not Yjs, would write. */
function writeStringStruct(encoder: encoding.Encoder, client: number, clock: number, origin: Y.ID, text: string) {
  encoding.writeVarUint(encoder, 1); // one struct for this client
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, clock);
  encoding.writeUint8(encoder, 4 | 0x80); // string content, with a left origin
  encoding.writeVarUint(encoder, origin.client);
  encoding.writeVarUint(encoder, origin.clock);
  encoding.writeVarString(encoder, text);
}

describe('the guard on frozen clauses', () => {
  it('refuses typing, formatting and paragraph changes in a frozen clause', () => {
    const { doc, ids } = draftDoc(['Alpha open', 'Bravo frozen']);
    const [, frozen = ''] = ids;
    const edits: Array<(c: Y.Doc) => void> = [
      (c) => paragraph(c, frozen).insert(1, 'start '),
      (c) => paragraph(c, frozen).insert(paragraph(c, frozen).length, ' end'),
      (c) => paragraph(c, frozen).format(1, 3, { __format: 1 }),
      (c) => paragraph(c, frozen).setAttribute('__indent', 1),
      (c) => root(c, frozen).delete(0, 1),
      (c) => root(c, frozen).insertEmbed(1, new Y.XmlText()),
    ];
    for (const change of edits) expect(verdict(doc, [frozen], edit(doc, change))).toBe('refuse');
  });

  it('allows every kind of edit in an open clause while another is frozen', () => {
    const { doc, ids } = draftDoc(['Alpha open clause', 'Bravo frozen']);
    const [open = '', frozen = ''] = ids;
    const edits: Array<(c: Y.Doc) => void> = [
      (c) => paragraph(c, open).insert(1, 'start '),
      (c) => paragraph(c, open).insert(paragraph(c, open).length, ' end'),
      (c) => paragraph(c, open).format(1, 5, { __format: 1 }),
      (c) => paragraph(c, open).insert(3, 'x'.repeat(12_000)),
      (c) => paragraph(c, open).delete(2, 6),
      (c) => c.getMap(CLAUSES_ROOT).set('newClause', { kind: 'operative' }),
      (c) => c.getArray<string>(ORDER_ROOT).insert(1, ['newClause']),
    ];
    for (const change of edits) expect(verdict(doc, [frozen], edit(doc, change))).toBe('allow');
  });

  it('refuses removing, moving, re-inserting or relabelling a frozen clause, not its neighbours', () => {
    const { doc, ids } = draftDoc(['Alpha', 'Bravo', 'Charlie']);
    const [a = '', b = ''] = ids;
    const order = (c: Y.Doc) => c.getArray<string>(ORDER_ROOT);
    expect(
      verdict(
        doc,
        [b],
        edit(doc, (c) => order(c).delete(1, 1)),
      ),
    ).toBe('refuse');
    expect(
      verdict(
        doc,
        [b],
        edit(doc, (c) => order(c).insert(0, [b])),
      ),
    ).toBe('refuse');
    expect(
      verdict(
        doc,
        [b],
        edit(doc, (c) => c.getMap(CLAUSES_ROOT).set(b, { kind: 'preamble' })),
      ),
    ).toBe('refuse');
    expect(
      verdict(
        doc,
        [b],
        edit(doc, (c) => c.getMap(CLAUSES_ROOT).delete(b)),
      ),
    ).toBe('refuse');
    // Clause ids share one Y.Array item: deleting the open one beside the frozen one is fine.
    expect(
      verdict(
        doc,
        [b],
        edit(doc, (c) => order(c).delete(0, 1)),
      ),
    ).toBe('allow');
    expect(
      verdict(
        doc,
        [b],
        edit(doc, (c) => c.getMap(CLAUSES_ROOT).set(a, { kind: 'preamble' })),
      ),
    ).toBe('allow');
  });

  it('refuses everything after adoption', () => {
    const { doc, ids } = draftDoc(['Alpha']);
    const update = edit(doc, (c) => paragraph(c, ids[0] ?? '').insert(1, 'x'));
    expect(verdict(doc, [], update, true)).toBe('refuse');
  });

  it('is not misled by a forged struct that reuses an id the server already has', () => {
    const { doc, ids } = draftDoc(['Alpha open clause', 'Bravo frozen clause']);
    const [open = '', frozen = ''] = ids;
    const inFrozen = firstTextItem(doc, frozen);
    const target = Y.createID(inFrozen.id.client, inFrozen.id.clock + 4);
    const inOpen = firstTextItem(doc, open);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 2);
    // The decoy claims the known id `target` sits in the open clause; Yjs skips it as known.
    writeStringStruct(encoder, target.client, target.clock, inOpen.id, 'x');
    // The real insertion, after `target`: inside the frozen clause.
    writeStringStruct(encoder, 424242, 0, target, ' [inserted]');
    encoding.writeVarUint(encoder, 0);
    const update = encoding.toUint8Array(encoder);
    expect(verdict(doc, [frozen], update)).toBe('refuse');
  });

  it("judges a struct that overlaps the server's clock by where Yjs will really put it", () => {
    const { doc, ids } = draftDoc(['Alpha open clause', 'Bravo frozen clause']);
    const [open = '', frozen = ''] = ids;
    const [[seedClient, structs = []] = [0, []]] = [...doc.store.clients];
    const known = Y.getState(doc.store, seedClient);
    const last = structs.at(-1);
    expect(last instanceof Y.Item && readClauseText(root(doc, frozen)).length > 0).toBe(true);
    const inOpen = firstTextItem(doc, open);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    // Starts one clock before what the server has: Yjs appends the rest after its own last item,
    // which is in the frozen clause, whatever origin is declared.
    writeStringStruct(
      encoder,
      seedClient,
      known - 1,
      Y.createID(inOpen.id.client, inOpen.id.clock),
      '# all states shall pay',
    );
    encoding.writeVarUint(encoder, 0);
    expect(verdict(doc, [frozen], encoding.toUint8Array(encoder))).toBe('refuse');
  });

  it('allows typing into a paragraph that someone else has just deleted', () => {
    const { doc, ids } = draftDoc(['Alpha one\nAlpha two', 'Bravo frozen']);
    const [open = '', frozen = ''] = ids;
    const typist = new Y.Doc();
    Y.applyUpdate(typist, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(doc);
    // Another delegate deletes the second paragraph; the server collects its content.
    Y.applyUpdate(
      doc,
      edit(doc, (c) => root(c, open).delete(1, 1)),
    );
    paragraph(typist, open, 1).insert(5, ' more');
    expect(verdict(doc, [frozen], Y.encodeStateAsUpdate(typist, before))).toBe('allow');
    expect(verdict(doc, [frozen], Y.encodeStateAsUpdate(typist, Y.encodeStateVector(doc)))).toBe('allow');
  });
});

/** One item of the order whose clause ids are encoded as ContentJSON, as older Yjs wrote them. */
function orderJsonUpdate(client: number, ids: string[], origin: Y.ID | null): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // one client
  encoding.writeVarUint(encoder, 1); // one struct
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 0);
  if (origin === null) {
    encoding.writeUint8(encoder, 2); // ContentJSON, no origin: the parent follows
    encoding.writeVarUint(encoder, 1); // the parent is a root, by name
    encoding.writeVarString(encoder, ORDER_ROOT);
  } else {
    encoding.writeUint8(encoder, 2 | 0x80); // ContentJSON after a left origin
    encoding.writeVarUint(encoder, origin.client);
    encoding.writeVarUint(encoder, origin.clock);
  }
  encoding.writeVarUint(encoder, ids.length);
  for (const id of ids) encoding.writeVarString(encoder, JSON.stringify(id));
  encoding.writeVarUint(encoder, 0); // no deletions
  return encoding.toUint8Array(encoder);
}

describe('a frozen clause’s place in the order, whatever the content type', () => {
  it('refuses a second insertion of a frozen clause written as ContentJSON', () => {
    const { doc, ids } = draftDoc(['Alpha', 'Bravo']);
    const [, frozen = ''] = ids;
    expect(verdict(doc, [frozen], orderJsonUpdate(777, [frozen], null))).toBe('refuse');
    expect(verdict(doc, [frozen], orderJsonUpdate(777, ['anOpenClause'], null))).toBe('allow');
  });

  it('refuses removing a frozen clause whose id was inserted as ContentJSON before the freeze', () => {
    const { doc } = draftDoc(['Alpha']);
    Y.applyUpdate(doc, orderJsonUpdate(778, ['jsonClause01'], null));
    expect(doc.getArray<string>(ORDER_ROOT).toArray()).toContain('jsonClause01');
    const removal = edit(doc, (c) => {
      const order = c.getArray<string>(ORDER_ROOT);
      order.delete(order.toArray().indexOf('jsonClause01'), 1);
    });
    expect(verdict(doc, ['jsonClause01'], removal)).toBe('refuse');
  });
});
