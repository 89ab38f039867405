import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { clauseRootName } from '../doc-layout.ts';

/**
 * A clause's text laid out as `readClauseText` reads it, before trimming: paragraphs joined by
 * "\n", a line break "\n", a run's property map nothing. Every place in the clause's Yjs types
 * (type, index) maps to an offset in that text; this is how a span's relative positions become
 * words, on the server (to check a quote) and in the browser (to paint it).
 */
export function clauseTextLayout(root: Y.XmlText): {
  text: string;
  offsetOf(type: Y.AbstractType<unknown>, index: number): number | null;
  /** The place in the clause's types at text offset `offset`, inside the paragraph holding it. */
  placeAt(offset: number): { type: Y.XmlText; index: number } | null;
} {
  let text = '';
  /** For each type met, the offset in `text` at each of its indices. */
  const places = new Map<Y.AbstractType<unknown>, number[]>();
  const walkInline = (element: Y.XmlText): void => {
    const offsets: number[] = [];
    for (const op of element.toDelta() as Array<{ insert: unknown }>) {
      if (typeof op.insert === 'string') {
        for (let i = 0; i < op.insert.length; i += 1) {
          offsets.push(text.length);
          text += op.insert[i];
        }
      } else if (op.insert instanceof Y.XmlText) {
        offsets.push(text.length);
        walkInline(op.insert);
      } else if (op.insert instanceof Y.Map && op.insert.get('__type') === 'linebreak') {
        offsets.push(text.length);
        text += '\n';
      } else {
        offsets.push(text.length);
      }
    }
    offsets.push(text.length);
    places.set(element as Y.AbstractType<unknown>, offsets);
  };
  const rootOffsets: number[] = [];
  let first = true;
  for (const op of root.toDelta() as Array<{ insert: unknown }>) {
    if (!first && (op.insert instanceof Y.XmlText || typeof op.insert === 'string')) text += '\n';
    rootOffsets.push(text.length);
    if (op.insert instanceof Y.XmlText) {
      walkInline(op.insert);
      first = false;
    } else if (typeof op.insert === 'string') {
      // A bare string at the root (not what Lexical writes): one index per character.
      for (let i = 1; i < op.insert.length; i += 1) rootOffsets.push(text.length + i);
      text += op.insert;
      first = false;
    }
  }
  rootOffsets.push(text.length);
  places.set(root as Y.AbstractType<unknown>, rootOffsets);
  return {
    text,
    placeAt: (offset) => {
      // The innermost paragraph whose range holds the offset: the last place at or before it.
      let best: { type: Y.XmlText; index: number } | null = null;
      for (const [type, offsets] of places) {
        if (type === (root as Y.AbstractType<unknown>)) continue;
        const first = offsets[0];
        const last = offsets[offsets.length - 1];
        if (first === undefined || last === undefined || offset < first || offset > last) continue;
        let index = 0;
        while (index + 1 < offsets.length && (offsets[index] ?? 0) < offset) index += 1;
        // Past the run's property map, onto the character itself.
        while (index + 1 < offsets.length && offsets[index + 1] === offset && offsets[index] === offset) index += 1;
        best = { type: type as unknown as Y.XmlText, index };
      }
      return best;
    },
    offsetOf: (type, index) => {
      const offsets = places.get(type);
      if (offsets === undefined) return null;
      return offsets[Math.min(Math.max(index, 0), offsets.length - 1)] ?? null;
    },
  };
}

export function encodeRelativePosition(position: Y.RelativePosition): string {
  return toBase64(Y.encodeRelativePosition(position));
}

export function decodeRelativePosition(base64: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(base64));
  } catch (error: unknown) {
    // Bytes that are base64 but no relative position.
    if (error instanceof Error) return null;
    throw error;
  }
}

/** Where a span is in a clause's text now: offsets into `clauseTextLayout(root).text`. */
export interface ResolvedSpan {
  from: number;
  to: number;
  /** The words between, as they read now ("" when they were all deleted). */
  words: string;
}

/**
 * Resolves a span's two relative positions in `doc`: null when either does not resolve (it names
 * an item this doc does not hold yet, or one that was collected), lies outside the clause's own
 * root, or ends before it starts.
 */
export function resolveSpan(doc: Y.Doc, clauseId: string, span: { start: string; end: string }): ResolvedSpan | null {
  // A clause this doc never held has no root, and `doc.get` would add one.
  if (!doc.share.has(clauseRootName(clauseId))) return null;
  const root = doc.get(clauseRootName(clauseId), Y.XmlText);
  const layout = clauseTextLayout(root);
  const place = (base64: string): number | null => {
    const relative = decodeRelativePosition(base64);
    if (relative === null) return null;
    let absolute: Y.AbsolutePosition | null;
    try {
      absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc);
    } catch (error: unknown) {
      if (error instanceof Error) return null;
      throw error;
    }
    if (absolute === null) return null;
    return layout.offsetOf(absolute.type as Y.AbstractType<unknown>, absolute.index);
  };
  const from = place(span.start);
  const to = place(span.end);
  if (from === null || to === null || to < from) return null;
  return { from, to, words: layout.text.slice(from, to) };
}

/** Quotes compare as the text is hashed: NFC, spacing collapsed at the edges. */
export function sameQuote(a: string, b: string): boolean {
  return a.normalize('NFC').trim() === b.normalize('NFC').trim();
}
