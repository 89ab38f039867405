import * as Y from 'yjs';
import { normaliseClauseRuns, type RawRun } from './clause-runs.ts';
import type { ClauseRun } from './schemas/clause-run.ts';

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

/**
 * The clause's text with its emphasis: the same characters as `readClauseText`, in runs of one
 * format each (from each text run's `__format`), in the canonical shape of `normaliseClauseRuns`.
 */
export function readClauseRuns(root: Y.XmlText): ClauseRun[] {
  const raw: RawRun[] = [];
  let first = true;
  for (const op of root.toDelta() as Array<{ insert: unknown }>) {
    if (!(op.insert instanceof Y.XmlText) && typeof op.insert !== 'string') continue;
    if (!first) raw.push({ text: '\n', bits: 0 });
    first = false;
    if (op.insert instanceof Y.XmlText) readInlineRuns(op.insert, raw);
    else raw.push({ text: op.insert, bits: 0 });
  }
  return normaliseClauseRuns(raw);
}

function readInlineRuns(element: Y.XmlText, raw: RawRun[]): void {
  // Lexical writes each run's properties just before its characters.
  let bits = 0;
  for (const op of element.toDelta() as Array<{ insert: unknown }>) {
    if (typeof op.insert === 'string') raw.push({ text: op.insert, bits });
    else if (op.insert instanceof Y.XmlText) readInlineRuns(op.insert, raw);
    else if (op.insert instanceof Y.Map) {
      if (op.insert.get('__type') === 'linebreak') {
        raw.push({ text: '\n', bits: 0 });
        bits = 0;
      } else {
        const format: unknown = op.insert.get('__format');
        bits = typeof format === 'number' && Number.isInteger(format) ? format : 0;
      }
    }
  }
}
