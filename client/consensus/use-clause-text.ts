import { useEffect, useMemo, useState } from 'react';
import * as Y from 'yjs';
import { readClauseText } from '../../shared/clause-text.ts';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import { clauseRootName } from '../../shared/doc-layout.ts';

export interface ClauseText {
  text: string;
  /** What a position is taken on: the SHA-256 of `text`. */
  hash: string;
}

/** The clause's plain text as this person sees it now, and its hash. */
export function useClauseText(doc: Y.Doc, clauseId: string): ClauseText {
  const text = useClausePlainText(doc, clauseId);
  return useMemo(() => ({ text, hash: hashClauseText(text) }), [text]);
}

/** The clause's plain text alone, without hashing it: what a preview shows. */
export function useClausePlainText(doc: Y.Doc, clauseId: string): string {
  const root = doc.get(clauseRootName(clauseId), Y.XmlText) as Y.XmlText;
  const [text, setText] = useState(() => readClauseText(root));
  useEffect(() => {
    const update = () => setText(readClauseText(root));
    update();
    root.observeDeep(update);
    return () => root.unobserveDeep(update);
  }, [root]);
  return text;
}
