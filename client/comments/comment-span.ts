import * as Y from 'yjs';
import { clauseTextLayout, encodeRelativePosition } from '../../shared/comments/comment-anchor.ts';
import { clauseTextRoot } from '../../shared/doc-layout.ts';
import { type CommentSpan, QUOTE_MAX_CHARS } from '../../shared/schemas/comments.ts';
import { textOffsetOf } from './comment-dom.ts';

/**
 * The span of the person's selection inside a clause's editor, as relative positions in this
 * browser's doc with the words quoted; null when nothing of this clause is selected. The words'
 * edges are trimmed of spaces, as the quote is compared on the server.
 */
export function selectedSpan(
  doc: Y.Doc,
  clauseId: string,
  editor: HTMLElement,
): { span: CommentSpan } | { problem: string } | null {
  const selection = window.getSelection();
  if (selection === null || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  let from = textOffsetOf(editor, range.startContainer, range.startOffset);
  let to = textOffsetOf(editor, range.endContainer, range.endOffset);
  if (from === null || to === null) return null;
  const layout = clauseTextLayout(clauseTextRoot(doc, clauseId));
  while (from < to && /\s/.test(layout.text[from] ?? '')) from += 1;
  while (to > from && /\s/.test(layout.text[to - 1] ?? '')) to -= 1;
  if (from === to) return null;
  const quote = layout.text.slice(from, to);
  if (quote.length > QUOTE_MAX_CHARS) {
    return { problem: `Select at most ${QUOTE_MAX_CHARS} characters to comment on; a longer passage is the clause.` };
  }
  const start = layout.placeAt(from);
  const end = layout.placeAt(to);
  if (start === null || end === null) return null;
  return {
    span: {
      // The start is tied to the first quoted character, the end to the last: words typed at
      // either edge stay outside the span.
      start: encodeRelativePosition(Y.createRelativePositionFromTypeIndex(start.type, start.index, 0)),
      end: encodeRelativePosition(Y.createRelativePositionFromTypeIndex(end.type, end.index, -1)),
      quote,
    },
  };
}
