import { useEffect } from 'react';
import type * as Y from 'yjs';
import { resolveSpan } from '../../shared/comments/comment-anchor.ts';
import type { CommentThreadView } from '../../shared/schemas/comments.ts';
import { domRangeOf } from './comment-dom.ts';

/** The highlight's name in CSS: `::highlight(mufakat-comment)` in styles.css paints it. */
export const COMMENT_HIGHLIGHT = 'mufakat-comment';

/** Each clause's painted ranges; the one highlight shows them all. */
const rangesByClause = new Map<string, Range[]>();

function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

function repaintAll(): void {
  if (!highlightsSupported()) return;
  const all = [...rangesByClause.values()].flat();
  if (all.length === 0) CSS.highlights.delete(COMMENT_HIGHLIGHT);
  else CSS.highlights.set(COMMENT_HIGHLIGHT, new Highlight(...all));
}

/**
 * Paints the spans of a clause's open threads over its editor, without touching the document:
 * a mark in the text would change its hash and be refused on a frozen clause. Each span is
 * resolved in this browser's doc, and repainted as the text or the threads change. Where the
 * API is missing, nothing is painted; the thread list quotes the words all the same.
 */
export function useCommentHighlights(
  clauseId: string,
  doc: Y.Doc,
  threads: readonly CommentThreadView[],
  card: () => HTMLElement | null,
): void {
  useEffect(() => {
    if (!highlightsSupported()) return;
    let frame = 0;
    const paint = () => {
      frame = 0;
      const editor = card()?.querySelector<HTMLElement>('.clause-editor') ?? null;
      const ranges: Range[] = [];
      if (editor !== null) {
        for (const thread of threads) {
          if (thread.span === null || thread.resolved !== null) continue;
          const resolved = resolveSpan(doc, clauseId, thread.span);
          if (resolved === null || resolved.from === resolved.to) continue;
          const range = domRangeOf(editor, resolved.from, resolved.to);
          if (range !== null) ranges.push(range);
        }
      }
      rangesByClause.set(clauseId, ranges);
      repaintAll();
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(paint);
    };
    schedule();
    // Lexical writes the DOM after the doc changes: repaint after the DOM does.
    const element = card();
    const observer = new MutationObserver(schedule);
    if (element !== null) observer.observe(element, { childList: true, subtree: true, characterData: true });
    doc.on('update', schedule);
    return () => {
      if (frame !== 0) cancelAnimationFrame(frame);
      observer.disconnect();
      doc.off('update', schedule);
      rangesByClause.delete(clauseId);
      repaintAll();
    };
  }, [clauseId, doc, threads, card]);
}
