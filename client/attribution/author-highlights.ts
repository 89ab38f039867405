import { AUTHOR_STYLES } from './author-styles.ts';

/**
 * The room's authorship highlights: one CSS Custom Highlight per mark (`author-0` …), holding
 * the ranges of every painted clause. Painting touches neither the document nor the editor's
 * DOM, so the clause's text, its hash and its positions stay as they are.
 */
const painted = new Map<string, Map<number, Range[]>>();

/** Whether this browser can paint highlights at all (the CSS Custom Highlight API). */
export function canPaintHighlights(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

/** Replaces the painted ranges of one clause, mark by mark. */
export function paintClause(clauseId: string, ranges: ReadonlyMap<number, Range[]>): void {
  painted.set(clauseId, new Map(ranges));
  repaint();
}

export function clearClause(clauseId: string): void {
  if (painted.delete(clauseId)) repaint();
}

function repaint(): void {
  if (!canPaintHighlights()) return;
  for (let slot = 0; slot < AUTHOR_STYLES; slot++) {
    const ranges = [...painted.values()].flatMap((byMark) => byMark.get(slot) ?? []);
    const name = `author-${slot}`;
    if (ranges.length === 0) CSS.highlights.delete(name);
    else CSS.highlights.set(name, new Highlight(...ranges));
  }
}
