import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTabNode,
  $createTextNode,
  $getRoot,
  type TextFormatType,
} from 'lexical';
import type * as Y from 'yjs';
import type { LayoutPiece } from '../../shared/testing/lexical-layout.ts';
import { writeThroughLexical } from '../drafts/seed-clause-text.ts';

const FORMATS: Record<string, TextFormatType> = { b: 'bold', i: 'italic', u: 'underline' };

/**
 * Writes formatted paragraphs into a new clause root through a headless Lexical editor bound to
 * it, as a browser's editor would (as `seedClauseText` does for plain text): the real layout, for
 * tests of what is read, hashed and exported from it.
 */
export function seedFormattedText(
  doc: Y.Doc,
  clauseId: string,
  paragraphs: ReadonlyArray<readonly LayoutPiece[]>,
): void {
  writeThroughLexical(doc, clauseId, () => {
    for (const pieces of paragraphs) {
      const paragraph = $createParagraphNode();
      for (const piece of pieces) {
        if (piece === 'br') paragraph.append($createLineBreakNode());
        else if (piece === 'tab') paragraph.append($createTabNode());
        else {
          const node = $createTextNode(piece[0]);
          for (const letter of piece[1] ?? '') {
            const format = FORMATS[letter];
            if (format !== undefined) node.toggleFormat(format);
          }
          paragraph.append(node);
        }
      }
      $getRoot().append(paragraph);
    }
  });
}
