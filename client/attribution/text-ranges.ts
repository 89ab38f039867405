/**
 * DOM ranges of a clause editor's text by offset in the clause's raw text, as Lexical renders
 * it: one block element per paragraph (joined by "\n"), text nodes, and `<br>` for a line break
 * (an empty paragraph's lone `<br>` is no character). The offsets are those of
 * `shared/attribution/clause-items.ts`.
 */
export interface TextMap {
  /** The text the DOM shows, in the clause's raw offsets. */
  text: string;
  range(start: number, end: number): Range | null;
  /** The offset of a DOM position inside the editor, or null when outside its text. */
  offsetOf(node: Node, offset: number): number | null;
}

interface Piece {
  node: Text;
  start: number;
}

export function mapEditorText(editor: HTMLElement): TextMap {
  const pieces: Piece[] = [];
  let text = '';
  let first = true;
  for (const block of editor.children) {
    if (!first) text += '\n';
    first = false;
    const empty = block.textContent === '';
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      if (node instanceof Text) {
        pieces.push({ node, start: text.length });
        text += node.data;
      } else if (node instanceof HTMLBRElement && !empty) {
        text += '\n';
      }
    }
  }
  const locate = (offset: number, atEnd: boolean): { node: Text; offset: number } | null => {
    for (const piece of pieces) {
      const end = piece.start + piece.node.data.length;
      if (offset >= piece.start && (offset < end || (atEnd && offset === end))) {
        return { node: piece.node, offset: offset - piece.start };
      }
    }
    return null;
  };
  return {
    text,
    range(start, end) {
      const from = locate(start, false);
      const to = locate(end, true);
      if (from === null || to === null) return null;
      const range = document.createRange();
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
      return range;
    },
    offsetOf(node, offset) {
      const piece = pieces.find((p) => p.node === node);
      return piece === undefined ? null : piece.start + offset;
    },
  };
}
