/**
 * Text offsets in a clause's editor, counted as `clauseTextLayout` counts them in the document:
 * paragraphs (the editor's block children) joined by one "\n", a line break one "\n". Lexical
 * ends an empty paragraph, or one that ends in a line break, with a `<br>` that is no character.
 */
interface Segment {
  node: Node;
  start: number;
  length: number;
}

function segmentsOf(editor: HTMLElement): { segments: Segment[]; length: number } {
  const segments: Segment[] = [];
  let at = 0;
  let firstBlock = true;
  for (const block of Array.from(editor.children)) {
    if (!firstBlock) at += 1;
    firstBlock = false;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        const length = node.textContent?.length ?? 0;
        segments.push({ node, start: at, length });
        at += length;
      } else if (node.nodeName === 'BR' && node !== lastDescendant(block)) {
        segments.push({ node, start: at, length: 1 });
        at += 1;
      }
    }
  }
  return { segments, length: at };
}

function lastDescendant(node: Node): Node {
  let last = node;
  while (last.lastChild !== null) last = last.lastChild;
  return last;
}

/** The text offset of a DOM point (a selection's end) inside `editor`, or null outside it. */
export function textOffsetOf(editor: HTMLElement, container: Node, offset: number): number | null {
  if (!editor.contains(container)) return null;
  const { segments, length } = segmentsOf(editor);
  if (container.nodeType === Node.TEXT_NODE) {
    const segment = segments.find((s) => s.node === container);
    return segment === undefined ? null : segment.start + Math.min(offset, segment.length);
  }
  // A point between an element's children: the first segment at or after it.
  const point = document.createRange();
  point.setStart(container, offset);
  for (const segment of segments) {
    if (point.comparePoint(segment.node, 0) >= 0) return segment.start;
  }
  return length;
}

/** A DOM range over text offsets `from`…`to` of `editor`, or null when they are not in it. */
export function domRangeOf(editor: HTMLElement, from: number, to: number): Range | null {
  const { segments } = segmentsOf(editor);
  const place = (offset: number, atEnd: boolean): [Node, number] | null => {
    for (const segment of segments) {
      const inside = atEnd
        ? offset > segment.start && offset <= segment.start + segment.length
        : offset >= segment.start && offset < segment.start + segment.length;
      if (!inside) continue;
      if (segment.node.nodeType === Node.TEXT_NODE) return [segment.node, offset - segment.start];
      const parent = segment.node.parentNode;
      if (parent === null) return null;
      const index = Array.prototype.indexOf.call(parent.childNodes, segment.node) as number;
      return [parent, index + (offset > segment.start ? 1 : 0)];
    }
    return null;
  };
  const start = place(from, false);
  const end = place(to, true);
  if (start === null || end === null) return null;
  const range = document.createRange();
  range.setStart(start[0], start[1]);
  range.setEnd(end[0], end[1]);
  return range;
}
