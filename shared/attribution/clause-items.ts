import * as Y from 'yjs';

/** One piece of a clause's text as the document holds it, deleted pieces included. */
export interface ClausePiece {
  /** The Yjs item: its `id.client` says which client wrote it. */
  item: Y.Item;
  /** Its characters ("\n" for a line break). Empty for deleted content already collected. */
  text: string;
  /** Where it starts in the clause's raw visible text (for a deleted piece: where it was). */
  offset: number;
  /** Deleted itself or inside a deleted paragraph. */
  deleted: boolean;
}

/**
 * Visits every piece of text of a clause's `clause/<id>` root in document order, in the layout
 * Lexical's Yjs binding writes (see shared/clause-text.ts): paragraphs are embedded `Y.XmlText`s
 * joined by "\n", text runs are strings, a line break is a `Y.Map` whose `__type` is
 * `linebreak`. Offsets count the raw visible text (not trimmed, not normalised), which is what a
 * browser's editor shows. Deleted items are visited while their content is still there (before
 * garbage collection: in `afterTransaction`, or in a doc with `gc: false`).
 */
export function walkClause(root: Y.XmlText, visit: (piece: ClausePiece) => void): void {
  let offset = 0;
  let paragraphs = 0;
  for (let item = root._start; item !== null; item = item.right) {
    const { content } = item;
    if (content instanceof Y.ContentType && content.type instanceof Y.XmlText) {
      if (!item.deleted && paragraphs++ > 0) offset += 1;
      offset = walkInline(content.type, offset, item.deleted, visit);
    } else if (content instanceof Y.ContentString) {
      if (!item.deleted && paragraphs++ > 0) offset += 1;
      visit({ item, text: content.str, offset, deleted: item.deleted });
      if (!item.deleted) offset += content.str.length;
    }
  }
}

function walkInline(element: Y.XmlText, start: number, parentDeleted: boolean, visit: (piece: ClausePiece) => void) {
  let offset = start;
  for (let item = element._start; item !== null; item = item.right) {
    const deleted = parentDeleted || item.deleted;
    const { content } = item;
    if (content instanceof Y.ContentString) {
      visit({ item, text: content.str, offset, deleted });
      if (!deleted) offset += content.str.length;
    } else if (content instanceof Y.ContentType) {
      if (content.type instanceof Y.XmlText) offset = walkInline(content.type, offset, deleted, visit);
      else if (content.type instanceof Y.Map && isLineBreak(content.type)) {
        visit({ item, text: '\n', offset, deleted });
        if (!deleted) offset += 1;
      }
    }
  }
  return offset;
}

function isLineBreak(map: Y.Map<unknown>): boolean {
  // Read from the item, not `get`: a deleted map answers nothing, and Lexical never changes a
  // line break's type once written.
  const entry = map._map.get('__type');
  return entry !== undefined && entry.content.getContent()[0] === 'linebreak';
}

/** A stretch `[start, end)` of a clause's raw visible text written by one Yjs client. */
export interface ClientSpan {
  start: number;
  end: number;
  text: string;
  client: number;
}

/** The clause's visible text in spans by Yjs client id, neighbours of one client merged. */
export function clientSpans(root: Y.XmlText): ClientSpan[] {
  const spans: ClientSpan[] = [];
  walkClause(root, ({ item, text, offset, deleted }) => {
    if (deleted || text === '') return;
    const last = spans.at(-1);
    if (last !== undefined && last.client === item.id.client && last.end === offset) {
      last.end += text.length;
      last.text += text;
    } else spans.push({ start: offset, end: offset + text.length, text, client: item.id.client });
  });
  return spans;
}
