import { useEffect, useReducer } from 'react';
import type { ClauseText, ClauseTextCache } from '../../shared/clause-text-cache.ts';
import { clauseTextRoot } from '../../shared/doc-layout.ts';

/**
 * The clause's text as this person sees it now, and its hash (what a position is taken on), from
 * the room's cache: re-rendered whenever the clause changes, hashed once per change.
 */
export function useClauseText(texts: ClauseTextCache, clauseId: string): ClauseText {
  const [, changed] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const root = clauseTextRoot(texts.doc, clauseId);
    root.observeDeep(changed);
    return () => root.unobserveDeep(changed);
  }, [texts, clauseId]);
  return texts.get(clauseId);
}
