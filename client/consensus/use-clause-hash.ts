import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { hashClauseRoot } from '../../shared/consensus/clause-hash.ts';
import { clauseRootName } from '../../shared/doc-layout.ts';

/** The hash of the clause text as this person sees it now: what a position is taken on. */
export function useClauseHash(doc: Y.Doc, clauseId: string): string {
  const root = doc.get(clauseRootName(clauseId), Y.XmlText) as Y.XmlText;
  const [hash, setHash] = useState(() => hashClauseRoot(root));
  useEffect(() => {
    const update = () => setHash(hashClauseRoot(root));
    update();
    root.observeDeep(update);
    return () => root.unobserveDeep(update);
  }, [root]);
  return hash;
}
