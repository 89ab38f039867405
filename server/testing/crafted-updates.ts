import * as Y from 'yjs';
import { clauseTextRoot } from '../../shared/doc-layout.ts';
import { buildInitialDocument } from '../drafts/create-draft.ts';

/** A draft's document in the layout the editor writes: one operative clause, "hello world". */
export function layoutBaseDoc(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, buildInitialDocument([{ kind: 'operative', text: 'hello world' }]));
  return doc;
}

/**
 * The document the crafted update below was found against (by mutating valid updates): client 1
 * wrote "hello world" into text `t` and a text into map `m` under `k`. Not the draft layout: only
 * a room without its guards takes updates to it (what the room's own recovery is tested with).
 */
export function craftedBaseDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 1;
  doc.getText('t').insert(0, 'hello world');
  doc.getMap('m').set('k', new Y.Text('x'));
  return doc;
}

/**
 * Formatting items whose references Yjs decodes without complaint but cannot integrate into
 * {@link craftedBaseDoc}: `Y.applyUpdate` throws half-way. What a hostile client would send.
 */
export const UNAPPLICABLE_UPDATE = Uint8Array.from(
  Buffer.from('01030200c60106010704626f6c640474727565c4022e010703616263c60203010704626f6c64046e756c6c00', 'hex'),
);

/**
 * An update Yjs must hold back: it continues a client's clock with nothing before it. Typed into
 * the first paragraph of clause `clauseId` of `base`, as an editor would.
 */
export function updateWithClockGap(base: Y.Doc, clauseId: string, client = 0x7fff_fff1): Uint8Array {
  const source = new Y.Doc();
  source.clientID = client;
  Y.applyUpdate(source, Y.encodeStateAsUpdate(base));
  const paragraph = (clauseTextRoot(source, clauseId).toDelta() as Array<{ insert: unknown }>)[0]?.insert;
  if (!(paragraph instanceof Y.XmlText)) throw new Error(`clause ${clauseId} has no paragraph`);
  paragraph.insert(paragraph.length, ' hidden-');
  const before = Y.encodeStateVector(source);
  paragraph.insert(paragraph.length, 'SECRET');
  return Y.encodeStateAsUpdate(source, before);
}
