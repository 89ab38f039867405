/**
 * Offsets in a clause's plain text (paragraphs joined by "\n", a line break one "\n", as
 * `rawClauseText` counts them) for places in the DOM of its editor or preview, and back. The
 * editor's DOM holds the clause's words and nothing else: one block per paragraph, text nodes
 * and `<br>`s for line breaks (a `<br>` that ends a block is Lexical's placeholder, not a break).
 */
interface Segment {
  node: Node;
  start: number;
  length: number;
}

function segmentsOf(editor: HTMLElement): { segments: Segment[]; blocks: Element[]; blockStarts: number[] } {
  const segments: Segment[] = [];
  const blocks = [...editor.children];
  const blockStarts: number[] = [];
  let at = 0;
  blocks.forEach((block, index) => {
    if (index > 0) at += 1;
    blockStarts.push(at);
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        const length = node.textContent?.length ?? 0;
        segments.push({ node, start: at, length });
        at += length;
      } else if (node.nodeName === 'BR' && !isPlaceholder(node, block)) {
        segments.push({ node, start: at, length: 1 });
        at += 1;
      }
    }
  });
  return { segments, blocks, blockStarts };
}

function isPlaceholder(br: Node, block: Element): boolean {
  let node: Node | null = br;
  while (node !== null && node !== block) {
    if (node.nextSibling !== null) return false;
    node = node.parentNode;
  }
  return true;
}

/** The plain-text offset of a DOM place inside `editor`, or null if it is not inside. */
export function textOffsetOf(editor: HTMLElement, node: Node, offset: number): number | null {
  if (!editor.contains(node)) return null;
  const { segments, blocks, blockStarts } = segmentsOf(editor);
  const range = document.createRange();
  range.setStart(editor, 0);
  range.setEnd(node, offset);
  // The block holding the place sets the base; add what lies before the place within it.
  const holder = blocks.findIndex((block) => block === node || block.contains(node));
  if (holder === -1) {
    // A place between blocks: the start of the next one.
    return blockStarts[Math.min(offset, blockStarts.length - 1)] ?? 0;
  }
  const base = blockStarts[holder] ?? 0;
  let within = 0;
  for (const segment of segments) {
    if (!blocks[holder]?.contains(segment.node)) continue;
    if (segment.node === node) {
      within += Math.min(offset, segment.length);
      break;
    }
    if (range.intersectsNode(segment.node)) within += segment.length;
  }
  return base + within;
}

/** A DOM range over the plain-text offsets `from` to `to` in `editor`, or null if they lie outside it. */
export function domRangeOf(editor: HTMLElement, from: number, to: number): Range | null {
  const { segments } = segmentsOf(editor);
  const start = placeAt(segments, from, true);
  const end = placeAt(segments, to, false);
  if (start === null || end === null) return null;
  const range = document.createRange();
  range.setStart(start.node, start.offset);
  range.setEnd(end.node, end.offset);
  return range;
}

function placeAt(
  segments: readonly Segment[],
  offset: number,
  forward: boolean,
): { node: Node; offset: number } | null {
  for (const segment of segments) {
    const inside = forward ? offset < segment.start + segment.length : offset <= segment.start + segment.length;
    if (offset < segment.start || !inside) continue;
    if (segment.node.nodeType === Node.TEXT_NODE) return { node: segment.node, offset: offset - segment.start };
    const parent = segment.node.parentNode;
    if (parent === null) return null;
    const index = [...parent.childNodes].indexOf(segment.node as ChildNode);
    return { node: parent, offset: offset === segment.start ? index : index + 1 };
  }
  return null;
}
