import * as Y from 'yjs';

/**
 * The document the crafted update below was found against (by mutating valid updates): client 1
 * wrote "hello world" into text `t` and a text into map `m` under `k`.
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

/** An update Yjs must hold back: it continues a client's clock with nothing before it. */
export function updateWithClockGap(rootName: string, client = 0x7fff_fff1): Uint8Array {
  const source = new Y.Doc();
  source.clientID = client;
  const text = source.getText(rootName);
  text.insert(0, 'hidden-');
  const before = Y.encodeStateVector(source);
  text.insert(text.length, 'SECRET');
  return Y.encodeStateAsUpdate(source, before);
}
