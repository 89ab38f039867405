import * as Y from 'yjs';

/** The doc's struct at an id the doc has (its clock is below the client's state). */
export function docStruct(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | undefined {
  const structs = doc.store.clients.get(id.client) as Array<Y.Item | Y.GC> | undefined;
  return structs?.[Y.findIndexSS(structs, id.clock)];
}
