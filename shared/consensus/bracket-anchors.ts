import * as Y from 'yjs';
import { clauseRootName, clauseTextRoot } from '../doc-layout.ts';

/**
 * Where a bracket's anchors fall in its clause's words, read from a Y.Doc as the server's room or
 * a client's doc holds it: offsets into the clause's plain text before trimming (paragraphs
 * joined by "\n", a line break one "\n", as `readClauseText` reads it), and the words between.
 */
export type BracketSpan =
  | { ok: true; from: number; to: number; words: string }
  /**
   * `unknown`: an anchor names text this doc has not seen (yet) or is not an anchor at all;
   * `outside`: it lies in another clause; `deleted`: the words between were deleted (the range
   * is empty, or the paragraph holding it is gone).
   */
  | { ok: false; reason: 'unknown' | 'outside' | 'deleted' };

/** A relative position as a bracket stores it: `Y.encodeRelativePosition` in base64. */
export function encodeAnchor(position: Y.RelativePosition): string {
  return base64OfBytes(Y.encodeRelativePosition(position));
}

/** Bytes in base64, as anchors travel (no padding dropped). */
export function base64OfBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < 4; j++) out += j < chars ? BASE64.charAt((chunk >> (18 - 6 * j)) & 63) : '=';
  }
  return out;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function fromBase64(text: string): Uint8Array | null {
  const clean = text.replace(/=+$/, '');
  if (clean.length % 4 === 1) return null;
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const digit = BASE64.indexOf(char);
    if (digit === -1) return null;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 255);
    }
  }
  return Uint8Array.from(bytes);
}

/** The relative position of a stored anchor, or null if it is no such thing. */
export function decodeAnchor(anchor: string): Y.RelativePosition | null {
  const bytes = fromBase64(anchor);
  if (bytes === null || bytes.length === 0) return null;
  try {
    return Y.decodeRelativePosition(bytes);
  } catch (error: unknown) {
    if (error instanceof Error) return null;
    throw error;
  }
}

/**
 * The span between two anchors in the clause's root. The start is tied to the first bracketed
 * character and the end to the last, so words typed at either edge stay outside the bracket, and
 * deleting the words collapses the range: the bracket is then reported, never silently moved.
 */
export function resolveBracketSpan(doc: Y.Doc, clauseId: string, start: string, end: string): BracketSpan {
  const root = clauseTextRoot(doc, clauseId);
  const name = clauseRootName(clauseId);
  const from = offsetOfAnchor(doc, root, name, start);
  const to = offsetOfAnchor(doc, root, name, end);
  if (from === 'unknown' || to === 'unknown') return { ok: false, reason: 'unknown' };
  if (from === 'outside' || to === 'outside') return { ok: false, reason: 'outside' };
  if (from === 'deleted' || to === 'deleted' || to <= from) return { ok: false, reason: 'deleted' };
  return { ok: true, from, to, words: rawClauseText(root).slice(from, to) };
}

/** The clause's plain text as the offsets count it: `readClauseText` before NFC and trimming. */
export function rawClauseText(root: Y.XmlText): string {
  const paragraphs: string[] = [];
  for (const op of root.toDelta() as Array<{ insert: unknown }>) {
    if (op.insert instanceof Y.XmlText) paragraphs.push(inlineText(op.insert));
    else if (typeof op.insert === 'string') paragraphs.push(op.insert);
  }
  return paragraphs.join('\n');
}

/** A relative position for `offset` in the clause's plain text, tied left (assoc < 0) or right. */
export function anchorAtOffset(root: Y.XmlText, offset: number, assoc: number): Y.RelativePosition {
  let before = 0;
  let first = true;
  let index = 0;
  for (const op of root.toDelta() as Array<{ insert: unknown }>) {
    const size = typeof op.insert === 'string' ? op.insert.length : 1;
    if (op.insert instanceof Y.XmlText || typeof op.insert === 'string') {
      if (!first) before += 1;
      first = false;
      const length = typeof op.insert === 'string' ? op.insert.length : inlineText(op.insert).length;
      if (offset <= before + length) {
        return typeof op.insert === 'string'
          ? Y.createRelativePositionFromTypeIndex(root, index + Math.max(0, offset - before), assoc)
          : Y.createRelativePositionFromTypeIndex(op.insert, indexAt(op.insert, offset - before, assoc), assoc);
      }
      before += length;
    }
    index += size;
  }
  return Y.createRelativePositionFromTypeIndex(root, root.length, assoc);
}

function offsetOfAnchor(
  doc: Y.Doc,
  root: Y.XmlText,
  rootName: string,
  anchor: string,
): number | 'unknown' | 'outside' | 'deleted' {
  const relative = decodeAnchor(anchor);
  if (relative === null) return 'unknown';
  // Resolving a root by name would create it in the doc (`doc.get`): only this clause's root is asked for.
  if (relative.tname !== null && relative.tname !== rootName) return 'outside';
  for (const id of [relative.item, relative.type]) {
    if (id !== null && id.clock >= Y.getState(doc.store, id.client)) return 'unknown';
  }
  let absolute: Y.AbsolutePosition | null;
  try {
    absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc);
  } catch (error: unknown) {
    // A decoded position naming a struct this doc holds in another shape: no place here.
    if (error instanceof Error) return 'unknown';
    throw error;
  }
  if (absolute === null) return relative.item === null && relative.type === null ? 'unknown' : 'deleted';
  return offsetIn(root, absolute.type as Y.AbstractType<unknown>, absolute.index);
}

/** The plain-text offset of `index` in `type`, if `type` is the clause's root or a paragraph of it. */
function offsetIn(root: Y.XmlText, type: Y.AbstractType<unknown>, index: number): number | 'outside' | 'deleted' {
  let before = 0;
  let first = true;
  let seen = 0;
  for (const op of root.toDelta() as Array<{ insert: unknown }>) {
    const size = typeof op.insert === 'string' ? op.insert.length : 1;
    const readable = op.insert instanceof Y.XmlText || typeof op.insert === 'string';
    if (readable && !first) before += 1;
    if (type === root && index <= seen + (typeof op.insert === 'string' ? size : 0)) {
      return before + (typeof op.insert === 'string' ? index - seen : 0);
    }
    if (readable) first = false;
    if (op.insert instanceof Y.XmlText) {
      if (op.insert === type) return before + inlineOffset(op.insert, index);
      before += inlineText(op.insert).length;
    } else if (typeof op.insert === 'string') before += size;
    seen += size;
  }
  if (type === root) return before;
  // A type of this doc that is no paragraph of this clause: deleted with its paragraph, or elsewhere.
  let parent = type._item?.parent ?? null;
  while (parent instanceof Y.AbstractType) {
    if (parent === root) return 'deleted';
    parent = parent._item?.parent ?? null;
  }
  return 'outside';
}

/** Characters before `index` in a paragraph: a run's properties count none, a line break one. */
function inlineOffset(paragraph: Y.XmlText, index: number): number {
  let chars = 0;
  let seen = 0;
  for (const op of paragraph.toDelta() as Array<{ insert: unknown }>) {
    if (seen >= index) break;
    if (typeof op.insert === 'string') {
      const take = Math.min(op.insert.length, index - seen);
      chars += take;
      seen += take;
    } else {
      chars += embedText(op.insert).length;
      seen += 1;
    }
  }
  return chars;
}

/**
 * The paragraph index of its `chars`-th character: tied left (assoc < 0), right after the
 * character before it; tied right, right before the character itself (after a run's properties).
 */
function indexAt(paragraph: Y.XmlText, chars: number, assoc: number): number {
  let seen = 0;
  let counted = 0;
  for (const op of paragraph.toDelta() as Array<{ insert: unknown }>) {
    if (assoc < 0 && counted >= chars) return seen;
    const length = typeof op.insert === 'string' ? op.insert.length : embedText(op.insert).length;
    const within = assoc < 0 ? chars <= counted + length : chars < counted + length;
    if (length > 0 && within)
      return typeof op.insert === 'string' ? seen + (chars - counted) : seen + (chars > counted ? 1 : 0);
    counted += length;
    seen += typeof op.insert === 'string' ? length : 1;
  }
  return seen;
}

function inlineText(paragraph: Y.XmlText): string {
  let text = '';
  for (const op of paragraph.toDelta() as Array<{ insert: unknown }>) {
    text += typeof op.insert === 'string' ? op.insert : embedText(op.insert);
  }
  return text;
}

function embedText(embed: unknown): string {
  if (embed instanceof Y.XmlText) return inlineText(embed);
  if (embed instanceof Y.Map && embed.get('__type') === 'linebreak') return '\n';
  return '';
}
