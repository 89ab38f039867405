import * as Y from 'yjs';
import { clauseTextRoot } from '../doc-layout.ts';
import { TextFormatBits } from '../doc-schema.ts';

/** A piece of a paragraph: text with its format letters (`"b"`, `"iu"`, `""`), a line break or a tab. */
export type LayoutPiece = readonly [text: string, format?: string] | 'br' | 'tab';

const TEXT_PROPERTIES = { __type: 'text', __style: '', __mode: 0, __detail: 0 } as const;

/** Lexical's format bits for format letters. */
export function formatBits(format: string): number {
  return (
    (format.includes('b') ? TextFormatBits.bold : 0) |
    (format.includes('i') ? TextFormatBits.italic : 0) |
    (format.includes('u') ? TextFormatBits.underline : 0)
  );
}

/**
 * Writes a clause in the layout Lexical's Yjs binding writes (checked against a real headless
 * editor in server/testing/seed-formatted-text.test.ts): one `Y.XmlText` per paragraph, each text
 * run a `Y.Map` of its properties followed by its characters, a line break a map alone. Lets
 * shared tests lay out formatted text without an editor.
 */
export function writeClauseLayout(
  doc: Y.Doc,
  clauseId: string,
  paragraphs: ReadonlyArray<readonly LayoutPiece[]>,
): void {
  const root = clauseTextRoot(doc, clauseId);
  doc.transact(() => {
    paragraphs.forEach((pieces, index) => {
      const paragraph = new Y.XmlText();
      root.insertEmbed(index, paragraph);
      for (const [key, value] of Object.entries(PARAGRAPH_ATTRIBUTES)) paragraph.setAttribute(key, value as never);
      let at = 0;
      for (const piece of pieces) {
        const map = new Y.Map<unknown>();
        if (piece === 'br') {
          paragraph.insertEmbed(at, map);
          map.set('__type', 'linebreak');
          at += 1;
          continue;
        }
        const [text, format] = piece === 'tab' ? ['\t', ''] : piece;
        paragraph.insertEmbed(at, map);
        for (const [key, value] of Object.entries(TEXT_PROPERTIES)) map.set(key, value);
        map.set('__format', formatBits(format ?? ''));
        if (piece === 'tab') map.set('__type', 'tab');
        paragraph.insert(at + 1, text);
        at += 1 + text.length;
      }
    });
  });
}

const PARAGRAPH_ATTRIBUTES = {
  __type: 'paragraph',
  __format: 0,
  __style: '',
  __indent: 0,
  __dir: null,
  __textFormat: 0,
  __textStyle: '',
} as const;
