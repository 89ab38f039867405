import * as Y from 'yjs';

/**
 * The plain text of a clause, read straight from its `clause/<id>` root in the layout that
 * Lexical's Yjs binding writes: the root holds one embedded `Y.XmlText` per paragraph; inside a
 * paragraph, text runs are strings, each after a `Y.Map` of its properties, and a line break is
 * a `Y.Map` whose `__type` is `linebreak`. Paragraphs are joined by "\n"; the result is NFC and
 * trimmed, so server and client derive the same text (and hash) from the same state.
 */
export function readClauseText(root: Y.XmlText): string {
  const paragraphs: string[] = [];
  for (const op of root.toDelta() as Array<{ insert: unknown }>) {
    if (op.insert instanceof Y.XmlText) paragraphs.push(readInline(op.insert));
    else if (typeof op.insert === 'string') paragraphs.push(op.insert);
  }
  return paragraphs.join('\n').normalize('NFC').trim();
}

function readInline(element: Y.XmlText): string {
  let text = '';
  for (const op of element.toDelta() as Array<{ insert: unknown }>) {
    if (typeof op.insert === 'string') text += op.insert;
    else if (op.insert instanceof Y.XmlText) text += readInline(op.insert);
    else if (op.insert instanceof Y.Map && op.insert.get('__type') === 'linebreak') text += '\n';
  }
  return text;
}
