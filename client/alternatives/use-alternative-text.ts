import { useEffect, useReducer } from 'react';
import type { ClauseText, ClauseTextCache } from '../../shared/clause-text-cache.ts';
import { alternativeTextRoot } from '../../shared/doc-layout.ts';

/** An alternative's words as this person sees them now, and their hash: re-rendered as they change. */
export function useAlternativeText(texts: ClauseTextCache, clauseId: string, n: number): ClauseText {
  const [, changed] = useReducer((count: number) => count + 1, 0);
  useEffect(() => {
    const root = alternativeTextRoot(texts.doc, clauseId, n);
    root.observeDeep(changed);
    return () => root.unobserveDeep(changed);
  }, [texts, clauseId, n]);
  return texts.alternative(clauseId, n);
}
