import * as encoding from 'lib0/encoding';
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

/** One struct as a hostile client writes it: any origins, any parent, no Yjs in between. */
export interface CraftedStruct {
  client: number;
  clock: number;
  origin: Y.ID | null;
  rightOrigin: Y.ID | null;
  /** Written only when both origins are absent, as Yjs reads it. */
  parent: { root: string; key: string | null };
  content: { string: string } | { any: unknown[] };
}

/**
 * Encodes structs as a v1 update with an empty delete set, each client's structs in one run
 * starting at its lowest clock (the caller keeps a client's clocks contiguous).
 */
export function encodeCraftedUpdate(structs: CraftedStruct[]): Uint8Array {
  const byClient = new Map<number, CraftedStruct[]>();
  for (const struct of structs) byClient.set(struct.client, [...(byClient.get(struct.client) ?? []), struct]);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, byClient.size);
  for (const [client, own] of byClient) {
    own.sort((a, b) => a.clock - b.clock);
    encoding.writeVarUint(encoder, own.length);
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, own[0]?.clock ?? 0);
    for (const struct of own) writeStruct(encoder, struct);
  }
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}

function writeStruct(encoder: encoding.Encoder, struct: CraftedStruct): void {
  const { origin, rightOrigin, parent, content } = struct;
  const withParent = origin === null && rightOrigin === null;
  const contentRef = 'string' in content ? 4 : 8;
  const parentSub = withParent && parent.key !== null ? 0x20 : 0;
  encoding.writeUint8(
    encoder,
    contentRef | (origin === null ? 0 : 0x80) | (rightOrigin === null ? 0 : 0x40) | parentSub,
  );
  for (const id of [origin, rightOrigin]) {
    if (id === null) continue;
    encoding.writeVarUint(encoder, id.client);
    encoding.writeVarUint(encoder, id.clock);
  }
  if (withParent) {
    encoding.writeVarUint(encoder, 1); // the parent is a root, named
    encoding.writeVarString(encoder, parent.root);
    if (parent.key !== null) encoding.writeVarString(encoder, parent.key);
  }
  if ('string' in content) {
    encoding.writeVarString(encoder, content.string);
  } else {
    encoding.writeVarUint(encoder, content.any.length);
    for (const value of content.any) encoding.writeAny(encoder, value as Parameters<typeof encoding.writeAny>[1]);
  }
}
